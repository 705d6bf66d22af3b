import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Prisma } from '../../src/generated/prisma/client.js';
import { PrismaService } from '../../src/core/prisma/prisma.service.js';
import { startStatement } from '../../src/reminders/reminder-delivery.repository.js';
import { claimedCountStatement, releaseExpiredStatement } from '../../src/reminders/reminder-dispatch.repository.js';
import { reminderListStatement } from '../../src/reminders/reminders.repository.js';
import { startTestApp, unique, type TestApp } from '../support/app.js';
import { createCommitment, createPerson, inSeconds } from '../support/reminder-fixtures.js';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}

/** Every index a plan reads (bitmap index scans name no table, so all are collected). */
function indexesOf(node: PlanNode): string[] {
  return scansOf(node).map((scan) => scan['Index Name'] as string);
}

function nodesOf(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(nodesOf)];
}

function scansOf(node: PlanNode): PlanNode[] {
  return nodesOf(node).filter((scan) => scan['Index Name']);
}

// Statistics are taken while no reminder is CLAIMED (as autovacuum usually finds the ledger); then a
// burst claims thousands. Delivery must still reach a chunk's rows through their ids: a plan that reads
// "every CLAIMED row" through the status index looks cheap to the planner and costs a scan of the burst.
describe('delivery plans when statistics are stale', () => {
  let t: TestApp;
  let prisma: PrismaService;
  let ids: string[];
  let recipients: string[];
  const lease = new Date(Date.now() + 60_000);
  const tag = unique('stale-statistics').replace(' ', '-');

  beforeAll(async () => {
    t = await startTestApp();
    prisma = t.app.get(PrismaService);
    const { id: commitmentId } = await createCommitment(t, { due: inSeconds(3600), responsible: [await createPerson(t)], offsets: ['P0D'] });
    // A burst as it comes: 20,000 reminders to 500 people.
    const people = await prisma.$queryRaw<{ id: string }[]>`
      INSERT INTO person (id, name, email, time_zone, updated_at)
      SELECT gen_random_uuid(), 'Burst ' || g, ${tag} || '-' || g || '@burst.test', 'UTC', now() FROM generate_series(1, 500) g
      RETURNING id`;
    await prisma.$executeRaw`
      INSERT INTO reminder (id, commitment_id, recipient_person_id, kind, "offset", fire_at, status, dedupe_key, updated_at)
      SELECT gen_random_uuid(), ${commitmentId}::uuid, (${people.map((p) => p.id)}::uuid[])[1 + g % 500], 'DUE', 'P0D',
             now() + g * interval '1 minute', 'PENDING', ${tag} || ':' || g, now()
      FROM generate_series(1, 20000) g`;
    await prisma.$executeRawUnsafe('ANALYZE reminder');
    const claimed = await prisma.$queryRaw<{ id: string; recipient: string }[]>`
      UPDATE reminder SET status = 'CLAIMED', lease_until = ${lease}, attempts = 0
      WHERE dedupe_key LIKE ${`${tag}:%`} RETURNING id, recipient_person_id AS recipient`;
    const chunk = claimed.slice(0, 100);
    ids = chunk.map((r) => r.id);
    recipients = [...new Set(chunk.map((r) => r.recipient))].sort();
  });

  afterAll(async () => {
    if (prisma) {
      await prisma.$executeRaw`DELETE FROM reminder WHERE dedupe_key LIKE ${`${tag}:%`}`;
      await prisma.$executeRaw`DELETE FROM person WHERE email LIKE ${`${tag}-%`}`;
      // Statistics for the test files after this one, without the burst.
      await prisma.$executeRawUnsafe('ANALYZE reminder');
    }
    await t?.close();
  });

  it('starts a chunk reading its rows by id, not every CLAIMED row through the status index', async () => {
    const statement = startStatement(ids, recipients, { lease, leaseSeconds: 120, dailyLimit: 100, forced: false });
    const [{ 'QUERY PLAN': plan }] = await prisma.$queryRaw<{ 'QUERY PLAN': { Plan: PlanNode }[] }[]>(Prisma.sql`EXPLAIN (FORMAT JSON) ${statement}`);
    const indexes = indexesOf(plan[0].Plan);

    // By id (the primary key), never by status: those indexes hold the whole burst.
    expect(indexes).toContain('reminder_pkey');
    expect(indexes).not.toContain('reminder_status_fire_at_id_idx');
    expect(indexes).not.toContain('reminder_claimed_lease_idx');
    // A recipient's sends are read as a range of the last day and those in flight, never their whole history.
    const sends = scansOf(plan[0].Plan).filter((scan) => scan['Index Name'] === 'reminder_recipient_sends_idx');
    expect(sends).toHaveLength(2);
    for (const scan of sends) expect(scan['Index Cond']).toMatch(/sent_at/);
  });

  it('refuses a reminder whose sent_at does not match its status, which the daily-limit count relies on', async () => {
    const [id] = ids;
    await expect(prisma.$executeRaw`UPDATE reminder SET sent_at = now() WHERE id = ${id}::uuid`).rejects.toThrow(/reminder_sent_at_only_when_sent/);
    await expect(prisma.$executeRaw`UPDATE reminder SET status = 'SENT' WHERE id = ${id}::uuid`).rejects.toThrow(/reminder_sent_at_only_when_sent/);
    expect(await prisma.$executeRaw`UPDATE reminder SET status = 'SENT', sent_at = now() WHERE id = ${id}::uuid`).toBe(1);
  });

  it('lists the reminders of a status through an index, never by reading the whole ledger', async () => {
    for (const status of ['PENDING', 'SENT', 'CLAIMED'] as const) {
      // Sent as the API sends it (a prepared statement with the status as a parameter).
      const [{ 'QUERY PLAN': plan }] = await prisma.read<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(
        Prisma.sql`EXPLAIN (FORMAT JSON) ${reminderListStatement({ status, limit: 50 })}`,
      );
      const nodes = nodesOf(plan[0].Plan);
      expect(nodes.filter((node) => node['Node Type'] === 'Seq Scan')).toEqual([]);
      if (status !== 'CLAIMED') expect(indexesOf(plan[0].Plan)).toContain('reminder_status_fire_at_id_idx');
    }
  });

  it("reads claims in flight through the index of claims, which the dispatcher's every tick does", async () => {
    const plans = await Promise.all(
      [releaseExpiredStatement(1000), claimedCountStatement(5000)].map(async (statement) => {
        const [{ 'QUERY PLAN': plan }] = await prisma.$queryRaw<{ 'QUERY PLAN': { Plan: PlanNode }[] }[]>(Prisma.sql`EXPLAIN (FORMAT JSON) ${statement}`);
        return indexesOf(plan[0].Plan);
      }),
    );
    // Finding the expired few must not read the whole burst through the status index and sort it.
    for (const indexes of plans) {
      expect(indexes).toContain('reminder_claimed_lease_idx');
      expect(indexes).not.toContain('reminder_status_fire_at_id_idx');
    }
  });
});
