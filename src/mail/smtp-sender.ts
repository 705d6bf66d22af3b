import { Readable } from 'node:stream';
import type MailMessage from 'nodemailer/lib/mailer/mail-message';
import SMTPPool, { type SMTPPoolOptions, type SMTPPoolSentMessageInfo } from 'nodemailer/lib/smtp-pool';
import type { MimeMessage } from './mime-message.js';

/**
 * nodemailer's SMTP pool, handed messages already built. Of a message, a transport reads its envelope,
 * its Message-ID and a stream of its bytes; the mailer in front of it would parse the built message into
 * a MIME tree again and pass it through three more streams, which took more CPU than building it.
 */
export class SmtpSender {
  private readonly pool: SMTPPool;

  constructor(options: SMTPPoolOptions) {
    this.pool = new SMTPPool(options);
  }

  send(message: MimeMessage): Promise<void> {
    const { envelope, messageId, raw } = message;
    const mail = {
      data: {},
      message: {
        // A copy each time: the connection keeps the envelope it is given as its own.
        getEnvelope: () => ({ from: envelope.from, to: [...envelope.to] }),
        messageId: () => messageId,
        getHeader: (key: string) => (key.toLowerCase() === 'message-id' ? messageId : undefined),
        // A stream rather than the bytes: the pool moves a message to another connection when its own
        // closed before reading any of it (a server dropping an idle connection).
        createReadStream: () => Readable.from(raw),
      },
    } as unknown as MailMessage<SMTPPoolSentMessageInfo>;
    return new Promise((resolve, reject) => {
      this.pool.send(mail, (error) => (error ? reject(error) : resolve()));
    });
  }

  close(): void {
    this.pool.close();
  }
}
