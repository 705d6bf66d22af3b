import { describe, expect, it } from '@jest/globals';
import { defaultPolicy, effectivePolicy, formatOffset, parseOffset, reminderPolicySchema } from './reminder-policy.js';

describe('parseOffset', () => {
  it.each([
    ['-P30D', { days: -30 }],
    ['P0D', { days: 0 }],
    ['P1D', { days: 1 }],
    ['+P1D', { days: 1 }],
    ['-PT20S', { seconds: -20 }],
    ['-P1DT2H', { days: -1, hours: -2 }],
    ['-P6M', { months: -6 }],
    ['p1w', { weeks: 1 }],
  ])('reads %s', (iso, expected) => {
    expect(parseOffset(iso).toObject()).toEqual(expected);
  });

  it.each(['', 'P', '-P', 'PT', 'P-1D', 'P1DT', '7D', 'P1.5D', '--P1D', 'P1H', 'PT1.5S', 'PT0.001S', 'P9999999Y'])('refuses %j', (iso) => {
    expect(() => parseOffset(iso)).toThrow(RangeError);
  });

  it.each(['-P30D', 'P0D', 'P7D', '-PT20S', '-P1DT2H', 'P1M'])('writes %s back unchanged', (iso) => {
    expect(formatOffset(parseOffset(iso))).toBe(iso);
  });
});

describe('reminderPolicySchema', () => {
  it('accepts the documented example', () => {
    const policy = { offsets: ['-P30D', '-P7D', '-P1D', 'P0D', 'P1D', 'P7D'], localTime: '09:00', repeatOverdueEvery: 'P7D' };
    expect(reminderPolicySchema.parse(policy)).toEqual(policy);
  });

  it('accepts repeats of an hour or more and offsets up to ten years', () => {
    expect(reminderPolicySchema.safeParse({ offsets: ['-P10Y', 'P10Y', '-PT20S'], repeatOverdueEvery: 'PT1H' }).success).toBe(true);
    expect(reminderPolicySchema.safeParse({ repeatOverdueEvery: 'P10Y' }).success).toBe(true);
  });

  it('accepts nulls and normalises case', () => {
    expect(reminderPolicySchema.parse({ offsets: ['-pt20s'], localTime: null, repeatOverdueEvery: null })).toEqual({
      offsets: ['-PT20S'],
      localTime: null,
      repeatOverdueEvery: null,
    });
  });

  it.each([
    [{ offsets: ['7 days'] }, 'offsets'],
    [{ offsets: ['P1D', 'P1D'] }, 'offsets'],
    [{ localTime: '9:00' }, 'localTime'],
    [{ localTime: '24:00' }, 'localTime'],
    [{ repeatOverdueEvery: '-P7D' }, 'repeatOverdueEvery'],
    [{ repeatOverdueEvery: 'P0D' }, 'repeatOverdueEvery'],
    [{ every: 'P1D' }, ''],
    [{ repeatOverdueEvery: 'PT1S' }, 'repeatOverdueEvery'],
    [{ repeatOverdueEvery: 'PT59M' }, 'repeatOverdueEvery'],
    [{ repeatOverdueEvery: 'PT0.001S' }, 'repeatOverdueEvery'],
    [{ repeatOverdueEvery: 'P99999999999999999999999Y' }, 'repeatOverdueEvery'],
    [{ repeatOverdueEvery: 'P11Y' }, 'repeatOverdueEvery'],
    [{ offsets: ['P99999999999Y'] }, 'offsets.0'],
    [{ offsets: ['-P10Y1D'] }, 'offsets.0'],
    [{ offsets: ['PT87700H'] }, 'offsets.0'],
  ])('refuses %j', (policy, field) => {
    const result = reminderPolicySchema.safeParse(policy);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path.join('.')).toContain(field);
  });
});

describe('effectivePolicy', () => {
  it('gives a YEAR deadline earlier reminders than a DAY one', () => {
    const earliest = (p: string[]) => Math.min(...p.map((o) => parseOffset(o).toMillis()));
    expect(earliest(defaultPolicy('YEAR', '09:00').offsets)).toBeLessThan(earliest(defaultPolicy('DAY', '09:00').offsets));
  });

  it('keeps exact times for a DATETIME deadline and the configured hour otherwise', () => {
    expect(defaultPolicy('DATETIME', '08:30').localTime).toBeNull();
    expect(defaultPolicy('QUARTER', '08:30').localTime).toBe('08:30');
  });

  it.each(['DATETIME', 'DAY', 'MONTH', 'QUARTER', 'YEAR', 'MEETING'] as const)('has a valid default for %s', (precision) => {
    expect(reminderPolicySchema.safeParse(defaultPolicy(precision, '09:00')).success).toBe(true);
  });

  it('lays an override over the default field by field', () => {
    expect(effectivePolicy('DAY', { localTime: null }, '09:00')).toEqual({ ...defaultPolicy('DAY', '09:00'), localTime: null });
    expect(effectivePolicy('DAY', { offsets: [], repeatOverdueEvery: null }, '09:00')).toEqual({ offsets: [], localTime: '09:00', repeatOverdueEvery: null });
    expect(effectivePolicy('MONTH', null, '07:00')).toEqual(defaultPolicy('MONTH', '07:00'));
  });
});
