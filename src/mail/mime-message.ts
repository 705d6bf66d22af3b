import { randomUUID } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import type MimeNode from 'nodemailer/lib/mime-node';
import { encode, wrap } from 'nodemailer/lib/qp';

/** An email of ours: text, and HTML beside it, as strings. */
export interface MessageOptions {
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  messageId: string;
  headers?: Record<string, string>;
  /** Set only where the bytes must not vary (tests); otherwise now, and a random boundary. */
  date?: Date;
  baseBoundary?: string;
}

/** An email ready for the wire: its SMTP envelope, its Message-ID and its bytes. */
export interface MimeMessage {
  envelope: { from: string | false; to: string[] };
  messageId: string;
  raw: Buffer;
}

// nodemailer's quoted-printable encoder wraps its input in slices of this size; up to it, encoding a
// part at once gives the same lines.
const QP_SLICE_BYTES = 64 * 1024;

/**
 * The message nodemailer builds from these options, byte for byte (a test holds the two equal), written
 * in one pass. nodemailer streams every part through encoder streams over several turns of the event
 * loop, which made building an email cost about as much CPU as sending it; parts given as strings need
 * no stream. The MIME tree (headers, addresses, boundaries, encodings) is still nodemailer's, and a
 * part larger than the encoder's slice is built by nodemailer itself.
 */
export async function composeMessage(options: MessageOptions): Promise<MimeMessage> {
  const root = new MailComposer({
    // Random per message, so no content can close a part; randomUUID draws on cached entropy, where the
    // root MIME node would otherwise make a randomBytes call of its own.
    baseBoundary: randomUUID(),
    ...options,
    // Quoted-printable throughout, as nodemailer chooses for mostly Latin text, without it reading every
    // part through to choose (text mostly in other scripts comes out larger than base64 would make it).
    textEncoding: 'quoted-printable',
  }).compile();
  const written = write(root);
  const raw = written === null ? await root.build() : Buffer.from(written + finalNewline(written));
  return { envelope: root.getEnvelope(), messageId: root.messageId(), raw };
}

/** A node as MimeNode streams it, or null for a part that is not a string of at most one encoder slice. */
function write(node: MimeNode): string | null {
  const head = `${node.buildHeaders()}\r\n\r\n`;
  if (node.multipart) {
    const parts = node.childNodes.map(write);
    if (parts.includes(null)) return null;
    return `${head}${parts.map((part) => `--${node.boundary}\r\n${part}`).join('\r\n')}\r\n--${node.boundary}--\r\n`;
  }
  const { content } = node;
  if (content === undefined || content === '') return head;
  if (typeof content !== 'string') return null;
  const encoding = node.getTransferEncoding();
  if (encoding === '7bit') return head + content;
  return encoding === 'quoted-printable' && Buffer.byteLength(content) <= QP_SLICE_BYTES ? head + wrap(encode(content), 76) : null;
}

/** What nodemailer appends so that a message ends with a line break. */
function finalNewline(message: string): string {
  if (message.endsWith('\n')) return '';
  return message.endsWith('\r') ? '\n' : '\r\n';
}
