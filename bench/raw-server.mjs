#!/usr/bin/env node
// The floor under the API's latency: node:http + pg running the same SQL as the API for the
// benchmarked queries, with no framework, validation, auth or mapping. Only for bench/api.mjs.
import http from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const OPEN = `c.status IN ('PROPOSED', 'OPEN', 'IN_PROGRESS', 'DEFERRED')`;
const DUE = `COALESCE(c.deadline_end, 'infinity'::timestamptz)`;
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
  summary: () => [
    `SELECT GROUPING(c.owner_party_id, m.series_id) AS g, c.status, c.owner_party_id, m.series_id, count(*)::int AS n,
       count(*) FILTER (WHERE ${OPEN} AND ${DUE} < now())::int AS overdue,
       count(*) FILTER (WHERE ${OPEN} AND c.deadline_end >= now() AND c.deadline_end < now() + interval '7 days')::int AS due7,
       count(*) FILTER (WHERE ${OPEN} AND c.deadline_end >= now() AND c.deadline_end < now() + interval '30 days')::int AS due30,
       count(*) FILTER (WHERE ${OPEN} AND c.deadline_end >= now() AND c.deadline_end < now() + interval '90 days')::int AS due90
     FROM commitment c LEFT JOIN meeting m ON m.id = c.meeting_id WHERE c.deleted_at IS NULL
     GROUP BY GROUPING SETS ((c.status), (c.status, c.owner_party_id), (c.status, m.series_id))`,
    [],
  ],
  compliance: (q) => [
    `SELECT c.owner_party_id, p.name, count(*) FILTER (WHERE c.status <> 'CANCELLED')::int AS due,
       count(*) FILTER (WHERE c.status = 'DONE' AND COALESCE(c.completed_at, c.closed_at) <= c.deadline_end)::int AS on_time,
       count(*) FILTER (WHERE c.status = 'DONE' AND COALESCE(c.completed_at, c.closed_at) > c.deadline_end)::int AS late,
       count(*) FILTER (WHERE ${OPEN} AND ${DUE} < now())::int AS open_overdue,
       count(*) FILTER (WHERE c.assessment IS NOT NULL)::int AS assessed,
       avg(CASE c.assessment WHEN 'FULL' THEN 1 WHEN 'PARTIAL' THEN 0 WHEN 'NONE' THEN -1 END)::float8 AS score
     FROM commitment c LEFT JOIN party p ON p.id = c.owner_party_id
     WHERE c.deleted_at IS NULL AND ${DUE} >= $1 AND ${DUE} <= $2 GROUP BY c.owner_party_id, p.name ORDER BY p.name`,
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
    pool.query(sql, params).then(
      ({ rows }) => {
        const body = JSON.stringify({ items: rows.slice(0, 50) });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
      },
      (error) => res.writeHead(500).end(String(error)),
    );
  })
  .listen(Number(process.env.PORT), '127.0.0.1');
