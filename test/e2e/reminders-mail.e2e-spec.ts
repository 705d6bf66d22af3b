import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../src/core/config/config.js';
import { MailRejectedError, MailService } from '../../src/mail/mail.service.js';
import { renderReminderEmail } from '../../src/mail/reminder-email.js';
import { startSmtp, type SmtpHarness } from '../support/smtp.js';

describe(MailService.name, () => {
  let smtp: SmtpHarness;
  let sut: MailService;

  beforeAll(async () => {
    smtp = await startSmtp();
    sut = new MailService({ ...loadConfig(), SMTP_URL: smtp.url });
  });

  afterAll(async () => {
    sut.onApplicationShutdown();
    await smtp.stop();
  });

  const rendered = renderReminderEmail({
    kind: 'DUE',
    recipient: { name: 'Ivan Petrov', timeZone: 'Europe/Moscow' },
    commitment: {
      id: 'c-1',
      title: 'Форум «Россия–Пакистан» & co',
      description: null,
      deadlineLabel: '5–6 September 2019',
      deadlineEnd: new Date('2019-09-06T20:59:59.999Z'),
      deadlineTime: null,
    },
    owedBy: { party: 'Russia', people: ['Ivan Petrov'] },
    owedTo: 'Pakistan',
    meeting: null,
    sourceQuote: 'The prime minister accepted the invitation to attend the forum on 5-6 September.',
    notes: [],
    now: new Date('2019-09-05T06:00:00Z'),
    publicUrl: 'http://dashboard.test',
  });

  it('sends text and HTML with the Message-ID it is given', async () => {
    await sut.send({ to: 'ivan@example.test', ...rendered, messageId: sut.messageId('reminder', 'r-1') });
    const [mail] = await smtp.waitFor((m) => m.length === 1);
    expect(mail.envelopeTo).toEqual(['ivan@example.test']);
    expect(mail.messageId).toBe('<reminder.r-1@test.local>');
    expect(mail.subject).toBe('Reminder: Форум «Россия–Пакистан» & co (due 5–6 September 2019)');
    expect(mail.text).toContain('Owed to:  Pakistan');
    expect(mail.html).toContain('Форум «Россия–Пакистан» &amp; co');
  });

  it('reports a temporary refusal as retryable and a permanent one as final', async () => {
    smtp.refuseNext(1, 451);
    const temporary = await sut.send({ to: 'a@example.test', ...rendered, messageId: sut.messageId('reminder', 'r-2') }).catch((e: unknown) => e);
    expect(temporary).toBeInstanceOf(MailRejectedError);
    expect((temporary as MailRejectedError).permanent).toBe(false);
    smtp.refuseNext(1, 554);
    const permanent = await sut.send({ to: 'a@example.test', ...rendered, messageId: sut.messageId('reminder', 'r-3') }).catch((e: unknown) => e);
    expect((permanent as MailRejectedError).permanent).toBe(true);
    expect(smtp.refused).toBe(2);
  });
});
