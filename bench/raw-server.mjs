#!/usr/bin/env node
// The floor under the API's latency: node:http + pg running the same SQL as the API for the
// benchmarked queries, with no framework, validation, auth or mapping. Only for bench/api.mjs.
import http from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const OPEN = `c.status IN ('PROPOSED', 'OPEN', 'IN_PROGRESS', 'DEFERRED')`;
const DUE = `COALESCE(c.deadline_end, 'infinity'::timestamptz)`;
const SUMS = 'sum(n)::int AS n, sum(overdue)::int AS overdue, sum(due7)::int AS due7, sum(due30)::int AS due30, sum(due90)::int AS due90';
const COLUMNS = `c.id, c.title, c.description, c.meeting_id, c.owner_party_id, c.counterparty_id, c.source_quote, c.status, c.assessment, c.tags,
  c.deadline_precision, c.deadline_value, c.deadline_time_zone, c.deadline_start, c.deadline_end, c.completed_at, c.version, c.created_at, c.updated_at,
  (SELECT json_agg(cp.person_id) FROM commitment_person cp WHERE cp.commitment_id = c.id) AS people`;

const queries = {
  list: () => [`SELECT ${COLUMNS} FROM commitment c WHERE c.deleted_at IS NULL AND ${OPEN} ORDER BY ${DUE}, c.id LIMIT 51`, []],
  overdue: (q) => [
    `SELECT ${COLUMNS} FROM commitment c WHERE c.deleted_at IS NULL AND ${OPEN} AND ${DUE} < now() AND c.owner_party_id = $1 ORDER BY ${DUE}, c.id LIMIT 51`,
    [q.get('partyId')],
  ],
  search: (q) => [
    `WITH r AS (SELECT c.id, ts_rank(c.search, websearch_to_tsquery('english', $1)) AS rank FROM commitment c
       WHERE c.deleted_at IS NULL AND c.search @@ websearch_to_tsquery('english', $1) LIMIT 1000)
     SELECT ${COLUMNS}, r.rank FROM r JOIN commitment c ON c.id = r.id ORDER BY r.rank DESC, r.id LIMIT 51`,
    [q.get('q')],
  ],
  // The API's summary over all commitments: the counts kept by triggers plus the open commitments
  // due between the cutoff and 90 days ahead, counted live (see the dashboard_tally migration).
  summary: () => [
    `WITH live_party AS (
       SELECT c.status, c.owner_party_id AS party, count(*) FILTER (WHERE c.deadline_end < now())::int AS overdue,
         count(*) FILTER (WHERE c.deadline_end >= now() AND c.deadline_end < now() + interval '7 days')::int AS due7,
         count(*) FILTER (WHERE c.deadline_end >= now() AND c.deadline_end < now() + interval '30 days')::int AS due30,
         count(*) FILTER (WHERE c.deadline_end >= now() AND c.deadline_end < now() + interval '90 days')::int AS due90
       FROM commitment c WHERE ${OPEN} AND c.deleted_at IS NULL
         AND c.deadline_end >= (SELECT cutoff FROM commitment_tally_cutoff WHERE id = 1) AND c.deadline_end < now() + interval '90 days'
       GROUP BY 1, 2
     ), live_meeting AS (
       SELECT c.status, c.meeting_id AS meeting, count(*) FILTER (WHERE c.deadline_end < now())::int AS overdue,
         count(*) FILTER (WHERE c.deadline_end >= now() AND c.deadline_end < now() + interval '7 days')::int AS due7,
         count(*) FILTER (WHERE c.deadline_end >= now() AND c.deadline_end < now() + interval '30 days')::int AS due30,
         count(*) FILTER (WHERE c.deadline_end >= now() AND c.deadline_end < now() + interval '90 days')::int AS due90
       FROM commitment c WHERE ${OPEN} AND c.deleted_at IS NULL
         AND c.deadline_end >= (SELECT cutoff FROM commitment_tally_cutoff WHERE id = 1) AND c.deadline_end < now() + interval '90 days'
       GROUP BY 1, 2
     ), by_party AS (
       SELECT t.status, NULLIF(t.ref_id, '00000000-0000-0000-0000-000000000000') AS party, t.n, CASE WHEN t.past THEN t.n ELSE 0 END AS overdue, 0 AS due7, 0 AS due30, 0 AS due90
       FROM commitment_tally t WHERE t.dimension = 'party' AND t.n <> 0
       UNION ALL SELECT status, party, 0, overdue, due7, due30, due90 FROM live_party
     ), by_series AS (
       SELECT t.status, m.series_id AS series, t.n, CASE WHEN t.past THEN t.n ELSE 0 END AS overdue, 0 AS due7, 0 AS due30, 0 AS due90
       FROM commitment_tally t LEFT JOIN meeting m ON m.id = t.ref_id WHERE t.dimension = 'meeting' AND t.n <> 0
       UNION ALL SELECT l.status, m.series_id, 0, l.overdue, l.due7, l.due30, l.due90 FROM live_meeting l LEFT JOIN meeting m ON m.id = l.meeting
     )
     SELECT 1 AS g, status, party, NULL::uuid AS series, ${SUMS} FROM by_party GROUP BY status, party HAVING sum(n) > 0
     UNION ALL SELECT 2, status, NULL, series, ${SUMS} FROM by_series GROUP BY status, series HAVING sum(n) > 0
     UNION ALL SELECT 3, status, NULL, NULL, ${SUMS} FROM by_party GROUP BY status HAVING sum(n) > 0`,
    [],
  ],
  compliance: (q) => [
    `SELECT a.*, p.name FROM (
       SELECT c.owner_party_id, count(*) FILTER (WHERE c.status <> 'CANCELLED')::int AS due,
         count(*) FILTER (WHERE c.status = 'DONE' AND COALESCE(c.completed_at, c.closed_at) <= c.deadline_end)::int AS on_time,
         count(*) FILTER (WHERE c.status = 'DONE' AND COALESCE(c.completed_at, c.closed_at) > c.deadline_end)::int AS late,
         count(*) FILTER (WHERE ${OPEN} AND ${DUE} < now())::int AS open_overdue,
         count(*) FILTER (WHERE c.assessment IS NOT NULL)::int AS assessed,
         avg(CASE c.assessment WHEN 'FULL' THEN 1 WHEN 'PARTIAL' THEN 0 WHEN 'NONE' THEN -1 END)::float8 AS score
       FROM commitment c WHERE c.deleted_at IS NULL AND ${DUE} >= $1 AND ${DUE} <= $2 GROUP BY c.owner_party_id
     ) a LEFT JOIN party p ON p.id = a.owner_party_id ORDER BY p.name NULLS LAST`,
    [q.get('from'), q.get('to')],
  ],
};

http
  .createServer((req, res) => {
    const url = new URL(req.url, 'http://raw');
    const query = queries[url.pathname.slice(1)];
    if (!query) {
      res.writeHead(404).end();
      return;
    }
    const [sql, params] = query(url.searchParams);
    // Prepared once per connection, like the API's reads, so both sides pay the same planning cost.
    pool.query({ name: url.pathname.slice(1), text: sql, values: params }).then(
      ({ rows }) => {
        const body = JSON.stringify({ items: rows.slice(0, 50) });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
      },
      (error) => res.writeHead(500).end(String(error)),
    );
  })
  .listen(Number(process.env.PORT), '127.0.0.1');
