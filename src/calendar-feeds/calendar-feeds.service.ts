import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client.js';
import { hasRole, type Principal } from '../core/auth/roles.js';
import { APP_CONFIG } from '../core/config/config.module.js';
import type { AppConfig } from '../core/config/config.schema.js';
import { ProblemError } from '../core/errors/problem.js';
import { toFilter, type CommitmentFilter } from '../commitments/commitment-conditions.js';
import { commitmentFilterSchema } from '../commitments/commitment.schemas.js';
import { CommitmentSearchService } from '../commitments/commitment-search.service.js';
import { actorOf } from '../commitments/commitments.service.js';
import type { CalendarFeedJson, CreateCalendarFeed } from './calendar-feed.schemas.js';
import { CalendarFeedsRepository, type FeedRow } from './calendar-feeds.repository.js';
import { calendar, eventLines } from './icalendar.js';

/** A feed shows deadlines from a year back onwards, soonest first, at most this many. */
const MAX_EVENTS = 2000;
const LOOK_BACK_MS = 365 * 86_400_000;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

@Injectable()
export class CalendarFeedsService {
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
    });
    return { id: feed.id, url: new URL(`/api/v1/calendar/${token}.ics`, this.config.PUBLIC_URL).toString() };
  }

  /** Whoever created a feed may revoke it; anyone else needs the editor role. */
  async revoke(id: string, principal: Principal): Promise<void> {
    const feed = await this.repository.findById(id);
    if (!feed || feed.revokedAt) throw ProblemError.notFound('Calendar feed', id);
    if (feed.createdBy !== actorOf(principal) && !hasRole(principal.role, 'EDITOR')) {
      throw new ProblemError(403, 'forbidden', 'Only its creator or an editor may revoke a calendar feed');
    }
    await this.repository.revoke(id);
  }

  /** The feed's iCalendar text; an unknown or revoked token is a 404 like any other. */
  async render(file: string): Promise<string> {
    const token = /^([\w-]{43})\.ics$/.exec(file)?.[1];
    const feed = token ? await this.repository.findActiveByTokenHash(hashOf(token)) : null;
    if (!feed) throw new ProblemError(404, 'not_found', 'No such calendar feed');
    const now = new Date();
    const filter: CommitmentFilter = { ...this.filterOf(feed), dated: true, dueEnd: { from: new Date(now.getTime() - LOOK_BACK_MS) } };
    const page = await this.search.page(filter, { sort: 'deadline', key: 'deadline', order: 'asc' }, MAX_EVENTS, undefined, now);
    const link = (id: string) => new URL(`/api/v1/commitments/${id}`, this.config.PUBLIC_URL).toString();
    return calendar('Followthrough deadlines', page.items.map((c) => eventLines(c, { link })));
  }

  private filterOf(feed: FeedRow): CommitmentFilter {
    if (feed.personId) return { personId: feed.personId };
    return toFilter(commitmentFilterSchema.parse(feed.filter ?? {}));
  }
}
