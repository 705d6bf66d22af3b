import { afterEach, describe, expect, it, jest } from '@jest/globals';
import MailComposer from 'nodemailer/lib/mail-composer';
import MimeNode from 'nodemailer/lib/mime-node';
import { composeMessage, type MessageOptions } from './mime-message.js';

// Fixed where nodemailer would pick at random or read the clock, so both builds can be compared.
const fixed = {
  from: 'Followthrough <followthrough@example.org>',
  to: 'Ali Raza <ali@example.org>',
  messageId: '<reminder.6f1c2b1e@example.org>',
  date: new Date('2020-12-24T04:00:00Z'),
  baseBoundary: '0f4c1a2b-9d3e-4f5a-8b6c-7d8e9f0a1b2c',
};

const longWord = 'x'.repeat(200);
const reminder = {
  subject: 'Reminder: Hold the third round of the JMCC in Pakistan (due 2020)',
  text: 'Hello Ali Raza,\n\nWhat:     Hold the third round\nDeadline: 2020 (7 days left)\n\nMark done: http://dashboard.test/actions/done?t=abc=def&x=1\n',
  html: '<!doctype html><html><body><p>Hello <b>Ali Raza</b>,</p><p><a href="http://dashboard.test/actions/done?t=abc=def&amp;x=1">Mark done</a></p></body></html>',
  headers: { 'List-Unsubscribe': '<http://dashboard.test/unsubscribe?t=abc>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
};
type Case = Omit<MessageOptions, keyof typeof fixed> & Partial<MessageOptions>;
const written: Record<string, Case> = {
  'a reminder': reminder,
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
  'text alone, ending without a line break': { subject: 'Text only', text: 'Plain ASCII text, short lines.' },
  'text alone, ending in a carriage return': { subject: 'Text only', text: 'Ends in CR\r' },
  'text alone, encoded, ending in a carriage return': { subject: 'Text only', text: `${longWord} é\r` },
  'an empty body': { subject: 'Empty', text: '', html: '' },
};
// A digest of hundreds of commitments can pass the quoted-printable encoder's 64 KiB slice, where its
// lines are wrapped slice by slice: nodemailer builds it.
const built: Record<string, Case> = {
  'a part larger than the encoder’s slice': { subject: 'A long digest', text: 'é'.repeat(40_000), html: `<p>${'Überfällig '.repeat(8000)}</p>` },
};

async function nodemailerBuild(options: MessageOptions): Promise<Buffer> {
  return new MailComposer({ ...options, textEncoding: 'quoted-printable' }).compile().build();
}

describe(composeMessage.name, () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it.each(Object.entries({ ...written, ...built }))('gives %s byte for byte as nodemailer builds it', async (name, options) => {
    const streamed = jest.spyOn(MimeNode.prototype, 'build');
    const message = await composeMessage({ ...fixed, ...options });
    // Parts given as strings are written in one pass; nodemailer streams only what it must.
    expect(streamed).toHaveBeenCalledTimes(name in built ? 1 : 0);
    expect(message.raw.toString('latin1')).toBe((await nodemailerBuild({ ...fixed, ...options })).toString('latin1'));
    expect(message.messageId).toBe(fixed.messageId);
    expect(message.envelope).toEqual({ from: 'followthrough@example.org', to: [expect.stringMatching(/@example\.org$/)] });
  });

  it('gives every message boundaries of its own, so no content can end a part', async () => {
    const { date: _date, baseBoundary: _boundary, ...unfixed } = fixed;
    const boundary = async () => /boundary="([^"]+)"/.exec((await composeMessage({ ...unfixed, ...reminder })).raw.toString())?.[1];
    const [first, second] = await Promise.all([boundary(), boundary()]);
    expect(first).toMatch(/\S{20,}/);
    expect(second).not.toBe(first);
  });
});
