import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
  envelopeTo: string[];
  to: string;
  subject: string;
  messageId: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  receivedAt: Date;
}

/** A real SMTP server for tests: records what it receives and can refuse mail for a while. */
export class SmtpHarness {
  readonly messages: ReceivedMail[] = [];
  refused = 0;
  private refuseLeft = 0;
  private refuseCode = 451;
  private delayMs = 0;
  private readonly closed = new Set<string>();
  private held = 0;
  private lastReplyAt = 0;
  /** While set, every reply waits for it: the messages in the air stay unanswered. */
  private gate: { promise: Promise<void>; open: () => void } | null = null;
  private server!: SMTPServer;
  port = 0;

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(port = 0): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      size: 10 * 1024 * 1024,
      onData: (stream, session, callback) => this.receive(stream, session, callback),
      onClose: (session) => this.closed.add(session.id),
    });
    this.server.on('error', () => undefined);
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  /** Answers the next `count` messages with a temporary (451) or permanent (5xx) refusal. */
  refuseNext(count: number, code = 451): void {
    this.refuseLeft = count;
    this.refuseCode = code;
  }

  /** Holds each reply this long, like a slow server; a client that dies meanwhile delivered nothing. */
  /** Answers no message until the returned function is called. */
  holdReplies(): () => void {
    let open = () => undefined as void;
    const promise = new Promise<void>((resolve) => (open = resolve));
    this.gate = { promise, open };
    return () => {
      this.gate = null;
      open();
    };
  }

  slowDown(delayMs: number): void {
    this.delayMs = delayMs;
  }

  to(address: string): ReceivedMail[] {
    return this.messages.filter((m) => m.envelopeTo.includes(address.toLowerCase()));
  }

  async waitFor(predicate: (messages: ReceivedMail[]) => boolean, timeoutMs = 20_000): Promise<ReceivedMail[]> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.messages)) {
      if (Date.now() > deadline)
        throw new Error(`Timed out waiting for mail; received ${this.messages.length}: ${this.messages.map((m) => m.subject).join(' | ')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return this.messages;
  }

  /**
   * Resolves at a moment when messages are being held (mid-send) but no reply went out for `quietMs`:
   * every message the server accepted has had time to be marked sent by its client.
   */
  async quietWhileHolding(quietMs: number, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(this.held > 0 && Date.now() - this.lastReplyAt >= quietMs)) {
      if (Date.now() > deadline) throw new Error('The SMTP server never went quiet while holding messages');
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private receive(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null) => void): void {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => void this.reply(Buffer.concat(chunks), session, callback));
  }

  private async reply(raw: Buffer, session: SMTPServerSession, callback: (error?: Error | null) => void): Promise<void> {
    this.held += 1;
    if (this.delayMs) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    while (this.gate) await this.gate.promise;
    this.held -= 1;
    if (this.closed.has(session.id)) return;
    this.lastReplyAt = Date.now();
    if (this.refuseLeft > 0) {
      this.refuseLeft -= 1;
      this.refused += 1;
      callback(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: this.refuseCode }));
      return;
    }
    const parsed = parseMessage(raw.toString('utf8'));
    this.messages.push({ ...parsed, envelopeTo: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), receivedAt: new Date() });
    callback();
  }
}

export async function startSmtp(port = 0): Promise<SmtpHarness> {
  return new SmtpHarness().start(port);
}

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
  }
  return headers;
}

/** RFC 2047 encoded words, as nodemailer writes non-ASCII subjects. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, _charset: string, enc: string, data: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => `%${hex}`);
  try {
    return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
  } catch {
    return bytes;
  }
}

function decodeBody(headers: Record<string, string>, body: string): string {
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}

function splitPart(raw: string): { headers: Record<string, string>; body: string } {
  const gap = raw.search(/\r?\n\r?\n/);
  if (gap < 0) return { headers: parseHeaders(raw), body: '' };
  return { headers: parseHeaders(raw.slice(0, gap)), body: raw.slice(gap).replace(/^\r?\n\r?\n/, '') };
}

function parseMessage(raw: string): Omit<ReceivedMail, 'envelopeTo' | 'receivedAt'> {
  const { headers, body } = splitPart(raw);
  let text = '';
  let html = '';
  const collect = (partHeaders: Record<string, string>, partBody: string) => {
    const type = partHeaders['content-type'] ?? 'text/plain';
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
    if (boundary) {
      for (const piece of partBody.split(`--${boundary}`).slice(1)) {
        if (piece.startsWith('--')) break;
        const part = splitPart(piece.replace(/^\r?\n/, ''));
        collect(part.headers, part.body);
      }
    } else if (type.startsWith('text/html')) {
      html = decodeBody(partHeaders, partBody);
    } else if (type.startsWith('text/plain')) {
      text = decodeBody(partHeaders, partBody);
    }
  };
  collect(headers, body);
  return { headers, to: headers.to ?? '', subject: headers.subject ?? '', messageId: headers['message-id'] ?? '', text: text.replace(/\r\n/g, '\n'), html };
}
