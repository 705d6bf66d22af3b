import { describe, expect, it } from '@jest/globals';
import { DeadlineValueError } from '../deadlines/deadline-window.js';
import { deadlineFromForm } from './action-forms.js';
import { languageOf } from './page-messages.js';

describe(deadlineFromForm.name, () => {
  it('reads the precision from what was typed, in the given time zone', () => {
    expect(deadlineFromForm(' 2026-03-31 ', 'Asia/Karachi')).toEqual({ precision: 'DAY', value: '2026-03-31', timeZone: 'Asia/Karachi' });
    expect(deadlineFromForm('2026-03', 'UTC')).toEqual({ precision: 'MONTH', value: '2026-03', timeZone: 'UTC' });
    expect(deadlineFromForm('2026-q2', 'UTC')).toEqual({ precision: 'QUARTER', value: '2026-Q2', timeZone: 'UTC' });
    expect(deadlineFromForm('2027', 'UTC')).toEqual({ precision: 'YEAR', value: '2027', timeZone: 'UTC' });
  });

  it('refuses what is no deadline or no real date', () => {
    expect(() => deadlineFromForm('next spring', 'UTC')).toThrow(DeadlineValueError);
    expect(() => deadlineFromForm('2026-02-30', 'UTC')).toThrow(DeadlineValueError);
  });

  it('refuses a deadline that gives no more time: one ending at or before the given instant', () => {
    const current = new Date('2026-12-15T12:00:00Z');
    expect(() => deadlineFromForm('2020', 'UTC', current)).toThrow(DeadlineValueError);
    expect(() => deadlineFromForm('1000', 'UTC', current)).toThrow(DeadlineValueError);
    expect(() => deadlineFromForm('2026-12-14', 'UTC', current)).toThrow(DeadlineValueError);
    expect(deadlineFromForm('2026-12-15', 'UTC', current)).toEqual({ precision: 'DAY', value: '2026-12-15', timeZone: 'UTC' });
    expect(deadlineFromForm('2027-Q1', 'UTC', current)).toEqual({ precision: 'QUARTER', value: '2027-Q1', timeZone: 'UTC' });
  });
});

describe(languageOf.name, () => {
  it('takes the most wanted language there are words for, else English', () => {
    expect(languageOf('ur-PK,ur;q=0.9,en;q=0.8')).toBe('ur');
    expect(languageOf('de-DE,ru;q=0.7,en;q=0.5')).toBe('ru');
    expect(languageOf('de-DE')).toBe('en');
    expect(languageOf(undefined)).toBe('en');
    expect(languageOf('ru;q=0')).toBe('en');
  });
});
