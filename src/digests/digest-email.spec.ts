import { describe, expect, it } from '@jest/globals';
import { renderDigestEmail } from './digest-email.js';

describe(renderDigestEmail.name, () => {
  const now = new Date('2026-03-10T03:00:00Z');
  const sut = () =>
    renderDigestEmail({
      recipientName: 'Sana Khan',
      recipientTimeZone: 'Asia/Karachi',
      now,
      publicUrl: 'http://dashboard.test',
      items: [
        { id: 'a', title: 'Send the draft <agenda>', deadlineLabel: 'February 2026', deadlineEnd: new Date('2026-02-28T18:59:59.999Z'), deadlineTime: null },
        { id: 'b', title: 'Book the venue', deadlineLabel: '15 March 2026', deadlineEnd: new Date('2026-03-15T18:59:59.999Z'), deadlineTime: null },
        {
          id: 'c',
          title: 'Call the embassy',
          deadlineLabel: '12 March 2026, 14:08 (UTC)',
          deadlineEnd: new Date('2026-03-12T14:08:00Z'),
          deadlineTime: { at: new Date('2026-03-12T14:08:00Z'), timeZone: 'UTC' },
        },
      ],
    });

  it('counts what is overdue and what is due soon in the subject', () => {
    expect(sut().subject).toBe('Your commitments: 1 overdue, 2 due soon');
  });

  it('lists each commitment under its heading with its deadline, time left or late, and link', () => {
    const { text } = sut();
    expect(text).toContain('Overdue:\n- Send the draft <agenda> (February 2026; 9 days late)\n  http://dashboard.test/commitments/a');
    expect(text).toContain('Due soon:\n- Book the venue (15 March 2026; 5 days left)\n  http://dashboard.test/commitments/b');
  });

  it('gives a deadline’s time on the reader’s clock too when it differs from the deadline’s zone', () => {
    expect(sut().text).toContain('- Call the embassy (12 March 2026, 14:08 (UTC); 19:08 your time (Asia/Karachi); 2 days left)');
    expect(sut().html).toContain('(12 March 2026, 14:08 (UTC); 19:08 your time (Asia/Karachi); 2 days left)');
  });

  it('escapes titles in HTML', () => {
    expect(sut().html).toContain('<a href="http://dashboard.test/commitments/a">Send the draft &lt;agenda&gt;</a>');
  });
});
