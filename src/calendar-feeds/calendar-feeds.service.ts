import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { CommitmentStatus, Prisma } from '../generated/prisma/client.js';
import { hasRole, type Principal } from '../core/auth/roles.js';
import { APP_CONFIG } from '../core/config/config.module.js';
import type { AppConfig } from '../core/config/config.schema.js';
import { ProblemError } from '../core/errors/problem.js';
import { decodeCursor, idCursorSchema, toPage, type ListQuery, type Page } from '../core/http/pagination.js';
import { OPEN_STATUSES, toFilter, type CommitmentFilter } from '../commitments/commitment-conditions.js';
import { CLOSED_STATUSES } from '../commitments/commitment-status.js';
import type { CommitmentJson } from '../commitments/commitment.schemas.js';
import { CommitmentSearchService } from '../commitments/commitment-search.service.js';
import { actorOf } from '../commitments/commitments.service.js';
import { storedFeedFilterSchema, type CalendarFeedJson, type CalendarFeedSummary, type CreateCalendarFeed } from './calendar-feed.schemas.js';
import { CalendarFeedsRepository, type FeedRow } from './calendar-feeds.repository.js';
import { calendar, eventLines } from './icalendar.js';

/**
 * Open commitments show however long ago their deadline passed: overdue work is what a calendar must
 * not hide. Closed ones show for a look-back, most recent first. Each part is bounded.
 */
const MAX_OPEN_EVENTS = 2000;
const MAX_CLOSED_EVENTS = 500;
const CLOSED_LOOK_BACK_MS = 365 * 86_400_000;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** The statuses of a group the feed's filter asks for: all of the group when it names none. */
const within = (asked: CommitmentStatus[] | undefined, group: readonly CommitmentStatus[]) => (asked ? asked.filter((s) => group.includes(s)) : [...group]);

@Injectable()
export class CalendarFeedsService {
  private readonly logger = new Logger(CalendarFeedsService.name);

  constructor(
    private readonly repository: CalendarFeedsRepository,
    private readonly search: CommitmentSearchService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(input: CreateCalendarFeed, principal: Principal): Promise<CalendarFeedJson> {
    if (input.personId && !(await this.repository.personExists(input.personId))) throw ProblemError.unknownReference('personId', 'Person', input.personId);
    const token = randomBytes(32).toString('base64url');
    const feed = await this.repository.create({
      tokenHash: hashOf(token),
      personId: input.personId ?? null,
      filter: (input.filter as Prisma.InputJsonValue | undefined) ?? null,
      createdBy: actorOf(principal),
      createdByKeyId: principal.keyId,
    });
    return { id: feed.id, url: new URL(`/api/v1/calendar/${token}.ics`, this.config.PUBLIC_URL).toString() };
  }

  async list(query: ListQuery): Promise<Page<CalendarFeedSummary>> {
    const after = decodeCursor(query.cursor, idCursorSchema);
    const rows = await this.repository.list(query.limit, after?.id);
    return toPage(
      rows,
      query.limit,
      (row) => this.summaryOf(row),
      (row) => ({ id: row.id }),
    );
  }

  /** The key that created a feed may revoke it; any other key needs the editor role. */
  async revoke(id: string, principal: Principal): Promise<void> {
    const feed = await this.repository.findById(id);
    if (!feed || feed.revokedAt) throw ProblemError.notFound('Calendar feed', id);
    if (feed.createdByKeyId !== principal.keyId && !hasRole(principal.role, 'EDITOR')) {
      throw new ProblemError(403, 'forbidden', 'Only the key that created it or an editor may revoke a calendar feed');
    }
    await this.repository.revoke(id);
  }

  /** The feed's iCalendar text; an unknown or revoked token (or one whose key is revoked) is a 404. */
  async render(file: string): Promise<string> {
    const token = /^([\w-]{43})\.ics$/.exec(file)?.[1];
    const feed = token ? await this.repository.findServingByTokenHash(hashOf(token)) : null;
    if (!feed) throw new ProblemError(404, 'not_found', 'No such calendar feed');
    const filter = this.filterOf(feed);
    const commitments = filter ? await this.commitmentsFor(filter, new Date()) : [];
    const link = (id: string) => new URL(`/api/v1/commitments/${id}`, this.config.PUBLIC_URL).toString();
    return calendar(
      'Followthrough deadlines',
      commitments.map((c) => eventLines(c, { link })),
    );
  }

  private async commitmentsFor(filter: CommitmentFilter, now: Date): Promise<CommitmentJson[]> {
    const open = within(filter.statuses, OPEN_STATUSES);
    const closed = within(filter.statuses, CLOSED_STATUSES);
    const [current, past] = await Promise.all([
      open.length
        ? this.search.page({ ...filter, statuses: open, dated: true }, { sort: 'deadline', key: 'deadline', order: 'asc' }, MAX_OPEN_EVENTS, undefined, now)
        : null,
      closed.length
        ? this.search.page(
            { ...filter, statuses: closed, dated: true, dueEnd: { from: new Date(now.getTime() - CLOSED_LOOK_BACK_MS) } },
            { sort: 'deadline', key: 'deadline', order: 'desc' },
            MAX_CLOSED_EVENTS,
            undefined,
            now,
          )
        : null,
    ]);
    return [...(current?.items ?? []), ...(past?.items ?? [])];
  }

  /** The list filter a feed shows; null (and a warning) for a stored filter this version cannot read. */
  private filterOf(feed: FeedRow): CommitmentFilter | null {
    if (feed.personId) return { personId: feed.personId };
    const stored = storedFeedFilterSchema.safeParse(feed.filter ?? {});
    if (stored.success) return toFilter(stored.data);
    this.logger.warn(`Calendar feed ${feed.id} has a filter that cannot be read; it serves no events: ${stored.error.message}`);
    return null;
  }

  private summaryOf(row: FeedRow & { active: boolean }): CalendarFeedSummary {
    const filter = row.personId ? null : storedFeedFilterSchema.safeParse(row.filter ?? {});
    return {
      id: row.id,
      personId: row.personId,
      filter: filter?.success ? filter.data : null,
      createdBy: row.createdBy,
      createdByKeyId: row.createdByKeyId,
      createdAt: row.createdAt.toISOString(),
      revokedAt: row.revokedAt?.toISOString() ?? null,
      active: row.active,
    };
  }
}
