import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PrismaService } from '../../src/core/prisma/prisma.service.js';
import { DashboardRepository, type TallyRow } from '../../src/dashboard/dashboard.repository.js';
import { ADMIN, startTestApp, unique, type TestApp } from '../support/app.js';

describe('dashboard', () => {
  let sut: TestApp;
  let prisma: PrismaService;
  let viewer: Record<string, string>;

  beforeAll(async () => {
    sut = await startTestApp();
    prisma = sut.app.get(PrismaService);
    viewer = await sut.keyFor('VIEWER');
  });
  afterAll(async () => {
    await sut.close();
  });

  const party = async (name: string) => (await prisma.party.create({ data: { name: unique(name) } })).id;
  const series = async (name: string) => (await prisma.meetingSeries.create({ data: { name: unique(name) } })).id;
  const create = async (body: Record<string, unknown>) =>
    (await sut.http().post('/api/v1/commitments').set(ADMIN).send(body).expect(201)).body as { id: string; title: string };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const get = async (path: string, query: Record<string, unknown> = {}): Promise<any> => (await sut.http().get(path).query(query).set(viewer).expect(200)).body;

  describe('compliance on a hand-built data set', () => {
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      Object.assign(ids, { a: await party('Pakistan'), b: await party('Russia'), series: await series('JMCC') });
      const meeting = (await prisma.meeting.create({ data: { title: 'Round 2', seriesId: ids.series, round: 2 } })).id;
      const elsewhere = (await prisma.meeting.create({ data: { title: 'Other forum' } })).id;
      const at = (ownerPartyId: string, body: Record<string, unknown>) => create({ meetingId: meeting, ownerPartyId, ...body });
      await at(ids.a, {
        title: 'a1 on time',
        deadline: { precision: 'DAY', value: '2020-03-15' },
        status: 'DONE',
        completedAt: '2020-03-10T12:00:00Z',
        assessment: 'FULL',
      });
      await at(ids.a, {
        title: 'a2 on the last millisecond',
        deadline: { precision: 'MONTH', value: '2020-06' },
        status: 'DONE',
        completedAt: '2020-06-30T23:59:59.999Z',
        assessment: 'PARTIAL',
      });
      await at(ids.a, {
        title: 'a3 late',
        deadline: { precision: 'YEAR', value: '2020' },
        status: 'DONE',
        completedAt: '2021-01-05T00:00:00Z',
        assessment: 'NONE',
      });
      await at(ids.a, { title: 'a4 open overdue', deadline: { precision: 'QUARTER', value: '2020-Q4' }, status: 'OPEN' });
      await at(ids.a, { title: 'a5 cancelled', deadline: { precision: 'MONTH', value: '2020-05' }, status: 'OPEN' }).then((c) =>
        sut.http().patch(`/api/v1/commitments/${c.id}`).set(ADMIN).send({ status: 'CANCELLED', assessment: 'NONE' }).expect(200),
      );
      await at(ids.a, { title: 'a6 next period', deadline: { precision: 'YEAR', value: '2021' }, status: 'DONE', completedAt: '2021-02-01T00:00:00Z' });
      await at(ids.a, {
        title: 'a7 window ends in 2019 in Karachi',
        deadline: { precision: 'DAY', value: '2019-12-31', timeZone: 'Asia/Karachi' },
        status: 'OPEN',
      });
      await at(ids.b, {
        title: 'b1 at the deadline instant',
        deadline: { precision: 'DATETIME', value: '2020-09-01T10:00:00Z' },
        status: 'DONE',
        completedAt: '2020-09-01T10:00:00Z',
        assessment: 'FULL',
      });
      await at(ids.b, { title: 'b2 open overdue', deadline: { precision: 'DAY', value: '2020-02-02' }, status: 'IN_PROGRESS' });
      await create({ title: 'other series', meetingId: elsewhere, ownerPartyId: ids.a, deadline: { precision: 'DAY', value: '2020-03-01' }, status: 'OPEN' });
    });

    it('counts due, on time, late, open overdue, rate and average score per owing party', async () => {
      const report = await get('/api/v1/dashboard/compliance', { seriesId: ids.series, from: '2020-01-01', to: '2020-12-31' });
      expect(report).toEqual({
        from: '2020-01-01T00:00:00.000Z',
        to: '2020-12-31T23:59:59.999Z',
        parties: [
          {
            partyId: ids.a,
            name: expect.stringMatching(/^Pakistan/),
            due: 4,
            doneOnTime: 2,
            doneLate: 1,
            openOverdue: 1,
            assessed: 4,
            onTimeRate: 0.5,
            averageScore: -0.25,
          },
          {
            partyId: ids.b,
            name: expect.stringMatching(/^Russia/),
            due: 2,
            doneOnTime: 1,
            doneLate: 0,
            openOverdue: 1,
            assessed: 1,
            onTimeRate: 0.5,
            averageScore: 1,
          },
        ],
      });
      const one = await get('/api/v1/dashboard/compliance', { seriesId: ids.series, partyId: ids.b, from: '2020-01-01', to: '2020-12-31' });
      expect(one.parties.map((p: { partyId: string }) => p.partyId)).toEqual([ids.b]);
    });

    it('lists the commitments behind each figure', async () => {
      const behind = async (figure: string, partyId?: string): Promise<string[]> =>
        (
          await get('/api/v1/dashboard/compliance/commitments', {
            seriesId: ids.series,
            from: '2020-01-01',
            to: '2020-12-31',
            figure,
            ...(partyId ? { partyId } : {}),
          })
        ).items.map((c: { title: string }) => c.title) as string[];
      expect(await behind('doneLate', ids.a)).toEqual(['a3 late']);
      expect(await behind('doneOnTime', ids.a)).toEqual(['a1 on time', 'a2 on the last millisecond']);
      expect(await behind('openOverdue')).toEqual(['b2 open overdue', 'a4 open overdue']);
      // a3 (2020) and a4 (2020-Q4) share the window's last millisecond: their order is by id, random here.
      const due = await behind('due', ids.a);
      expect(due.slice(0, 2)).toEqual(['a1 on time', 'a2 on the last millisecond']);
      expect(due.slice(2).sort()).toEqual(['a3 late', 'a4 open overdue']);
      expect(await behind('assessed', ids.a)).toHaveLength(4);
    });

    it('refuses a period that ends before it starts, and a missing period', async () => {
      await sut.http().get('/api/v1/dashboard/compliance').query({ from: '2020-02-01', to: '2020-01-01' }).set(viewer).expect(400);
      await sut.http().get('/api/v1/dashboard/compliance').query({ seriesId: ids.series }).set(viewer).expect(400);
    });
  });

  it('summarises by status, overdue and due soon, by party and by series', async () => {
    const tag = unique('s').replace(' ', '-');
    const [a, b, s] = [await party('Pakistan'), await party('Russia'), await series('Forum')];
    const meeting = (await prisma.meeting.create({ data: { title: 'Round 1', seriesId: s, round: 1 } })).id;
    const inDays = (d: number) => ({ precision: 'DATETIME', value: new Date(Date.now() + d * 86_400_000).toISOString() });
    await create({ title: 'overdue', tags: [tag], ownerPartyId: a, meetingId: meeting, deadline: inDays(-1) });
    await create({ title: 'in 3 days', tags: [tag], ownerPartyId: a, meetingId: meeting, deadline: inDays(3), status: 'IN_PROGRESS' });
    await create({ title: 'in 20 days', tags: [tag], ownerPartyId: b, deadline: inDays(20) });
    await create({ title: 'in 60 days', tags: [tag], ownerPartyId: b, deadline: inDays(60), status: 'DEFERRED' });
    await create({ title: 'in 200 days', tags: [tag], deadline: inDays(200) });
    await create({ title: 'done late', tags: [tag], ownerPartyId: a, deadline: inDays(-10), status: 'DONE' });
    await create({ title: 'done soon', tags: [tag], ownerPartyId: b, deadline: inDays(5), status: 'DONE' });

    const summary = await get('/api/v1/dashboard/summary', { tag });
    const zero = { PROPOSED: 0, OPEN: 0, IN_PROGRESS: 0, DONE: 0, CANCELLED: 0, DEFERRED: 0 };
    expect(summary.totals).toEqual({
      total: 7,
      byStatus: { ...zero, OPEN: 3, IN_PROGRESS: 1, DEFERRED: 1, DONE: 2 },
      overdue: 1,
      dueWithin7Days: 1,
      dueWithin30Days: 2,
      dueWithin90Days: 3,
    });
    expect(summary.byParty).toEqual([
      {
        partyId: a,
        name: expect.any(String),
        total: 3,
        byStatus: { ...zero, OPEN: 1, IN_PROGRESS: 1, DONE: 1 },
        overdue: 1,
        dueWithin7Days: 1,
        dueWithin30Days: 1,
        dueWithin90Days: 1,
      },
      {
        partyId: b,
        name: expect.any(String),
        total: 3,
        byStatus: { ...zero, OPEN: 1, DEFERRED: 1, DONE: 1 },
        overdue: 0,
        dueWithin7Days: 0,
        dueWithin30Days: 1,
        dueWithin90Days: 2,
      },
      { partyId: null, name: null, total: 1, byStatus: { ...zero, OPEN: 1 }, overdue: 0, dueWithin7Days: 0, dueWithin30Days: 0, dueWithin90Days: 0 },
    ]);
    expect(summary.bySeries.map((g: { seriesId: string | null; total: number }) => [g.seriesId, g.total])).toEqual([
      [s, 2],
      [null, 5],
    ]);
    expect((await get('/api/v1/dashboard/summary', { tag, partyId: b })).totals.total).toBe(3);
    await sut.http().get('/api/v1/dashboard/summary').query({ colour: 'red' }).set(viewer).expect(400);
  });

  it('keeps the unfiltered summary exact from kept counts: through writes, deletes, and as the cutoff moves', async () => {
    const repository = sut.app.get(DashboardRepository);
    const sorted = (rows: TallyRow[]) => rows.map((r) => JSON.stringify(r)).sort();
    const same = async () => {
      const now = new Date();
      expect(sorted(await repository.keptTallies(now))).toEqual(sorted(await repository.tallies({}, now)));
    };
    const [a, b, s] = [await party('Kept'), await party('Counts'), await series('Kept')];
    const meeting = (await prisma.meeting.create({ data: { title: 'Round 1', seriesId: s, round: 1 } })).id;
    const inHours = (h: number) => ({ precision: 'DATETIME', value: new Date(Date.now() + h * 3_600_000).toISOString() });
    const made = [
      await create({ title: 'long overdue', ownerPartyId: a, meetingId: meeting, deadline: inHours(-24 * 40) }),
      await create({ title: 'overdue since an hour', ownerPartyId: a, meetingId: meeting, deadline: inHours(-1) }),
      await create({ title: 'due tomorrow', ownerPartyId: b, deadline: inHours(26), status: 'IN_PROGRESS' }),
      await create({ title: 'due in 50 days', ownerPartyId: b, meetingId: meeting, deadline: inHours(24 * 50) }),
      await create({ title: 'undated, no party' }),
      await create({ title: 'done', ownerPartyId: a, deadline: inHours(-24 * 3), status: 'DONE' }),
    ];
    // Either side of each horizon (7, 30, 90 days), within the span counted live and beyond it.
    for (const days of [7, 30, 90]) {
      for (const hours of [-30, -1, 1, 30])
        await create({ title: `due in ${days} days ${hours} h`, ownerPartyId: b, meetingId: meeting, deadline: inHours(24 * days + hours) });
    }
    await same();
    const patch = (id: string, body: Record<string, unknown>) => sut.http().patch(`/api/v1/commitments/${id}`).set(ADMIN).send(body).expect(200);
    await patch(made[0].id, { status: 'DONE' });
    await patch(made[2].id, { ownerPartyId: a, deadline: inHours(-2) });
    await patch(made[3].id, { meetingId: null, status: 'DEFERRED' });
    await sut.http().delete(`/api/v1/commitments/${made[4].id}`).set(ADMIN).expect(204);
    await same();
    // A cutoff far back (everything since counted live), then moved to just before now.
    await prisma.$executeRaw`SELECT commitment_tally_rebuild(${new Date(Date.now() - 60 * 86_400_000)}::timestamptz)`;
    await same();
    await prisma.$executeRaw`SELECT commitment_tally_advance(${new Date(Date.now() - 40 * 86_400_000)}::timestamptz)`;
    await same();
    await prisma.$executeRaw`SELECT commitment_tally_advance(${new Date(Date.now() - 1_800_000)}::timestamptz)`;
    await same();
    expect((await get('/api/v1/dashboard/summary')).totals.total).toBeGreaterThanOrEqual(5);
  });

  it('carries over what is still open from earlier rounds, and what is due at this one, by party', async () => {
    const [a, b, s] = [await party('Pakistan'), await party('Russia'), await series('JMCC')];
    const round = async (n: number) => (await prisma.meeting.create({ data: { title: `Round ${n}`, seriesId: s, round: n } })).id;
    const [r1, r2, r3, r4] = [await round(1), await round(2), await round(3), await round(4)];
    const elsewhere = (await prisma.meeting.create({ data: { title: 'Bilateral visit' } })).id;
    await create({ title: 'r1 open', meetingId: r1, ownerPartyId: a, deadline: { precision: 'YEAR', value: '2020' } });
    await create({ title: 'r1 done', meetingId: r1, ownerPartyId: a, status: 'DONE' });
    await create({ title: 'r1 open b', meetingId: r1, ownerPartyId: b, deadline: { precision: 'YEAR', value: '2020' } });
    await create({ title: 'r2 in progress', meetingId: r2, ownerPartyId: b, status: 'IN_PROGRESS', deadline: { precision: 'YEAR', value: '2019' } });
    await create({ title: 'r2 proposed', meetingId: r2, ownerPartyId: a, status: 'PROPOSED' });
    await create({ title: 'r3 itself', meetingId: r3, ownerPartyId: a });
    await create({ title: 'due at r3', meetingId: elsewhere, ownerPartyId: a, deadline: { precision: 'MEETING', meetingId: r3 } });
    await create({ title: 'r4 later', meetingId: r4, ownerPartyId: b });

    const carry = await get(`/api/v1/meetings/${r3}/carry-over`);
    expect(carry).toMatchObject({ meetingId: r3, seriesId: s, round: 3 });
    expect(carry.parties.map((p: { partyId: string; commitments: { title: string }[] }) => [p.partyId, p.commitments.map((c) => c.title)])).toEqual([
      [a, ['r1 open', 'due at r3']],
      [b, ['r2 in progress', 'r1 open b']],
    ]);
    expect((await get(`/api/v1/meetings/${r1}/carry-over`)).parties).toEqual([]);
    await sut.http().get('/api/v1/meetings/00000000-0000-4000-8000-000000000000/carry-over').set(viewer).expect(404);
  });
});
