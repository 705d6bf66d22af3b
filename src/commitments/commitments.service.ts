import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { Prisma } from '../generated/prisma/client.js';
import type { Principal } from '../core/auth/roles.js';
import { ProblemError, type FieldError } from '../core/errors/problem.js';
import { decodeCursor, toPage, type ListQuery, type Page } from '../core/http/pagination.js';
import { PrismaService } from '../core/prisma/prisma.service.js';
import { ReminderPlanner } from '../reminders/reminder-planner.service.js';
import { CommitmentDeadlines, deadlineAsInput, type DeadlineColumns } from './commitment-deadline.js';
import { etagOf, toCommitmentJson, toEventJson } from './commitment.mapper.js';
import type { CommitmentEventJson, CommitmentJson, CreateCommitment, UpdateCommitment } from './commitment.schemas.js';
import { diff, stateOf, type CommitmentState } from './commitment-state.js';
import { allowedNext, canTransition, isClosed } from './commitment-status.js';
import { CommitmentsRepository, type Alongside, type CommitmentRow, type EventDraft, type PersonLink } from './commitments.repository.js';

// Nineteen digits reach past PostgreSQL's bigint; a forged larger seq would fail the query.
const eventPositionSchema = z.object({
  seq: z
    .string()
    .regex(/^\d{1,19}$/)
    .refine((seq) => BigInt(seq) <= 9_223_372_036_854_775_807n),
});

export interface CommitmentWithEtag {
  commitment: CommitmentJson;
  etag: string;
}

export interface CommitmentOrigin {
  extractionKey: string;
  confidence?: number;
}

export const actorOf = (principal: Principal) => (principal.keyId ? `api-key:${principal.name}` : principal.name);

@Injectable()
export class CommitmentsService {
  constructor(
    private readonly repository: CommitmentsRepository,
    private readonly deadlines: CommitmentDeadlines,
    private readonly planner: ReminderPlanner,
    private readonly prisma: PrismaService,
  ) {}

  /**
   * Records a commitment. `origin` marks one taken from a text (extraction, the example data): the
   * key makes re-running over the same text find it again instead of adding a duplicate.
   */
  async create(input: CreateCommitment, principal: Principal, origin?: CommitmentOrigin): Promise<CommitmentWithEtag> {
    await this.assertReferencesExist(input);
    const deadline = await this.deadlines.resolve(input.deadline ?? null);
    const now = new Date();
    const state: CommitmentState = {
      title: input.title,
      description: input.description ?? null,
      meetingId: input.meetingId ?? null,
      ownerPartyId: input.ownerPartyId ?? null,
      counterpartyId: input.counterpartyId ?? null,
      responsiblePersonIds: input.responsiblePersonIds,
      watcherPersonIds: input.watcherPersonIds,
      deadline: deadlineAsInput(deadline),
      status: input.status,
      sourceQuote: input.sourceQuote ?? null,
      sourceStart: input.sourceStart ?? null,
      sourceEnd: input.sourceEnd ?? null,
      tags: input.tags,
      assessment: input.assessment ?? null,
      kind: input.kind ?? null,
      completedAt: input.completedAt ?? (input.status === 'DONE' ? now.toISOString() : null),
      reminderPolicy: input.reminderPolicy ?? null,
    };
    assertConsistent(state, now);
    const changes = diff({}, state);
    const row = await this.prisma.transaction(async (tx) => {
      const id = await this.repository.create(
        tx,
        {
          ...columnsOf(state, deadline),
          closedAt: isClosed(state.status) ? now : null,
          status: state.status,
          confidence: origin?.confidence ?? null,
          extractionKey: origin?.extractionKey ?? null,
        },
        peopleOf(state),
        { type: 'CREATED', actor: actorOf(principal), changes: changes as Prisma.InputJsonValue },
      );
      await this.planner.replan(tx, id);
      return this.repository.read(tx, id);
    });
    return withEtag(row);
  }

  /**
   * The commitment taken from this passage of the meeting's text, if it was recorded before; `deleted`
   * when it was rejected or deleted since (so it is not proposed again).
   */
  async findByOrigin(meetingId: string, extractionKey: string): Promise<{ commitment: CommitmentJson; deleted: boolean } | null> {
    const row = await this.repository.findByExtractionKey(meetingId, extractionKey);
    return row && { commitment: toCommitmentJson(row), deleted: row.deletedAt !== null };
  }

