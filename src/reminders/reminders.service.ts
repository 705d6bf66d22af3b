import { Injectable } from '@nestjs/common';
import type { Reminder } from '../generated/prisma/client.js';
import { ProblemError } from '../core/errors/problem.js';
import { cursorInstant, decodeCursor, toPage, type Page } from '../core/http/pagination.js';
import { z } from 'zod';
import { ReplanOutboxRepository } from '../replans/replan-outbox.repository.js';
import { ReminderPlanner } from './reminder-planner.service.js';
import type { ReminderDeliveryPreference, ReminderJson, ReminderListQuery } from './reminder.schemas.js';
import { RemindersRepository } from './reminders.repository.js';

const positionSchema = z.object({ fireAt: cursorInstant, id: z.uuid() });

@Injectable()
export class RemindersService {
  constructor(
    private readonly repository: RemindersRepository,
    private readonly planner: ReminderPlanner,
    private readonly replans: ReplanOutboxRepository,
  ) {}

  /** The plan of one commitment and what happened to each row of it. */
  async ofCommitment(commitmentId: string) {
    const commitment = await this.repository.commitment(commitmentId);
    if (!commitment) throw ProblemError.notFound('Commitment', commitmentId);
    const rows = await this.repository.ofCommitment(commitmentId);
    return { policy: this.planner.policyOf(commitment), items: rows.map(toReminderJson) };
  }

  async list(query: ReminderListQuery): Promise<Page<ReminderJson>> {
    const position = decodeCursor(query.cursor, positionSchema);
    const rows = await this.repository.list(query, position && { fireAt: new Date(position.fireAt), id: position.id });
    return toPage(rows, query.limit, toReminderJson, (r) => ({ fireAt: r.fireAt.toISOString(), id: r.id }));
  }

  /**
   * A FAILED reminder goes back to PENDING and the next dispatcher tick sends it. One that would not be
   * sent is refused with the reason rather than skipped later: its commitment is no longer open, or a
   * later reminder to the same person about the same commitment was already sent or is due (unless
   * `force`: the admin wants this one sent all the same).
   */
  async retry(id: string, force: boolean): Promise<ReminderJson> {
    const row = await this.repository.findById(id);
    if (!row) throw ProblemError.notFound('Reminder', id);
    if (row.status !== 'FAILED') throw ProblemError.conflict('not_failed', `Only a FAILED reminder can be retried; this one is ${row.status}`);
    if (row.commitmentId) {
      const commitment = await this.repository.commitmentStatus(row.commitmentId);
      const status = !commitment || commitment.deletedAt ? 'deleted' : commitment.status;
      if (status !== 'OPEN' && status !== 'IN_PROGRESS') {
        throw ProblemError.conflict('commitment_not_open', `Commitment ${row.commitmentId} is ${status}: only open commitments are reminded of`);
      }
    }
    const later = force ? null : await this.repository.superseding(row);
    if (later) {
      throw new ProblemError(
        409,
        'superseded',
        `Reminder ${later.id}, due later for the same ${row.commitmentId ? 'commitment and person' : 'person'}, is ${later.status}; retry with force=true to send this one all the same`,
        { supersededBy: later.id },
      );
    }
    const retried = await this.repository.retry(id);
    if (!retried) throw ProblemError.conflict('not_failed', 'The reminder changed while it was being retried');
    return toReminderJson(retried);
  }

  async setDelivery(personId: string, body: ReminderDeliveryPreference): Promise<ReminderDeliveryPreference> {
    if (!(await this.repository.personExists(personId))) throw ProblemError.notFound('Person', personId);
    // Every commitment the person is on is re-planned by the worker, from a request recorded with the change.
    await this.repository.setDelivery(personId, body.delivery, (tx) => this.replans.request(tx, { personId }));
    return body;
  }
}

export function toReminderJson(row: Reminder): ReminderJson {
  return {
    id: row.id,
    commitmentId: row.commitmentId,
    recipientPersonId: row.recipientPersonId,
    kind: row.kind,
    offset: row.offset,
    fireAt: row.fireAt.toISOString(),
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    skipReason: row.skipReason,
    sentAt: row.sentAt?.toISOString() ?? null,
    messageId: row.messageId,
  };
}
