#!/usr/bin/env node
// The floor under the API's latency: node:http + pg running the same SQL as the API for the
// benchmarked queries, with no framework, validation, auth, logging or mapping. Only for bench/api.mjs.
import http from 'node:http';
import pg from 'pg';
import { pageSql, rankedSql } from '../dist/commitments/commitment-list.sql.js';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const OPEN = `c.status IN ('PROPOSED', 'OPEN', 'IN_PROGRESS', 'DEFERRED')`;
const DUE = `COALESCE(c.deadline_end, 'infinity'::timestamptz)`;
const SUMS = 'sum(n)::int AS n, sum(overdue)::int AS overdue, sum(due7)::int AS due7, sum(due30)::int AS due30, sum(due90)::int AS due90';
const OPEN_STATUSES = ['PROPOSED', 'OPEN', 'IN_PROGRESS', 'DEFERRED'];
const BY_DEADLINE = { key: 'deadline', order: 'asc' };
const statement = (sql) => [sql.text, sql.values];

const queries = {
  // The lists' SQL is the API's own (built by bench:api), so the ratio measures everything else.
  list: () => statement(pageSql({ statuses: OPEN_STATUSES }, BY_DEADLINE, 51, undefined, new Date())),
  overdue: (q) => statement(pageSql({ ownerPartyId: q.get('partyId'), overdue: true }, BY_DEADLINE, 51, undefined, new Date())),
  search: (q) => statement(rankedSql({ q: q.get('q') }, 51, undefined, new Date())),
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