  async get(id: string): Promise<CommitmentWithEtag> {
    return withEtag(await this.find(id));
  }

  /**
   * Applies a partial change. Concurrent changes of one commitment apply one after the other, each to
   * what the one before left (last writer wins), each in the history; only a client that sent
   * If-Match for a version that is no longer current is refused (412). `alongside` is work that
   * belongs with the change (an email action's receipt) and commits or rolls back with it.
   */
  async update(
    id: string,
    patch: UpdateCommitment,
    ifMatch: string | undefined,
    principal: Principal,
    note?: string,
    alongside?: Alongside,
  ): Promise<CommitmentWithEtag> {
    await this.assertReferencesExist(patch);
    const deadline = patch.deadline === undefined ? undefined : await this.deadlines.resolve(patch.deadline);
    const row = await this.prisma.transaction(async (tx) => {
      const current = await this.repository.findLocked(tx, id);
      if (!current) throw ProblemError.notFound('Commitment', id);
      assertMatches(current, ifMatch);
      const change = changeOf(current, patch, deadline, actorOf(principal), note, new Date());
      if (!change) {
        await alongside?.(tx);
        return current;
      }
      await this.repository.update(tx, id, change.data, change.people, change.events);
      await alongside?.(tx);
      await this.planner.replan(tx, id);
      return this.repository.read(tx, id);
    });
    return withEtag(row);
  }

  async addNote(id: string, text: string, principal: Principal): Promise<CommitmentEventJson> {
    await this.find(id);
    return toEventJson(await this.repository.addNote(id, { type: 'NOTE', actor: actorOf(principal), note: text }));
  }

  /** A history entry for something done outside the commitment's own fields, with that work in the same transaction. */
  async record(id: string, event: Omit<EventDraft, 'actor'>, principal: Principal, alongside: Alongside): Promise<CommitmentEventJson> {
    await this.find(id);
    return toEventJson(await this.repository.addNote(id, { ...event, actor: actorOf(principal) }, alongside));
  }

  /** A person says they have seen the commitment; the latest acknowledgement is shown on it. */
  async acknowledge(id: string, personId: string, principal: Principal, alongside: Alongside): Promise<CommitmentWithEtag> {
    const row = await this.prisma.transaction(async (tx) => {
      const current = await this.repository.findLocked(tx, id);
      if (!current) throw ProblemError.notFound('Commitment', id);
      const now = new Date();
      const changes = {
        acknowledgedAt: { from: current.acknowledgedAt?.toISOString() ?? null, to: now.toISOString() },
        acknowledgedBy: { from: current.acknowledgedByPersonId, to: personId },
      };
      const event: EventDraft = { type: 'UPDATED', actor: actorOf(principal), changes, note: 'acknowledged' };
      await this.repository.update(tx, id, { acknowledgedAt: now, acknowledgedByPersonId: personId }, undefined, [event]);
      await alongside(tx);
      return this.repository.read(tx, id);
    });
    return withEtag(row);
  }

  async events(id: string, query: ListQuery): Promise<Page<CommitmentEventJson>> {
    if (!(await this.repository.exists(id))) throw ProblemError.notFound('Commitment', id);
    const position = decodeCursor(query.cursor, eventPositionSchema);
    const rows = await this.repository.listEvents(id, query.limit, position && BigInt(position.seq));
    return toPage(rows, query.limit, toEventJson, (r) => ({ seq: r.seq.toString() }));
  }

  /** Soft delete: the row and its history stay; the commitment disappears from the API. */
  async delete(id: string, ifMatch: string | undefined, principal: Principal, note?: string): Promise<void> {
    await this.prisma.transaction(async (tx) => {
      const current = await this.repository.findLocked(tx, id);
      if (!current) throw ProblemError.notFound('Commitment', id);
      assertMatches(current, ifMatch);
      await this.repository.update(tx, id, { deletedAt: new Date() }, undefined, [{ type: 'DELETED', actor: actorOf(principal), ...(note ? { note } : {}) }]);
      await this.planner.replan(tx, id);
    });
  }

