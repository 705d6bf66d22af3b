#!/usr/bin/env node
// The floor under the API's latency: node:http + pg running the same SQL as the API for the
// benchmarked queries, with no framework, validation, auth, logging or mapping. Only for bench/api.mjs.
import http from 'node:http';
import pg from 'pg';
import { commitmentColumns, pageSql, rankedSql } from '../dist/commitments/commitment-list.sql.js';
import { complianceSql, keptTalliesSql } from '../dist/dashboard/dashboard.sql.js';

// The SQL is the API's own (built by bench:api), so the ratio measures everything else.
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const OPEN_STATUSES = ['PROPOSED', 'OPEN', 'IN_PROGRESS', 'DEFERRED'];
const BY_DEADLINE = { key: 'deadline', order: 'asc' };
const statement = (sql) => [sql.text, sql.values];
// The API reads a page's keys and then, for rows it has not mapped before, the rows in full (and
// reuses a search's ranking while no commitment is written); here every request ranks and every
// row is read in full, in the same statement as the keys.
const fullRows = (keys, order) => [
  `SELECT ${commitmentColumns.text} FROM (${keys.text}) k JOIN commitment c ON c.id = k.id ORDER BY ${order} LIMIT 51`,
  keys.values,
];

const queries = {
  list: () => fullRows(pageSql({ statuses: OPEN_STATUSES }, BY_DEADLINE, 51, undefined, new Date()), 'k."sortValue" NULLS LAST, c.id'),
  overdue: (q) =>
    fullRows(pageSql({ ownerPartyId: q.get('partyId'), overdue: true }, BY_DEADLINE, 51, undefined, new Date()), 'k."sortValue" NULLS LAST, c.id'),
  search: (q) => fullRows(rankedSql({ q: q.get('q') }, new Date(), new Date()), 'k.rank DESC, c.id'),
  summary: () => statement(keptTalliesSql(new Date())),
  compliance: (q) => statement(complianceSql({ dueEnd: { from: new Date(q.get('from')), to: new Date(q.get('to')) } }, new Date())),
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
