import { randomUUID } from 'node:crypto';
import MailComposer, { type MailComposerOptions } from 'nodemailer/lib/mail-composer';
import type MimeNode from 'nodemailer/lib/mime-node';
import { encode, wrap } from 'nodemailer/lib/qp';

/** An email ready for the wire: its SMTP envelope, its Message-ID and its bytes. */
export interface MimeMessage {
  envelope: { from: string | false; to: string[] };
  messageId: string;
  raw: Buffer;
}

/**
 * The message nodemailer builds from these options, byte for byte (a test holds the two equal), written
 * in one pass. nodemailer streams every part through encoder streams over several turns of the event
 * loop, which made building an email cost about as much CPU as sending it; text and HTML given as
 * strings need no stream. The MIME tree (headers, addresses, boundaries, encodings) is still nodemailer's;
 * a part of another kind is built by nodemailer itself.
 */
export async function composeMessage(options: MailComposerOptions): Promise<MimeMessage> {
  // Random per message, so no content can close a part; randomUUID draws on cached entropy, where each
  // MIME node would otherwise make a randomBytes call of its own.
  const root = new MailComposer({ baseBoundary: randomUUID(), ...options }).compile();
  const written = write(root);
  const raw = written === null ? await root.build() : Buffer.from(written.endsWith('\n') ? written : `${written}\r\n`);
  return { envelope: root.getEnvelope(), messageId: root.messageId(), raw };
}

/** A node as MimeNode streams it, or null for a part that is not a string in 7bit or quoted-printable. */
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
  if (encoding === 'quoted-printable') return head + wrap(encode(content), 76);
  return encoding === '7bit' ? head + content : null;
}
