import { describe, expect, it, jest } from '@jest/globals';
import MailComposer, { type MailComposerOptions } from 'nodemailer/lib/mail-composer';
import MimeNode from 'nodemailer/lib/mime-node';
import { composeMessage } from './mime-message.js';

// Fixed where nodemailer would pick at random or read the clock, so both builds can be compared.
const fixed: MailComposerOptions = {
  from: 'Followthrough <followthrough@example.org>',
  to: 'Ali Raza <ali@example.org>',
  messageId: '<reminder.6f1c2b1e@example.org>',
  date: new Date('2020-12-24T04:00:00Z'),
  baseBoundary: '0f4c1a2b-9d3e-4f5a-8b6c-7d8e9f0a1b2c',
  textEncoding: 'quoted-printable',
};

const longWord = 'x'.repeat(200);
const cases: Record<string, MailComposerOptions> = {
  'a reminder': {
    subject: 'Reminder: Hold the third round of the JMCC in Pakistan (due 2020)',
    text: 'Hello Ali Raza,\n\nWhat:     Hold the third round\nDeadline: 2020 (7 days left)\n\nMark done: http://dashboard.test/actions/done?t=abc=def&x=1\n',
    html: '<!doctype html><html><body><p>Hello <b>Ali Raza</b>,</p><p><a href="http://dashboard.test/actions/done?t=abc=def&amp;x=1">Mark done</a></p></body></html>',
    headers: { 'List-Unsubscribe': '<http://dashboard.test/unsubscribe?t=abc>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  },
  'text in other scripts, with its name and subject encoded': {
    to: 'Сана Хан <sana@example.org>',
    subject: 'Напоминание: третий раунд в Пакистане — تیسرا دور',
    text: 'Третий раунд консультативного комитета состоится в следующем году в Пакистане. 🎉\nتیسرا دور اگلے سال پاکستان میں ہوگا۔',
    html: '<p>Третий раунд — <i>تیسرا دور</i> 🎉</p>',
  },
  'long lines, trailing spaces, leading dots and equals signs': {
    subject: 'Edge cases',
    text: `${longWord}\n.\n.. starts with dots\ntrailing spaces   \ntrailing tab\t\nequals = and ==\r\nCRLF line\r\n\r\n`,
    html: `<p>${longWord}</p>\n.\n<p>a=b</p>   `,
  },
  'text alone': { subject: 'Text only', text: 'Plain ASCII text, short lines.\n' },
  'an empty body': { subject: 'Empty', text: '', html: '' },
  'an attachment': { subject: 'With a file', text: 'See attached.', attachments: [{ filename: 'minutes.txt', content: 'Minutes' }] },
};

describe(composeMessage.name, () => {
  it.each(Object.entries(cases))('writes %s byte for byte as nodemailer builds it', async (name, options) => {
    const streamed = jest.spyOn(MimeNode.prototype, 'build');
    const message = await composeMessage({ ...fixed, ...options });
    // Strings are written in one pass; nodemailer streams only what is not a string (the attachment).
    expect(streamed).toHaveBeenCalledTimes(name === 'an attachment' ? 1 : 0);
    streamed.mockRestore();
    const built = await new MailComposer({ ...fixed, ...options }).compile().build();
    expect(message.raw.toString('latin1')).toBe(built.toString('latin1'));
    expect(message.messageId).toBe(fixed.messageId);
    expect(message.envelope).toEqual({ from: 'followthrough@example.org', to: [expect.stringMatching(/@example\.org$/)] });
  });

  it('gives every message boundaries of its own, so no content can end a part', async () => {
    const { date, baseBoundary, ...rest } = fixed;
    expect(date && baseBoundary).toBeTruthy();
    const boundary = async () => /boundary="([^"]+)"/.exec((await composeMessage({ ...rest, ...cases['a reminder'] })).raw.toString())?.[1];
    const [first, second] = await Promise.all([boundary(), boundary()]);
    expect(first).toMatch(/\S{20,}/);
    expect(second).not.toBe(first);
  });
});