  /** An extracted candidate becomes a real commitment. */
  async approve(id: string, principal: Principal): Promise<CommitmentWithEtag> {
    const row = await this.find(id);
    if (row.status !== 'PROPOSED') throw ProblemError.conflict('not_proposed', `Only a PROPOSED commitment can be approved; this one is ${row.status}`);
    return this.update(id, { status: 'OPEN' }, undefined, principal, 'approved');
  }

  /** A wrong candidate is deleted, with a history entry saying it was rejected. */
  async reject(id: string, principal: Principal, reason?: string): Promise<void> {
    const row = await this.find(id);
    if (row.status !== 'PROPOSED') throw ProblemError.conflict('not_proposed', `Only a PROPOSED commitment can be rejected; this one is ${row.status}`);
    await this.delete(id, undefined, principal, reason ? `rejected: ${reason}` : 'rejected');
  }

  private async find(id: string): Promise<CommitmentRow> {
    const row = await this.repository.findById(id);
    if (!row) throw ProblemError.notFound('Commitment', id);
    return row;
  }

  private async assertReferencesExist(input: Partial<CreateCommitment>): Promise<void> {
    const partyFields = (['ownerPartyId', 'counterpartyId'] as const).filter((f) => input[f]);
    const personFields = (['responsiblePersonIds', 'watcherPersonIds'] as const).filter((f) => input[f]?.length);
    const missing = await this.repository.missingReferences({
      partyIds: partyFields.map((f) => input[f]!),
      personIds: personFields.flatMap((f) => input[f]!),
      meetingIds: input.meetingId ? [input.meetingId] : [],
    });
    const errors: FieldError[] = [
      ...partyFields.filter((f) => missing.partyIds.includes(input[f]!)).map((f) => ({ field: f, message: `Party ${input[f]} does not exist` })),
      ...personFields.flatMap((f) =>
        input[f]!.map((pid, i) => ({ pid, i }))
          .filter(({ pid }) => missing.personIds.includes(pid))
          .map(({ pid, i }) => ({ field: `${f}.${i}`, message: `Person ${pid} does not exist` })),
      ),
      ...(input.meetingId && missing.meetingIds.length ? [{ field: 'meetingId', message: `Meeting ${input.meetingId} does not exist` }] : []),
    ];
    if (errors.length) throw ProblemError.badRequest('unknown_reference', 'The request refers to records that do not exist', errors);
  }
}

interface Change {
  data: Prisma.CommitmentUncheckedUpdateManyInput;
  people: PersonLink[] | undefined;
  events: EventDraft[];
}

/** What a patch changes in the current commitment, with its history entries; null when nothing. */
function changeOf(
  row: CommitmentRow,
  patch: UpdateCommitment,
  resolved: DeadlineColumns | undefined,
  actor: string,
  note: string | undefined,
  now: Date,
): Change | null {
  const { description, meetingId, ownerPartyId, counterpartyId, deadline: _deadline, ...rest } = patch;
  const before = stateOf(row);
  const deadline = resolved ?? row;
  const after: CommitmentState = {
    ...before,
    ...stripUndefined({ description, meetingId, ownerPartyId, counterpartyId, ...rest }),
    deadline: resolved === undefined ? before.deadline : deadlineAsInput(resolved),
  };
  applyStatusChange(before, after, patch, now);
  assertConsistent(after, now);
  const changes = diff(before, after);
  if (Object.keys(changes).length === 0) return null;

  const { status: statusChange, ...fieldChanges } = changes;
  const events: EventDraft[] = [];
  if (Object.keys(fieldChanges).length) events.push({ type: 'UPDATED', actor, changes: fieldChanges as Prisma.InputJsonValue });
  if (statusChange) events.push({ type: 'STATUS_CHANGED', actor, changes: { status: statusChange } as Prisma.InputJsonValue, ...(note ? { note } : {}) });
  const closedAt = statusChange ? (isClosed(after.status) ? now : null) : row.closedAt;
  const peopleChanged = 'responsiblePersonIds' in changes || 'watcherPersonIds' in changes;
  return { data: { ...columnsOf(after, deadline), status: after.status, closedAt }, people: peopleChanged ? peopleOf(after) : undefined, events };
}

