import { describe, expect, it } from '@jest/globals';
import { renderReminderEmail, type ReminderEmailView } from './reminder-email.js';
import { escapeHtml, oneLine } from './html.js';
import { timeLeft } from './time-left.js';

function view(overrides: Partial<ReminderEmailView> = {}): ReminderEmailView {
  return {
    kind: 'BEFORE_DUE',
    recipient: { name: 'Ali Raza', timeZone: 'Asia/Karachi' },
    commitment: {
      id: '6f1c2b1e-0000-4000-8000-000000000001',
      title: 'Hold the third round of the JMCC in Pakistan',
      description: null,
      deadlineLabel: '2020',
      deadlineEnd: new Date('2020-12-31T18:59:59.999Z'),
      deadlineTime: null,
    },
    owedBy: { party: 'Pakistan', people: ['Ali Raza', 'Sana Khan'] },
    owedTo: 'Russia',
    meeting: {
      series: 'JMCC',
      round: 2,
      title: 'Second round of the JMCC',
      location: 'Moscow',
      startsAt: new Date('2019-08-20T07:00:00Z'),
      timeZone: 'Europe/Moscow',
    },
    sourceQuote: 'A third round of the consultative committee will be held next year in Pakistan.',
    notes: [{ at: new Date('2020-02-01T10:00:00Z'), actor: 'Sana Khan', text: 'Dates proposed to the Russian side' }],
    now: new Date('2020-12-24T04:00:00Z'),
    publicUrl: 'http://dashboard.test/',
    ...overrides,
  };
}

describe(renderReminderEmail.name, () => {
  it('names the commitment and its deadline label in the subject', () => {
    expect(renderReminderEmail(view()).subject).toBe('Reminder: Hold the third round of the JMCC in Pakistan (due 2020)');
    expect(renderReminderEmail(view({ kind: 'OVERDUE' })).subject).toBe('Overdue: Hold the third round of the JMCC in Pakistan (was due 2020)');
    expect(renderReminderEmail(view({ kind: 'ESCALATION' })).subject).toMatch(/^Escalation: /);
  });

  it('says what is owed, by whom, to whom, by when, where it was said and what was done', () => {
    const { text } = renderReminderEmail(view());
    expect(text).toContain('Hello Ali Raza,');
    expect(text).toContain('What:     Hold the third round of the JMCC in Pakistan');
    expect(text).toContain('Owed by:  Pakistan: Ali Raza, Sana Khan');
    expect(text).toContain('Owed to:  Russia');
    expect(text).toContain('Deadline: 2020 (7 days left)');
    expect(text).toContain('Made at:  JMCC, round 2 (Second round of the JMCC), Moscow, 20 August 2019');
    expect(text).toContain('“A third round of the consultative committee will be held next year in Pakistan.”');
    expect(text).toContain('- 1 Feb 2020, Sana Khan: Dates proposed to the Russian side');
    expect(text).toContain('Open the commitment: http://dashboard.test/commitments/6f1c2b1e-0000-4000-8000-000000000001');
  });

  it('gives a timed deadline on the recipient’s clock too when their zone differs from the deadline’s', () => {
    const timed = (zone: string) =>
      renderReminderEmail(
        view({
          recipient: { name: 'Ali Raza', timeZone: zone },
          commitment: {
            ...view().commitment,
            deadlineLabel: '31 December 2020, 14:08 (UTC)',
            deadlineEnd: new Date('2020-12-31T14:08:00Z'),
            deadlineTime: { at: new Date('2020-12-31T14:08:00Z'), timeZone: 'UTC' },
          },
        }),
      );
    expect(timed('Asia/Karachi').text).toContain('Deadline: 31 December 2020, 14:08 (UTC); 19:08 your time (Asia/Karachi) (7 days left)');
    expect(timed('Asia/Karachi').html).toContain('31 December 2020, 14:08 (UTC); 19:08 your time (Asia/Karachi) (7 days left)');
    expect(timed('UTC').text).toContain('Deadline: 31 December 2020, 14:08 (UTC) (7 days left)');
  });

  it('says how late an overdue commitment is', () => {
    const { text } = renderReminderEmail(view({ kind: 'OVERDUE', now: new Date('2021-01-10T04:00:00Z') }));
    expect(text).toContain('overdue and still open');
    expect(text).toContain('Deadline: 2020 (9 days late)');
  });

  it('escapes everything people typed in the HTML body and keeps the subject on one line', () => {
    const hostile = '<script>alert("x")</script> & co';
    const rendered = renderReminderEmail(
      view({
        commitment: { ...view().commitment, title: `Line one\r\nBcc: victim@example.com ${hostile}` },
        sourceQuote: hostile,
        notes: [{ at: new Date(), actor: '<b>', text: hostile }],
      }),
    );
    expect(rendered.html).not.toContain('<script>');
    expect(rendered.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
    expect(rendered.html).toContain('&lt;b&gt;');
    expect(rendered.subject).not.toMatch(/[\r\n]/);
    expect(rendered.html).toContain('<a href="http://dashboard.test/commitments/6f1c2b1e-0000-4000-8000-000000000001">');
  });

  it('leaves out what is not known', () => {
    const { text, html } = renderReminderEmail(view({ meeting: null, sourceQuote: null, notes: [], owedTo: null, owedBy: { party: null, people: [] } }));
    expect(text).not.toContain('Made at');
    expect(text).not.toContain('As recorded');
    expect(text).toContain('Owed by:  not recorded');
    expect(text).toContain('- none recorded yet');
    expect(html).toContain('None recorded yet.');
  });

  it('names a meeting without a series by its title', () => {
    const { text } = renderReminderEmail(
      view({ meeting: { series: null, round: null, title: 'Forum on energy', location: null, startsAt: null, timeZone: 'UTC' } }),
    );
    expect(text).toContain('Made at:  Forum on energy');
  });
});

describe('mail helpers', () => {
  it('counts time left and time late in the largest whole unit', () => {
    const end = new Date('2026-01-10T00:00:00Z');
    expect(timeLeft(end, new Date('2026-01-07T00:00:00Z'))).toEqual({ overdue: false, phrase: '3 days left' });
    expect(timeLeft(end, new Date('2026-01-09T09:00:00Z'))).toEqual({ overdue: false, phrase: '15 hours left' });
    expect(timeLeft(end, new Date('2026-01-09T23:59:40Z'))).toEqual({ overdue: false, phrase: '20 seconds left' });
    expect(timeLeft(end, new Date('2026-01-10T00:01:00Z'))).toEqual({ overdue: true, phrase: '1 minute late' });
    expect(timeLeft(end, new Date('2026-01-12T01:00:00Z'))).toEqual({ overdue: true, phrase: '2 days late' });
  });

  it('escapes HTML and flattens header text', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(oneLine('a\r\nb\tc   d')).toBe('a b c d');
    expect(oneLine('x'.repeat(10), 5)).toBe('xxxx…');
  });
});
