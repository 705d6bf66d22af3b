import type { Transport } from 'nodemailer';
import type MailMessage from 'nodemailer/lib/mailer/mail-message.js';
import type { Mailbox } from './mailbox.js';

export interface MailboxSentInfo {
  envelope: { from: string | false; to: string[] };
  messageId: string;
  /** The mailbox's id for the stored message. */
  response: string;
}

/**
 * A nodemailer transport that delivers into the built-in mailbox: the message nodemailer builds for
 * SMTP, byte for byte, stored as an `.eml` file instead of being sent.
 */
export class MailboxTransport implements Transport<MailboxSentInfo> {
  readonly name = 'mailbox';
  readonly version = '1';

  constructor(private readonly mailbox: Mailbox) {}

  send(mail: MailMessage<MailboxSentInfo>, callback: (error: Error | null, info: MailboxSentInfo) => void): void {
    const envelope = mail.message.getEnvelope();
    const messageId = mail.message.messageId();
    mail.message
      .build()
      .then((raw) => this.mailbox.store(raw))
      .then(
        (id) => callback(null, { envelope, messageId, response: id }),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), { envelope, messageId, response: '' }),
      );
  }
}
