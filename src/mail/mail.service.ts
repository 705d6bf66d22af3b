import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG } from '../core/config/config.module.js';
import type { AppConfig } from '../core/config/config.schema.js';
import { Mailbox, mailboxDir } from './mailbox.js';
import { composeMessage, type MimeMessage } from './mime-message.js';
import { SmtpSender } from './smtp-sender.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Derived from what the mail is about, so a resend after a crash is recognisable as the same message. */
  messageId: string;
  headers?: Record<string, string>;
}

/** The SMTP server said no: 4xx is worth retrying, 5xx (unknown mailbox, refused) is not. */
export class MailRejectedError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

@Injectable()
export class MailService implements OnApplicationShutdown {
  private readonly outbox: { send(message: MimeMessage): Promise<unknown>; close(): void };
  private readonly domain: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    // Without an SMTP server, mail goes to the built-in mailbox (DATA_DIR/mail, GET /api/v1/dev/mailbox).
    if (config.SMTP_URL === undefined) {
      const mailbox = new Mailbox(mailboxDir(config));
      this.outbox = { send: (message) => mailbox.store(message.raw), close: () => undefined };
    } else
      this.outbox = new SmtpSender({
        url: config.SMTP_URL,
        // Delivery keeps at most SMTP_POOL_SIZE emails in the air per worker, one per connection.
        maxConnections: config.SMTP_POOL_SIZE,
        // Reconnecting costs a TCP and SMTP handshake: keep a connection for many messages, within what
        // servers commonly allow per connection.
        maxMessages: config.SMTP_MAX_MESSAGES,
        // A hung server must fail the send well within the reminder's lease.
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      });
    this.domain = /@([^>\s]+)>?\s*$/.exec(config.MAIL_FROM)?.[1] ?? 'followthrough.local';
  }

  /** A stable Message-ID: `<reminder.<id>@<sender domain>>`. */
  messageId(kind: 'reminder' | 'digest' | 'notice', id: string): string {
    return `<${kind}.${id}@${this.domain}>`;
  }

  async send(mail: OutgoingMail): Promise<void> {
    // Built in full before it is handed to the connection: streamed part by part, a message went out in
    // about eleven writes (each waking the server) as its parts were produced; whole, in three with the
    // envelope and the end of data.
    const message = await composeMessage({ from: this.config.MAIL_FROM, ...mail });
    try {
      await this.outbox.send(message);
    } catch (error: unknown) {
      const code = (error as { responseCode?: number }).responseCode;
      const message = error instanceof Error ? error.message : String(error);
      throw new MailRejectedError(message, code !== undefined && code >= 500);
    }
  }

  onApplicationShutdown(): void {
    this.outbox.close();
  }
}
