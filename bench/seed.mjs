#!/usr/bin/env node
// Fills the dashboard benchmark database with realistic data: parties, people, series with yearly
// rounds, and commitments across every deadline precision and status (mostly closed in the past,
// mostly open in the future, some overdue). Rows are generated inside Postgres in batches, which is
// as fast as COPY here and needs no data to cross the wire.
// Usage: npm run bench:seed -- --commitments 1000000
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import 'dotenv/config';
import pg from 'pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const COMMITMENTS = Number(arg('commitments', 1_000_000));
const BATCH = 100_000;

export function benchDatabaseUrl() {
  const url = new URL(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/followthrough');
  url.pathname = `/${process.env.BENCH_DATABASE ?? 'followthrough_dashboard_bench'}`;
  const name = url.pathname.slice(1);
  if (name === 'followthrough' || name.includes('test')) throw new Error(`Refusing to fill database "${name}"`);
  return url.toString();
}

async function main() {
  const databaseUrl = benchDatabaseUrl();
  const name = new URL(databaseUrl).pathname.slice(1);
  const adminUrl = new URL(databaseUrl);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (!exists.rowCount) await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  execFileSync(process.execPath, ['scripts/prisma.mjs', 'migrate', 'deploy'], { cwd: root, stdio: 'pipe', env: { ...process.env, DATABASE_URL: databaseUrl } });

  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const started = Date.now();
  await db.query('TRUNCATE calendar_feed, reminder, commitment_event, commitment_person, commitment, meeting_participant, meeting, person, meeting_series, party CASCADE');
  await db.query('SELECT setseed(0.42)');
  await db.query(`INSERT INTO party (id, name, kind, updated_at)
    SELECT gen_random_uuid(), 'Party ' || lpad(i::text, 3, '0'), 'COUNTRY', now() FROM generate_series(1, 200) i`);
  await db.query(`INSERT INTO person (id, name, email, party_id, updated_at)
    SELECT gen_random_uuid(), 'Person ' || i, 'person' || i || '@bench.test', (SELECT id FROM party ORDER BY name OFFSET (i % 200) LIMIT 1), now()
    FROM generate_series(1, 2000) i`);
  await db.query(`INSERT INTO meeting_series (id, name, short_name, updated_at)
    SELECT gen_random_uuid(), 'Joint Committee ' || i, 'JC' || i, now() FROM generate_series(1, 60) i`);
  await db.query(`INSERT INTO meeting (id, series_id, round, title, starts_at, ends_at, status, updated_at)
    SELECT gen_random_uuid(), s.id, r, s.name || ' round ' || r, ts, ts + interval '1 day', CASE WHEN ts < now() THEN 'HELD' ELSE 'PLANNED' END::"MeetingStatus", now()
    FROM meeting_series s, generate_series(1, 14) r, LATERAL (SELECT timestamptz '2014-03-01' + (r - 1) * interval '1 year' + (random() * 200) * interval '1 day' AS ts) t`);
  await db.query('CREATE TEMP TABLE m AS SELECT row_number() OVER () AS n, id, starts_at FROM meeting');
  await db.query('CREATE TEMP TABLE p AS SELECT row_number() OVER () AS n, id FROM party');
  await db.query('CREATE TEMP TABLE h AS SELECT row_number() OVER () AS n, id FROM person');

  // Building indexes once after the load is many times faster than maintaining them row by row.
  const { rows: indexes } = await db.query(`SELECT indexname, indexdef FROM pg_indexes
    WHERE tablename IN ('commitment', 'commitment_person') AND indexname NOT LIKE '%pkey'`);
  for (const { indexname } of indexes) await db.query(`DROP INDEX "${indexname}"`);
  await db.query("SET session_replication_role = replica"); // references are drawn from existing rows
  for (let offset = 0; offset < COMMITMENTS; offset += BATCH) {
    const size = Math.min(BATCH, COMMITMENTS - offset);
    await db.query(insertBatch, [size]);
    process.stdout.write(`\r${offset + size} commitments`);
  }
  await db.query(`INSERT INTO commitment_person (commitment_id, person_id, role)
    SELECT c.id, h.id, 'RESPONSIBLE' FROM commitment c JOIN h ON h.n = 1 + abs(hashtext(c.id::text)) % 2000`);
  await db.query('SET session_replication_role = DEFAULT');
  await db.query("SET maintenance_work_mem = '1GB'");
  for (const { indexdef } of indexes) await db.query(indexdef);
  // The load bypassed the triggers that keep the dashboard's counts: recount once.
  await db.query("SELECT commitment_tally_rebuild(date_trunc('day', now()))");
  // A real table grows in the order commitments are created, so its newest rows share a few pages
  // (full-text search relies on that); the batches above drew creation times at random.
  await db.query('CLUSTER commitment USING commitment_created_at_id_idx');
  await db.query('VACUUM ANALYZE');
  await db.end();
  console.log(`\n${COMMITMENTS} commitments in ${name} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

// One batch: every random choice is drawn once per row in `r`, then shaped into columns.
const insertBatch = `
WITH r AS (
  SELECT gen_random_uuid() AS id, 1 + floor(random() * (SELECT count(*) FROM m))::int AS mn,
         1 + floor(power(random(), 2) * 200)::int AS pn, 1 + floor(random() * 200)::int AS cn,
         random() AS kind, random() AS st, random() AS late, random() AS score, random() AS w1, random() AS w2, random() AS tg,
         timestamptz '2014-06-01' + random() * (timestamptz '2027-12-31' - timestamptz '2014-06-01') AS due
  FROM generate_series(1, $1)
), d AS (
  SELECT r.*, m.id AS meeting_id, m.starts_at,
    CASE WHEN kind < 0.35 THEN 'DAY' WHEN kind < 0.60 THEN 'MONTH' WHEN kind < 0.70 THEN 'QUARTER'
         WHEN kind < 0.85 THEN 'YEAR' WHEN kind < 0.95 THEN 'DATETIME' ELSE 'MEETING' END AS precision
  FROM r JOIN m ON m.n = r.mn
), w AS (
  SELECT d.*,
    CASE precision WHEN 'DAY' THEN date_trunc('day', due) WHEN 'MONTH' THEN date_trunc('month', due) WHEN 'QUARTER' THEN date_trunc('quarter', due)
      WHEN 'YEAR' THEN date_trunc('year', due) WHEN 'DATETIME' THEN date_trunc('minute', due) ELSE CASE WHEN w1 < 0.5 THEN due END END AS ws,
    CASE precision WHEN 'DAY' THEN date_trunc('day', due) + interval '1 day' - interval '1 ms'
      WHEN 'MONTH' THEN date_trunc('month', due) + interval '1 month' - interval '1 ms'
      WHEN 'QUARTER' THEN date_trunc('quarter', due) + interval '3 months' - interval '1 ms'
      WHEN 'YEAR' THEN date_trunc('year', due) + interval '1 year' - interval '1 ms'
      WHEN 'DATETIME' THEN date_trunc('minute', due) ELSE CASE WHEN w1 < 0.5 THEN due + interval '1 day' END END AS we
  FROM d
), s AS (
  SELECT w.*,
    CASE WHEN we IS NULL OR we > now() THEN
      CASE WHEN st < 0.75 THEN 'OPEN' WHEN st < 0.90 THEN 'IN_PROGRESS' WHEN st < 0.95 THEN 'PROPOSED' WHEN st < 0.98 THEN 'DEFERRED' ELSE 'DONE' END
    ELSE CASE WHEN st < 0.80 THEN 'DONE' WHEN st < 0.88 THEN 'CANCELLED' WHEN st < 0.95 THEN 'OPEN' WHEN st < 0.98 THEN 'IN_PROGRESS' ELSE 'DEFERRED' END
    END AS status
  FROM w
)
INSERT INTO commitment (id, title, description, meeting_id, owner_party_id, counterparty_id, source_quote, status, assessment, tags,
  deadline_precision, deadline_value, deadline_time_zone, deadline_meeting_id, deadline_start, deadline_end, completed_at, closed_at, created_at, updated_at)
SELECT s.id,
  (ARRAY['Hold','Organise','Exchange','Sign','Prepare','Send','Host','Review','Report on','Establish'])[1 + floor(w1 * 10)::int] || ' ' ||
  (ARRAY['the next round of consultations','a visit of the naval delegation','military education exchanges','the training programme',
         'a joint exercise','the memorandum on counter-terrorism','the expert working group','the draft agreement on trade','peacekeeping courses',
         'the defence industry forum'])[1 + floor(w2 * 10)::int],
  CASE WHEN st < 0.5 THEN 'Agreed at the plenary session; details to follow through diplomatic channels.' END,
  s.meeting_id, pa.id, CASE WHEN cn <> pn THEN co.id END,
  'The sides agreed to ' || lower((ARRAY['hold','organise','exchange','sign','prepare','send','host','review','report on','establish'])[1 + floor(w2 * 10)::int]) || ' it ' ||
    (ARRAY['next year','in September','by the third quarter','at the next round','before the summit'])[1 + floor(tg * 5)::int] || '.',
  s.status::"CommitmentStatus",
  CASE WHEN s.status = 'DONE' OR (s.status = 'CANCELLED' AND score < 0.5) THEN
    (CASE WHEN score < 0.6 THEN 'FULL' WHEN score < 0.85 THEN 'PARTIAL' ELSE 'NONE' END)::"Assessment" END,
  ARRAY[(ARRAY['visit','training','defence','trade','jmcc','naval','education'])[1 + floor(tg * 7)::int]],
  precision::"DeadlinePrecision",
  CASE precision WHEN 'DAY' THEN to_char(ws AT TIME ZONE 'UTC', 'YYYY-MM-DD') WHEN 'MONTH' THEN to_char(ws AT TIME ZONE 'UTC', 'YYYY-MM')
    WHEN 'QUARTER' THEN to_char(ws AT TIME ZONE 'UTC', 'YYYY-"Q"Q') WHEN 'YEAR' THEN to_char(ws AT TIME ZONE 'UTC', 'YYYY')
    WHEN 'DATETIME' THEN to_char(ws AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:00"Z"') END,
  'UTC', CASE WHEN precision = 'MEETING' THEN s.meeting_id END, ws, we,
  CASE WHEN s.status = 'DONE' THEN COALESCE(we, now()) - CASE WHEN late < 0.8 THEN interval '20 days' ELSE interval '-40 days' END * late END,
  CASE WHEN s.status IN ('DONE', 'CANCELLED') THEN COALESCE(we, now()) END,
  COALESCE(s.starts_at, now()) + interval '2 days', COALESCE(s.starts_at, now()) + interval '2 days' + late * interval '300 days'
FROM s JOIN p pa ON pa.n = s.pn JOIN p co ON co.n = s.cn`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
