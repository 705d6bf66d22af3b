import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { APP_CONFIG } from '../core/config/config.module.js';
import type { AppConfig } from '../core/config/config.schema.js';
import { DigestComposer } from '../digests/digest-composer.service.js';
import { EmailActionLinks } from '../email-actions/action-links.js';
import { MailRejectedError, MailService } from '../mail/mail.service.js';
import { renderReminderEmail, type RenderedEmail } from '../mail/reminder-email.js';
import { reminderDelivery, remindersFailed, remindersSent, remindersSkipped, reminderRetries, smtpSend } from '../metrics/metrics.js';
import { backoffAfter, DELIVERY_QUEUE, retryJob, type DeliveryJob } from './reminder-queues.js';
import { SendSlots, SentMarks, type SentMark } from './reminder-delivery-sends.js';
import type { DeliveryRow } from './reminder-delivery.query.js';
import { ReplanOutbox } from '../replans/replan-outbox.service.js';
import { ReminderDeliveryRepository, type AttemptRefusal } from './reminder-delivery.repository.js';
import { ReminderPlanner } from './reminder-planner.service.js';
import { reminderView } from './reminder-view.js';

const OPEN = new Set(['OPEN', 'IN_PROGRESS']);
/** How long a SENT mark waits for others to share its statement. */
const MARK_LINGER_MS = 20;
/** A failed SENT statement is tried again after 0.25 s, then 0.5 s: well within any lease. */
const MARK_TRIES = 3;
const MARK_RETRY_DELAY_MS = 250;

export interface ChunkResult {
  sent: number;
  skipped: number;
  retrying: number;
  failed: number;
  handedBack: number;
}

/**
 * Delivers a chunk of claimed reminders: one read of their facts, one statement to start their
 * attempts, the emails through the SMTP pool, SENT marks written as the server accepts them. Safe to
 * run twice for the same rows (BullMQ is at-least-once): only rows still leased to this job are
 * started, and SENT is written only while a row is still CLAIMED. A refused email is retried alone,
 * by a job of its own.
 */
@Injectable()
export class ReminderDelivery {
  private readonly logger = new Logger(ReminderDelivery.name);
  private readonly slots: SendSlots;
  private readonly marks: SentMarks;

  constructor(
    private readonly repository: ReminderDeliveryRepository,
    private readonly mail: MailService,
    private readonly planner: ReminderPlanner,
    private readonly replans: ReplanOutbox,
    private readonly digests: DigestComposer,
    private readonly actionLinks: EmailActionLinks,
    @InjectQueue(DELIVERY_QUEUE) private readonly deliveries: Queue<DeliveryJob>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.slots = new SendSlots(config.SMTP_POOL_SIZE);
    // Marks accepted within MARK_LINGER_MS of each other share a statement (one commit): at hundreds of
    // emails a second, a statement per email or two was most of the database's work.
    this.marks = new SentMarks(async (marks) => void (await this.repository.markSent(marks)), {
      lingerMs: MARK_LINGER_MS,
      maxBatch: 500,
      parallel: 2,
      tries: MARK_TRIES,
      retryDelayMs: MARK_RETRY_DELAY_MS,
    });
  }

  /** The worker is stopping: emails in flight finish, the rest of each chunk goes back to PENDING. */
  stop(): void {
    this.slots.close();
  }

  async deliver(job: DeliveryJob): Promise<ChunkResult> {
    const result: ChunkResult = { sent: 0, skipped: 0, retrying: 0, failed: 0, handedBack: 0 };
    const candidates: DeliveryRow[] = [];
    for (const row of await this.repository.facts(job.reminderIds)) {
      if (row.status !== 'CLAIMED') continue;
      const closed = closedReason(row);
      if (!closed) candidates.push(row);
      else if (await this.skip(row, closed)) result.skipped += 1;
    }
    // A committed change that fans out (a person's time zone, a meeting's dates) re-plans in the
    // worker; until it has got to a commitment, its reminders may be stale: hand them back to wait.
    const stale = await this.replans.awaitingReplan([...new Set(candidates.flatMap((row) => (row.commitmentId ? [row.commitmentId] : [])))]);
    const waiting = candidates.filter((row) => row.commitmentId !== null && stale.has(row.commitmentId)).map((row) => row.id);
    if (waiting.length) {
      await this.repository.handBackUnstarted(waiting, new Date(job.lease));
      result.handedBack += waiting.length;
      candidates.splice(0, candidates.length, ...candidates.filter((row) => !waiting.includes(row.id)));
    }
    if (!candidates.length) return result;

    const outcomes = await this.repository.startAttempts(candidates, {
      lease: new Date(job.lease),
      leaseSeconds: this.config.REMINDER_LEASE_SECONDS,
      dailyLimit: this.config.REMINDER_DAILY_LIMIT,
      forced: job.forced ?? false,
    });
    const handBack: string[] = [];
    const unfinished = new Set(candidates.filter((row) => typeof outcomes.get(row.id) === 'object').map((row) => row.id));
    const heartbeat = this.keepLeases(unfinished);
    try {
      await Promise.all(
        candidates.map(async (row) => {
          const outcome = outcomes.get(row.id) ?? 'not claimed';
          if (typeof outcome === 'string') {
            if (await this.refuse(row, outcome)) result.skipped += 1;
            return;
          }
          const step = await this.send(row, outcome.attempts, job.forced ?? false);
          unfinished.delete(row.id);
          if (step === 'handed back') handBack.push(row.id);
          else if (step !== 'gone') result[step] += 1;
        }),
      );
    } finally {
      clearInterval(heartbeat);
    }
    if (handBack.length) await this.repository.handBack(handBack);
    result.handedBack = handBack.length;
    return result;
  }

