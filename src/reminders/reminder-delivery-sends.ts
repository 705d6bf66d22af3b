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

/** How long a SENT mark may wait for others to share its statement, and how many share one at most. */
export interface MarkBatching {
  lingerMs: number;
  maxBatch: number;
  /** Statements in progress at once. */
  parallel: number;
  /** Tries of a statement before its marks fail, and the pause before the second (doubling after). */
  tries: number;
  retryDelayMs: number;
}

/**
 * Writes SENT marks as emails are accepted, in few statements: a mark waits at most `lingerMs` for the
 * marks accepted after it, and they are written together (each statement is a commit, and a commit per
 * email cost the database more than the rest of delivery). So a mark is written within about
 * `lingerMs` and one round trip of the server accepting its email, and a worker killed mid-chunk
 * leaves unmarked only what was accepted in those few milliseconds.
 */
export class SentMarks {
  private readonly queued: Waiting[] = [];
  private writing = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly write: (marks: SentMark[]) => Promise<void>,
    private readonly batching: MarkBatching,
  ) {}

  /** Resolves once the mark is written. */
  add(mark: SentMark): Promise<void> {
    const written = new Promise<void>((resolve, reject) => this.queued.push({ mark, resolve, reject }));
    this.schedule();
    return written;
  }

  private schedule(): void {
    if (!this.queued.length || this.writing >= this.batching.parallel) return;
    if (this.queued.length >= this.batching.maxBatch) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      void this.flush();
    } else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.flush();
      }, this.batching.lingerMs);
    }
  }

  private async flush(): Promise<void> {
    const batch = this.queued.splice(0, this.batching.maxBatch);
    if (!batch.length) return;
    this.writing += 1;
    try {
      await this.writeWithRetries(batch.map((w) => w.mark));
      for (const w of batch) w.resolve();
    } catch (error: unknown) {
      for (const w of batch) w.reject(error);
    } finally {
      this.writing -= 1;
      this.schedule();
    }
  }

  /**
   * These emails are out: a mark not written leaves its row CLAIMED, to be sent again once its lease
   * ends. So a statement that failed (a row held by another transaction past the lock timeout, a
   * connection dropped) is tried again before its marks give up.
   */
  private async writeWithRetries(marks: SentMark[]): Promise<void> {
    for (let tried = 1; ; tried += 1) {
      try {
        return await this.write(marks);
      } catch (error: unknown) {
        if (tried >= this.batching.tries) throw error;
        await new Promise((resolve) => setTimeout(resolve, this.batching.retryDelayMs * 2 ** (tried - 1)));
      }
    }
  }
}
