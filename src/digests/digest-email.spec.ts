import { describe, expect, it } from '@jest/globals';
import { renderDigestEmail } from './digest-email.js';

describe(renderDigestEmail.name, () => {
  const now = new Date('2026-03-10T03:00:00Z');
  const sut = () =>
    renderDigestEmail({
      recipientName: 'Sana Khan',
      now,
      publicUrl: 'http://dashboard.test',
      items: [
        { id: 'a', title: 'Send the draft <agenda>', deadlineLabel: 'February 2026', deadlineEnd: new Date('2026-02-28T18:59:59.999Z') },
        { id: 'b', title: 'Book the venue', deadlineLabel: '15 March 2026', deadlineEnd: new Date('2026-03-15T18:59:59.999Z') },
      ],
    });

  it('counts what is overdue and what is due soon in the subject', () => {
    expect(sut().subject).toBe('Your commitments: 1 overdue, 1 due soon');
  });

  it('lists each commitment under its heading with its deadline, time left or late, and link', () => {
    const { text } = sut();
    expect(text).toContain('Overdue:\n- Send the draft <agenda> (February 2026; 9 days late)\n  http://dashboard.test/commitments/a');
    expect(text).toContain('Due soon:\n- Book the venue (15 March 2026; 5 days left)\n  http://dashboard.test/commitments/b');
  });

  it('escapes titles in HTML', () => {
    expect(sut().html).toContain('<a href="http://dashboard.test/commitments/a">Send the draft &lt;agenda&gt;</a>');
  });
});
