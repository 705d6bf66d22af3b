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
        {
          id: 'a',
          title: 'Send the draft <agenda>',
          deadlineLabel: 'February 2026',
          deadlineEnd: new Date('2026-02-28T18:59:59.999Z'),
          section: 'RESPONSIBLE',
          escalatedBy: [],
          deadlineTime: null,
        },
        {
          id: 'b',
          title: 'Book the venue',
          deadlineLabel: '15 March 2026',
          deadlineEnd: new Date('2026-03-15T18:59:59.999Z'),
          section: 'WATCHING',
          escalatedBy: [],
          deadlineTime: null,
        },
        {
          id: 'c',
          title: 'Confirm the dates',
          deadlineLabel: '1 March 2026',
          deadlineEnd: new Date('2026-03-01T18:59:59.999Z'),
          section: 'ESCALATED',
          escalatedBy: ['Ali Raza'],
          deadlineTime: null,
        },
      ],
    });

  it('counts what is overdue, due soon and escalated in the subject', () => {
    expect(sut().subject).toBe('Your commitments: 1 overdue, 1 due soon, 1 escalated to you');
  });

  it('lists each commitment under its section with its deadline, time left or late, and link', () => {
    const { text } = sut();
    expect(text).toContain('You are responsible for:\n- Send the draft <agenda> (February 2026; 9 days late)\n  http://dashboard.test/commitments/a');
    expect(text).toContain(
      'Escalated to you (overdue):\n- Confirm the dates (1 March 2026; 8 days late; responsible: Ali Raza)\n  http://dashboard.test/commitments/c',
    );
    expect(text).toContain('You are watching:\n- Book the venue (15 March 2026; 5 days left)\n  http://dashboard.test/commitments/b');
    expect(text.indexOf('You are responsible for')).toBeLessThan(text.indexOf('Escalated to you'));
    expect(text.indexOf('Escalated to you')).toBeLessThan(text.indexOf('You are watching'));
  });

  it('leaves out empty sections', () => {
    const watched = {
      id: 'b',
      title: 'Book the venue',
      deadlineLabel: '15 March 2026',
      deadlineEnd: new Date('2026-03-15T18:59:59.999Z'),
      section: 'WATCHING' as const,
      escalatedBy: [],
      deadlineTime: null,
    };
    const { text, subject } = renderDigestEmail({
      recipientName: 'Ivan Petrov',
      recipientTimeZone: 'Europe/Moscow',
      now,
      publicUrl: 'http://dashboard.test',
      items: [watched],
    });
    expect(subject).toBe('Your commitments: 1 due soon');
    expect(text).toContain('You are watching:');
    expect(text).not.toContain('You are responsible for');
    expect(text).not.toContain('Escalated to you');
  });

  it('gives a deadline’s time on the reader’s clock too when it differs from the deadline’s zone', () => {
    const at = new Date('2026-03-12T14:08:00Z');
    const call = {
      id: 'd',
      title: 'Call the embassy',
      deadlineLabel: '12 March 2026, 14:08 (UTC)',
      deadlineEnd: at,
      section: 'RESPONSIBLE' as const,
      escalatedBy: [],
    };
    const render = (recipientTimeZone: string) =>
      renderDigestEmail({
        recipientName: 'Sana Khan',
        recipientTimeZone,
        now,
        publicUrl: 'http://dashboard.test',
        items: [{ ...call, deadlineTime: { at, timeZone: 'UTC' } }],
      });
    expect(render('Asia/Karachi').text).toContain('- Call the embassy (12 March 2026, 14:08 (UTC); 19:08 your time (Asia/Karachi); 2 days left)');
    expect(render('Asia/Karachi').html).toContain('(12 March 2026, 14:08 (UTC); 19:08 your time (Asia/Karachi); 2 days left)');
    expect(render('UTC').text).toContain('- Call the embassy (12 March 2026, 14:08 (UTC); 2 days left)');
  });

  it('escapes titles in HTML', () => {
    expect(sut().html).toContain('<h3>You are responsible for</h3><ul><li><a href="http://dashboard.test/commitments/a">Send the draft &lt;agenda&gt;</a>');
  });
});
