import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import PostalMime from 'postal-mime';
import type { AppConfig } from '../core/config/config.schema.js';

/** Where the built-in mailbox keeps its messages. */
export const mailboxDir = (config: Pick<AppConfig, 'DATA_DIR'>) => path.resolve(config.DATA_DIR, 'mail');

export interface MailboxEntry {
  id: string;
  to: string[];
  subject: string;
  messageId: string | null;
  date: string | null;
}

export interface MailboxMessage extends MailboxEntry {
  text: string;
  html: string | null;
}

// A file's name is its id: the time it was stored (sorts in order) and a random part.
const ID = /^\d{8}T\d{9}Z-[0-9a-f-]{36}$/;

/**
 * The built-in mailbox used when no SMTP server is configured: every message is a complete
 * RFC 5322 `.eml` file (open it with any mail program), one per send, never overwritten.
 */
export class Mailbox {
  constructor(readonly dir: string) {}

  /** Stores one message; written under a temporary name and renamed, so a reader never sees half of it. */
  async store(raw: Buffer): Promise<string> {
    await mkdir(this.dir, { recursive: true });
    const id = `${new Date().toISOString().replace(/[-:.]/g, '')}-${randomUUID()}`;
    const file = path.join(this.dir, `${id}.eml`);
    await writeFile(`${file}.part`, raw);
    await rename(`${file}.part`, file);
    return id;
  }

  /** Newest first, at most `limit`, after the message `before` (the last id of the previous page). */
  async list(limit: number, before?: string): Promise<{ items: MailboxEntry[]; more: boolean }> {
    const ids = (await this.ids()).filter((id) => before === undefined || id < before);
    const page = ids.slice(0, limit);
    const items = await Promise.all(page.map(async (id) => entry(id, await this.parse(id))));
    return { items, more: ids.length > limit };
  }

  /** The message with its text and HTML parts, or null if there is none with that id. */
  async read(id: string): Promise<MailboxMessage | null> {
    if (!ID.test(id)) return null;
    const email = await this.parse(id).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    return email && { ...entry(id, email), text: email.text ?? '', html: email.html ?? null };
  }

  private async ids(): Promise<string[]> {
    const names = await readdir(this.dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    return names
      .filter((name) => name.endsWith('.eml'))
      .map((name) => name.slice(0, -4))
      .filter((id) => ID.test(id))
      .sort()
      .reverse();
  }

  private async parse(id: string) {
    return PostalMime.parse(await readFile(path.join(this.dir, `${id}.eml`)));
  }
}

function entry(id: string, email: Awaited<ReturnType<typeof PostalMime.parse>>): MailboxEntry {
  return {
    id,
    to: (email.to ?? []).flatMap((to) => ('address' in to && to.address ? [to.address] : [])),
    subject: email.subject ?? '',
    messageId: email.messageId ?? null,
    date: email.date ?? null,
  };
}
