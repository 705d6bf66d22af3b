/**
 * Places on the SMTP pool. Chunks take a place per email, so a worker never has more emails in the
 * air than it has connections, and a stopping worker can hand back what it has not started yet:
 * once closed, every waiting (and later) request is refused.
 */
export class SendSlots {
  private free: number;
  private closed = false;
  private readonly waiting: ((granted: boolean) => void)[] = [];

  constructor(size: number) {
    this.free = size;
  }

  acquire(): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    if (this.free > 0) {
      this.free -= 1;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next(true);
    else this.free += 1;
  }

  close(): void {
    this.closed = true;
    for (const refuse of this.waiting.splice(0)) refuse(false);
  }
}

export interface SentMark {
  id: string;
  messageId: string;
}

interface Waiting {
  mark: SentMark;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Writes SENT marks as emails are accepted, in few statements: a mark that arrives while `parallel`
 * writes are in progress goes with every mark that arrived meanwhile in the next one. So a mark is
 * written within about one round trip of the server accepting its email, and a worker killed
 * mid-chunk leaves unmarked only what was accepted in those few milliseconds.
 */
export class SentMarks {
  private readonly queued: Waiting[] = [];
  private writing = 0;

  constructor(
    private readonly write: (marks: SentMark[]) => Promise<void>,
    private readonly parallel: number,
  ) {}

  /** Resolves once the mark is written. */
  add(mark: SentMark): Promise<void> {
    const written = new Promise<void>((resolve, reject) => this.queued.push({ mark, resolve, reject }));
    if (this.writing < this.parallel) void this.drain();
    return written;
  }

  private async drain(): Promise<void> {
    this.writing += 1;
    while (this.queued.length) {
      const batch = this.queued.splice(0);
      try {
        await this.write(batch.map((w) => w.mark));
        for (const w of batch) w.resolve();
      } catch (error: unknown) {
        for (const w of batch) w.reject(error);
      }
    }
    this.writing -= 1;
  }
}