  /** Renews the leases of a chunk's unsent rows every third of a lease while the chunk runs. */
  private keepLeases(unfinished: Set<string>): NodeJS.Timeout {
    const leaseSeconds = this.config.REMINDER_LEASE_SECONDS;
    return setInterval(
      () => {
        if (!unfinished.size) return;
        this.repository.renewLeases([...unfinished], leaseSeconds).catch((error: unknown) => this.logger.warn(`Could not renew leases: ${String(error)}`));
      },
      (leaseSeconds * 1000) / 3,
    );
  }

  private async send(row: DeliveryRow, attempts: number, forced: boolean): Promise<keyof ChunkResult | 'handed back' | 'gone'> {
    const email = await this.render(row, new Date());
    if (!email) return (await this.skip(row, 'nothing due')) ? 'skipped' : 'gone';
    if (!(await this.slots.acquire())) return 'handed back';
    const messageId = this.mail.messageId(row.kind === 'DIGEST' ? 'digest' : 'reminder', row.id);
    const timer = smtpSend.startTimer();
    let refusal: unknown = null;
    try {
      await this.mail.send({ to: row.recipient.email, ...email, messageId });
    } catch (error: unknown) {
      refusal = error ?? new Error('SMTP send failed');
    } finally {
      timer();
      this.slots.release();
    }
    if (refusal !== null) return this.onFailure(row, refusal, attempts, forced);
    await this.recordSent(row, { id: row.id, messageId });
    remindersSent.inc({ kind: row.kind });
    reminderDelivery.observe({ kind: row.kind }, Math.max(0, Date.now() - row.fireAt.getTime()) / 1000);
    return 'sent';
  }

  /** The email as it reads now; rendering stays apart from sending. Null when there is nothing to say. */
  private async render(row: DeliveryRow, now: Date): Promise<RenderedEmail | null> {
    if (row.kind === 'DIGEST') return this.digests.compose(row.recipient, now);
    if (!row.commitment) return null;
    const actions = this.actionLinks.linksFor(row.recipient.id, row.commitment.id, now);
    return renderReminderEmail({ ...reminderView(row, row.commitment, row.kind, now, this.config.PUBLIC_URL), actions });
  }

  /** An overdue repeat is marked with its commitment locked first, and the next repeat planned with it. */
  private async recordSent(row: DeliveryRow, mark: SentMark): Promise<void> {
    const { commitmentId } = row;
    if (!commitmentId || !isRepeating(row)) return this.marks.add(mark);
    await this.repository.transaction(async (tx) => {
      await this.planner.lockCommitments(tx, [commitmentId]);
      if (await this.repository.markOneSent(tx, mark.id, mark.messageId)) await this.planner.replan(tx, commitmentId);
    });
  }

  private async refuse(row: DeliveryRow, refusal: AttemptRefusal): Promise<boolean> {
    switch (refusal) {
      case 'not claimed':
        return false;
      case 'commitment closed':
        return this.skip(row, 'commitment closed');
      case 'superseded':
        return this.skip(row, 'superseded by a later reminder');
      case 'over daily limit':
        return this.skip(row, `daily limit reached: ${this.config.REMINDER_DAILY_LIMIT} reminder emails to this person within 24 hours`);
    }
  }

  private async skip(row: DeliveryRow, reason: string): Promise<boolean> {
    const { commitmentId } = row;
    const replan = commitmentId !== null && isRepeating(row) && reason !== 'commitment closed';
    const skipped = await this.repository.transaction(async (tx) => {
      if (replan) await this.planner.lockCommitments(tx, [commitmentId]);
      const done = await this.repository.skip(tx, row.id, reason);
      if (done && replan) await this.planner.replan(tx, commitmentId);
      return done;
    });
    if (skipped) remindersSkipped.inc({ kind: row.kind, reason: reason.startsWith('daily limit') ? 'daily limit' : reason });
    return skipped;
  }

  /**
   * A refusal worth retrying keeps the row CLAIMED through the backoff and queues a job for this
   * reminder alone; a permanent refusal, or the last attempt, marks it FAILED.
   */
  private async onFailure(row: DeliveryRow, error: unknown, attempts: number, forced: boolean): Promise<'retrying' | 'failed'> {
    const message = error instanceof Error ? error.message : String(error);
    const permanent = error instanceof MailRejectedError && error.permanent;
    if (permanent || attempts >= this.config.REMINDER_ATTEMPTS) {
      await this.repository.markFailed(row.id, message);
      remindersFailed.inc({ kind: row.kind });
      this.logger.warn(`Reminder ${row.id} failed after ${attempts} attempt(s): ${message}`);
      return 'failed';
    }
    const backoff = backoffAfter(this.config, attempts);
    const lease = await this.repository.recordRetry(row.id, message, backoff + this.config.REMINDER_LEASE_SECONDS * 1000);
    if (lease) {
      const retry = retryJob(this.config, row.id, attempts, lease, backoff, forced);
      await this.deliveries.add(retry.name, retry.data, retry.opts);
      reminderRetries.inc({ kind: row.kind });
    }
    return 'retrying';
  }
}

function closedReason(row: DeliveryRow): string | null {
  if (row.kind === 'DIGEST') return null;
  const c = row.commitment;
  if (!c || c.deletedAt || c.status === 'DONE' || c.status === 'CANCELLED') return 'commitment closed';
  return OPEN.has(c.status) ? null : `commitment is ${c.status}`;
}

/** Overdue repeats are planned one at a time: once one has fired, the next is added. */
function isRepeating(row: DeliveryRow): boolean {
  return row.kind === 'OVERDUE' || row.kind === 'ESCALATION';
}
