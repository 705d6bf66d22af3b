import { Injectable } from '@nestjs/common';
import { CommitmentStatus } from '../generated/prisma/enums.js';
import { ProblemError } from '../core/errors/problem.js';
import { boundary, toFilter, type CommitmentFilter } from '../commitments/commitment-conditions.js';
import { toCommitmentJson } from '../commitments/commitment.mapper.js';
import { CommitmentSearchService, type CommitmentPage } from '../commitments/commitment-search.service.js';
import type { CarryOver, ComplianceCommitmentsQuery, ComplianceQuery, ComplianceReport, Counts, Summary, SummaryQuery } from './dashboard.schemas.js';
import { DashboardRepository, type TallyRow } from './dashboard.repository.js';

const OVERALL = 3;
const BY_PARTY = 1;
const BY_SERIES = 2;

@Injectable()
export class DashboardService {
  constructor(
    private readonly repository: DashboardRepository,
    private readonly search: CommitmentSearchService,
  ) {}

  async summary(query: SummaryQuery): Promise<Summary> {
    const now = new Date();
    const filter = toFilter(query);
    const unfiltered = Object.values(filter).every((v) => v === undefined);
    const rows = unfiltered ? await this.repository.keptTallies(now) : await this.repository.tallies(filter, now);
    const byParty = groupBy(
      rows.filter((r) => r.grouping === BY_PARTY),
      (r) => r.partyId,
    );
    const bySeries = groupBy(
      rows.filter((r) => r.grouping === BY_SERIES),
      (r) => r.seriesId,
    );
    const [parties, series] = await Promise.all([
      this.repository.partyNames([...byParty.keys()].filter((id): id is string => id !== null)),
      this.repository.seriesNames([...bySeries.keys()].filter((id): id is string => id !== null)),
    ]);
    const named = (names: { id: string; name: string }[]) => {
      const byId = new Map(names.map((n) => [n.id, n.name]));
      return (id: string | null) => (id === null ? null : (byId.get(id) ?? null));
    };
    const partyName = named(parties);
    const seriesName = named(series);
    return {
      asOf: now.toISOString(),
      totals: countsOf(rows.filter((r) => r.grouping === OVERALL)),
      byParty: byName([...byParty].map(([partyId, group]) => ({ partyId, name: partyName(partyId), ...countsOf(group) }))),
      bySeries: byName([...bySeries].map(([seriesId, group]) => ({ seriesId, name: seriesName(seriesId), ...countsOf(group) }))),
    };
  }

  async compliance(query: ComplianceQuery): Promise<ComplianceReport> {
    const filter = complianceFilter(query);
    const rows = await this.repository.compliance(filter, new Date());
    return {
      from: filter.dueEnd!.from!.toISOString(),
      to: filter.dueEnd!.to!.toISOString(),
      parties: rows.map((r) => ({ ...r, onTimeRate: r.due ? r.doneOnTime / r.due : null })),
    };
  }

  /** The commitments behind one figure of the compliance report, soonest deadline first. */
  complianceCommitments(query: ComplianceCommitmentsQuery): Promise<CommitmentPage> {
    const filter: CommitmentFilter = { ...complianceFilter(query), outcome: query.figure === 'due' ? 'notCancelled' : query.figure };
    return this.search.page(filter, { sort: 'deadline', key: 'deadline', order: 'asc' }, query.limit, query.cursor, new Date());
  }

  async carryOver(meetingId: string): Promise<CarryOver> {
    const meeting = await this.repository.findRound(meetingId);
    if (!meeting) throw ProblemError.notFound('Meeting', meetingId);
    const now = new Date();
    const parties: CarryOver['parties'] = [];
    for (const row of await this.repository.carryOver(meeting)) {
      let group = parties.at(-1);
      if (!group || group.partyId !== row.ownerPartyId) parties.push((group = { partyId: row.ownerPartyId, name: row.partyName, commitments: [] }));
      group.commitments.push(toCommitmentJson(row, now));
    }
    return { meetingId, seriesId: meeting.seriesId, round: meeting.round, parties };
  }
}

function complianceFilter(query: ComplianceQuery): CommitmentFilter {
  const from = boundary(query.from, 'start');
  const to = boundary(query.to, 'end');
  if (to < from)
    throw ProblemError.badRequest('validation_failed', 'The period ends before it starts', [{ field: 'query.to', message: 'Must not be before from' }]);
  return { seriesId: query.seriesId, ownerPartyId: query.partyId, dueEnd: { from, to } };
}

function countsOf(rows: TallyRow[]): Counts {
  const byStatus = Object.fromEntries(Object.values(CommitmentStatus).map((s) => [s, 0])) as Counts['byStatus'];
  const counts: Counts = { total: 0, byStatus, overdue: 0, dueWithin7Days: 0, dueWithin30Days: 0, dueWithin90Days: 0 };
  for (const r of rows) {
    byStatus[r.status] += r.n;
    counts.total += r.n;
    counts.overdue += r.overdue;
    counts.dueWithin7Days += r.due7;
    counts.dueWithin30Days += r.due30;
    counts.dueWithin90Days += r.due90;
  }
  return counts;
}

function groupBy<K>(rows: TallyRow[], key: (row: TallyRow) => K): Map<K, TallyRow[]> {
  const groups = new Map<K, TallyRow[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

const collator = new Intl.Collator(); // once: localeCompare looks up the locale's rules on every call

/** Named groups alphabetically, the unnamed (no party, no series) last. */
function byName<T extends { name: string | null }>(groups: T[]): T[] {
  return groups.sort((a, b) => (a.name === null ? 1 : b.name === null ? -1 : collator.compare(a.name, b.name)));
}
