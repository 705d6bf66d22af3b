import { Injectable, Logger } from '@nestjs/common';
import type { Prisma, ReplanRequest } from '../generated/prisma/client.js';
import { CommitmentFanoutRepository } from '../commitments/commitment-fanout.repository.js';
import { PrismaService, type TransactionLimits } from '../core/prisma/prisma.service.js';
import { meetingWindow } from '../deadlines/deadline-window.js';
import { MeetingsRepository } from '../meetings/meetings.repository.js';
import { ReminderPlanner } from '../reminders/reminder-planner.service.js';
import { ReplanOutboxRepository } from './replan-outbox.repository.js';

/** Commitments per batch: each batch is one transaction holding that many commitment rows briefly. */
export const REPLAN_BATCH = 250;
const BATCH_TRANSACTION: TransactionLimits = { timeoutMs: 30_000, maxWaitMs: 5_000 };
/** A tick works off requests for at most this long, then lets the next tick go on. */
const TICK_BUDGET_MS = 20_000;

/**
 * Carries out the re-plans that fan-out changes recorded (a person's time zone, escalation contact or
 * delivery choice; a meeting's dates): a batch of commitments per transaction, in id order, each
 * batch moving the request's position on, so a crash loses nothing and repeats at most one batch.
 */
@Injectable()
export class ReplanOutbox {
  private readonly logger = new Logger(ReplanOutbox.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly outbox: ReplanOutboxRepository,
    private readonly commitments: CommitmentFanoutRepository,
    private readonly meetings: MeetingsRepository,
    private readonly planner: ReminderPlanner,
  ) {}

  /** Works off recorded requests until none is left or the tick's time is up; returns batches done. */
  async drain(): Promise<number> {
    const started = Date.now();
    let batches = 0;
    while (Date.now() - started < TICK_BUDGET_MS) {
      const done = await this.prisma.transaction(async (tx) => {
        const request = await this.outbox.claimNext(tx);
        if (!request) return false;
        const ids = request.meetingId ? await this.rescheduleBatch(tx, request) : await this.replanPersonBatch(tx, request);
        if (ids.length < REPLAN_BATCH) await this.outbox.finish(tx, request.id);
        else await this.outbox.advance(tx, request.id, ids.at(-1)!);
        return true;
      }, BATCH_TRANSACTION);
      if (!done) break;
      batches += 1;
    }
    if (batches) this.logger.log(`Re-planned ${batches} batch(es) of fan-out changes`);
    return batches;
  }

  /** Of these commitments, those a recorded change still has to re-plan (their reminders may be stale). */
  awaitingReplan(commitmentIds: string[]): Promise<Set<string>> {
    return commitmentIds.length ? this.outbox.awaitingReplan(commitmentIds) : Promise.resolve(new Set());
  }

  private async replanPersonBatch(tx: Prisma.TransactionClient, request: ReplanRequest): Promise<string[]> {
    const ids = await this.commitments.ofPerson(tx, request.personId!, request.afterId, REPLAN_BATCH);
    await this.planner.replanAll(tx, await this.planner.lockCommitments(tx, ids));
    return ids;
  }

  /** Commitments due at the meeting take its dates as they are now (a later change is included). */
  private async rescheduleBatch(tx: Prisma.TransactionClient, request: ReplanRequest): Promise<string[]> {
    const meeting = await this.meetings.findDates(tx, request.meetingId!);
    if (!meeting) return [];
    const ids = await this.commitments.dueAtMeeting(tx, request.meetingId!, request.afterId, REPLAN_BATCH);
    const locked = await this.planner.lockCommitments(tx, ids);
    const moved = await this.commitments.moveWindows(tx, locked, meetingWindow(meeting), request.actor ?? 'system');
    await this.planner.replanAll(tx, moved);
    return ids;
  }
}
