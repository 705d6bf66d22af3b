import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { ProblemError } from '../core/errors/problem.js';
import { cursorInstant, decodeCursor, toPage, type Page } from '../core/http/pagination.js';
import { ReminderOptOutsRepository } from './reminder-opt-outs.repository.js';
import type { Tx } from './reminder-plan.repository.js';
import { ReminderPlanner } from './reminder-planner.service.js';

export interface ReminderOptOutJson {
  id: string;
  personId: string;
  commitmentId: string | null;
  reason: string;
  createdAt: string;
}

const positionSchema = z.object({ createdAt: cursorInstant, id: z.uuid() });

const toJson = (row: { id: string; personId: string; commitmentId: string | null; reason: string; createdAt: Date }): ReminderOptOutJson => ({
  ...row,
  createdAt: row.createdAt.toISOString(),
});

/** Stopping a person's reminders (for one commitment or all), and an admin undoing it. */
@Injectable()
export class ReminderOptOuts {
  constructor(
    private readonly repository: ReminderOptOutsRepository,
    private readonly planner: ReminderPlanner,
  ) {}

  /** Whether this very stop (one commitment, or all) is already in force. */
  isStopped(personId: string, commitmentId: string, scope: 'COMMITMENT' | 'ALL'): Promise<boolean> {
    return this.repository.exists(personId, scope === 'ALL' ? null : commitmentId);
  }

  /**
   * Inside the caller's transaction: records the opt-out and skips the waiting reminders with the
   * reason. The commitment is locked first (one lock order: commitment before its reminders).
   */
  async stop(tx: Tx, personId: string, commitmentId: string, scope: 'COMMITMENT' | 'ALL', reason: string): Promise<ReminderOptOutJson> {
    await this.planner.lockCommitments(tx, [commitmentId]);
    const optOut = await this.repository.upsert(tx, personId, scope === 'ALL' ? null : commitmentId, reason);
    await this.repository.skipWaiting(tx, personId, scope === 'ALL' ? null : commitmentId, optOut.reason);
    return toJson(optOut);
  }

  async list(filter: { personId?: string; commitmentId?: string }, limit: number, cursor?: string): Promise<Page<ReminderOptOutJson>> {
    const position = decodeCursor(cursor, positionSchema);
    const rows = await this.repository.list(filter, limit, position && { createdAt: new Date(position.createdAt), id: position.id });
    return toPage(rows, limit, toJson, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
  }

  /** Reminders start again: the skipped ones still to come and whatever the plan now has. */
  async undo(id: string): Promise<void> {
    const optOut = await this.repository.find(id);
    if (!optOut) throw ProblemError.notFound('Reminder opt-out', id);
    await this.repository.transaction(async (tx) => {
      const commitmentIds = optOut.commitmentId ? [optOut.commitmentId] : await this.repository.commitmentsWithWaiting(tx, optOut.personId);
      for (const commitmentId of commitmentIds) await this.planner.lockCommitments(tx, [commitmentId]);
      await this.repository.delete(tx, id);
      await this.repository.releaseSkipped(tx, optOut.personId, optOut.commitmentId, optOut.reason);
      await this.planner.replanAll(tx, commitmentIds);
    });
  }
}