function withEtag(row: CommitmentRow): CommitmentWithEtag {
  return { commitment: toCommitmentJson(row), etag: etagOf(row) };
}

function assertMatches(row: CommitmentRow, ifMatch: string | undefined): void {
  if (ifMatch === undefined || ifMatch.trim() === '*') return;
  const tags = ifMatch.split(',').map((t) => t.trim());
  if (!tags.includes(etagOf(row))) {
    throw ProblemError.preconditionFailed(`If-Match ${ifMatch} does not match the current ETag ${etagOf(row)}; re-read the commitment`);
  }
}

/** DONE records when; reopening forgets the completion and the assessment. */
function applyStatusChange(before: CommitmentState, after: CommitmentState, patch: UpdateCommitment, now: Date): void {
  if (after.status === before.status) return;
  if (!canTransition(before.status, after.status)) {
    throw ProblemError.conflict(
      'invalid_transition',
      `A ${before.status} commitment cannot become ${after.status}; allowed: ${allowedNext(before.status).join(', ')}`,
    );
  }
  if (after.status === 'DONE') after.completedAt = patch.completedAt ?? now.toISOString();
  else if (patch.completedAt === undefined) after.completedAt = null;
  if (!isClosed(after.status) && patch.assessment === undefined) after.assessment = null;
}

function assertConsistent(state: CommitmentState, now: Date): void {
  const errors: FieldError[] = [];
  if (state.assessment !== null && !isClosed(state.status)) {
    errors.push({ field: 'assessment', message: 'Only a DONE or CANCELLED commitment can be assessed' });
  }
  if (state.completedAt !== null && state.status !== 'DONE') {
    errors.push({ field: 'completedAt', message: 'Only a DONE commitment has a completion time' });
  }
  if (state.completedAt !== null && new Date(state.completedAt).getTime() > now.getTime() + 60_000) {
    errors.push({ field: 'completedAt', message: 'Cannot be in the future' });
  }
  if ((state.sourceStart === null) !== (state.sourceEnd === null)) {
    errors.push({ field: 'sourceEnd', message: 'sourceStart and sourceEnd go together' });
  } else if (state.sourceStart !== null && state.sourceEnd !== null && state.sourceEnd < state.sourceStart) {
    errors.push({ field: 'sourceEnd', message: 'Must not be before sourceStart' });
  }
  if (state.counterpartyId !== null && state.counterpartyId === state.ownerPartyId) {
    errors.push({ field: 'counterpartyId', message: 'A party cannot owe a commitment to itself' });
  }
  const both = state.responsiblePersonIds.filter((id) => state.watcherPersonIds.includes(id));
  if (both.length) errors.push({ field: 'watcherPersonIds', message: `Already responsible: ${both.join(', ')}` });
  if (errors.length) throw ProblemError.badRequest('validation_failed', 'The request has invalid fields', errors);
}

function columnsOf(state: CommitmentState, deadline: DeadlineColumns) {
  return {
    title: state.title,
    description: state.description,
    meetingId: state.meetingId,
    ownerPartyId: state.ownerPartyId,
    counterpartyId: state.counterpartyId,
    sourceQuote: state.sourceQuote,
    sourceStart: state.sourceStart,
    sourceEnd: state.sourceEnd,
    tags: state.tags,
    assessment: state.assessment,
    kind: state.kind,
    completedAt: state.completedAt ? new Date(state.completedAt) : null,
    reminderPolicy: state.reminderPolicy ?? Prisma.DbNull,
    deadlinePrecision: deadline.deadlinePrecision,
    deadlineValue: deadline.deadlineValue,
    deadlinePhrase: deadline.deadlinePhrase,
    deadlineTimeZone: deadline.deadlineTimeZone,
    deadlineMeetingId: deadline.deadlineMeetingId,
    deadlineStart: deadline.deadlineStart,
    deadlineEnd: deadline.deadlineEnd,
  };
}

function peopleOf(state: CommitmentState): PersonLink[] {
  return [
    ...state.responsiblePersonIds.map((personId) => ({ personId, role: 'RESPONSIBLE' as const })),
    ...state.watcherPersonIds.map((personId) => ({ personId, role: 'WATCHER' as const })),
  ];
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
