import { Inject, Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { APP_CONFIG } from '../core/config/config.module.js';
import type { AppConfig } from '../core/config/config.schema.js';
import { DigestComposer } from '../digests/digest-composer.service.js';
import { EmailActionLinks } from '../email-actions/action-links.js';
import { MailRejectedError, MailService } from '../mail/mail.service.js';
import { renderReminderEmail } from '../mail/reminder-email.js';
import { backoffAfter } from './reminder-queues.js';
import type { DeliveryRow } from './reminder-delivery.query.js';
import { ReminderDeliveryRepository } from './reminder-delivery.repository.js';
import { ReplanOutbox } from '../replans/replan-outbox.service.js';
import { ReminderPlanner } from './reminder-planner.service.js';
import { reminderView } from './reminder-view.js';

export interface Attempt {
  /** Attempts that already failed before this one. */
  made: number;
  max: number;
}

const OPEN = new Set(['OPEN', 'IN_PROGRESS']);
/** How long a reminder whose plan is being re-made waits before it is dispatched again. */
const REPLAN_WAIT_MS = 5_000;

/**
 * Delivers one claimed reminder. Safe to run twice for the same row (BullMQ is at-least-once): every
 * step re-reads the row, and SENT is written only while the row is still CLAIMED.
 */
@Injectable()
export class ReminderDelivery {
  private readonly logger = new Logger(ReminderDelivery.name);

  constructor(
    private readonly repository: ReminderDeliveryRepository,
    private readonly mail: MailService,
    private readonly planner: ReminderPlanner,
    private readonly replans: ReplanOutbox,
    private readonly digests: DigestComposer,
    private readonly actionLinks: EmailActionLinks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async deliver(reminderId: string, attempt: Attempt): Promise<string> {
    const row = await this.repository.find(reminderId);
    if (!row) return 'gone';
    if (row.status === 'PENDING' && (await this.repository.claimIfDue(row.id, this.config.REMINDER_LEASE_SECONDS))) row.status = 'CLAIMED';
    if (row.status !== 'CLAIMED') return `not claimed: ${row.status}`;

    const closed = closedReason(row);
    if (closed) return this.skip(row, closed);
    // A committed change that fans out (a person's time zone, a meeting's dates) re-plans in the
    // worker; until it has got to this commitment, this row may be stale: let the plan catch up.
    if (row.commitmentId && (await this.replans.pendingFor(row.commitmentId))) {
      await this.repository.recordRetry(row.id, 'waiting for a re-plan', REPLAN_WAIT_MS);
      return 'deferred: plan being re-made';
    }
    const started = await this.repository.startAttempt(row, this.config.REMINDER_LEASE_SECONDS);
    if (started === 'superseded') return this.skip(row, 'superseded by a later reminder');
    if (started === 'not claimed') return 'cancelled meanwhile';
    const now = new Date();
    const email =
      row.kind === 'DIGEST'
        ? await this.digests.compose(row.recipient, now)
        : row.commitment &&
          renderReminderEmail({
            ...reminderView(row, row.commitment, row.kind, now, this.config.PUBLIC_URL),
            actions: this.actionLinks.linksFor(row.recipient.id, row.commitment.id, now),
          });
    if (!email) return this.skip(row, 'nothing due');

    const messageId = this.mail.messageId(row.kind === 'DIGEST' ? 'digest' : 'reminder', row.id);
    try {
      await this.mail.send({ to: row.recipient.email, ...email, messageId });
    } catch (error: unknown) {
      return this.onFailure(row, error, attempt);
    }
    const { commitmentId } = row;
    if (commitmentId && isRepeating(row)) {
      await this.repository.transaction(async (tx) => {
        // Lock order: the commitment before its reminders, as every writer of the commitment takes
        // them (a writer closing it holds its row, then cancels its reminders). Marking the reminder
        // first and then locking the commitment could deadlock with such a writer.
        await this.planner.lockCommitments(tx, [commitmentId]);
        if ((await this.repository.markSent(row.id, messageId, tx)) === 1) await this.planner.replan(tx, commitmentId);
      });
    } else {
      await this.repository.markSent(row.id, messageId);
    }
    return 'sent';
  }

  private async skip(row: DeliveryRow, reason: string): Promise<string> {
    const replan = row.commitmentId && isRepeating(row) && reason !== 'commitment closed' ? row.commitmentId : null;
    await this.repository.transaction(async (tx) => {
      if (replan) await this.planner.lockCommitments(tx, [replan]); // lock order: commitment first, as above
      const { count } = await this.repository.skip(tx, row.id, reason);
      if (count === 1 && replan) await this.planner.replan(tx, replan);
    });
    return `skipped: ${reason}`;
  }

  /** A refusal worth retrying keeps the row CLAIMED through the backoff; the last one marks it FAILED. */
  private async onFailure(row: DeliveryRow, error: unknown, attempt: Attempt): Promise<never> {
    const message = error instanceof Error ? error.message : String(error);
    const permanent = error instanceof MailRejectedError && error.permanent;
    if (permanent || attempt.made + 1 >= attempt.max) {
      await this.repository.markFailed(row.id, message);
      this.logger.warn(`Reminder ${row.id} failed after ${attempt.made + 1} attempt(s): ${message}`);
      throw new UnrecoverableError(message);
    }
    await this.repository.recordRetry(row.id, message, backoffAfter(this.config, attempt.made + 1) + this.config.REMINDER_LEASE_SECONDS * 1000);
    throw error;
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
