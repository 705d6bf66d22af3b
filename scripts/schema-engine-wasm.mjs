#!/usr/bin/env node
// Drop-in replacement for Prisma's native `schema-engine` binary, for machines that cannot
// reach binaries.prisma.sh. Point the CLI at it:
//   PRISMA_SCHEMA_ENGINE_BINARY=$PWD/scripts/schema-engine-shim.mjs npx prisma migrate dev
// It speaks the same JSON-RPC-over-stdio protocol as the binary and forwards every call to the
// npm-published @prisma/schema-engine-wasm, which talks to Postgres through @prisma/adapter-pg.
// Postgres only. A workaround, not an official Prisma feature.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import readline from 'node:readline';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg';
import pg from 'pg';

// adapter-pg 7 does not map Postgres' internal "char" type (OID 18) that the engine's catalog
// queries return -> report it as text.
const origRowDescription = pg.Query.prototype.handleRowDescription;
pg.Query.prototype.handleRowDescription = function (msg) {
  for (const f of msg.fields) if (f.dataTypeID === 18) f.dataTypeID = 25;
  return origRowDescription.call(this, msg);
};

const log = (level, message, extra = {}) =>
  process.stderr.write(JSON.stringify({ timestamp: new Date().toISOString(), level, fields: { message, ...extra }, target: 'schema_engine::logger' }) + '\n');

// ---- args
const argv = process.argv.slice(2);
const datamodels = [];
let datasource = null;
let cliCmd = null;
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--version' || a === '-V') {
    console.log('schema-engine-cli wasm-shim');
    process.exit(0);
  } else if (a === '--datamodels') datamodels.push(argv[++i]);
  else if (a === '--datasource') datasource = JSON.parse(argv[++i]);
  else if (a === '--enabled-preview-features' || a === '--extension-types') i++;
  else if (a === 'cli') cliCmd = argv[++i];
}

function pgConfigFromUrl(url) {
  // Discrete fields (not connectionString): pg lets connectionString override `database`.
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1)) || 'postgres',
    ...(u.searchParams.get('schema') ? { options: `-c search_path="${u.searchParams.get('schema')}"` } : {}),
  };
}

// ---- `schema-engine cli <cmd>` mode (can-connect-to-database / create-database / drop-database)
if (cliCmd) {
  log('INFO', `Starting schema engine CLI (wasm shim): ${cliCmd}`); // the Prisma CLI skips stderr's first line
  const cfg = pgConfigFromUrl(datasource.url);
  try {
    if (cliCmd === 'can-connect-to-database') {
      const c = new pg.Client(cfg);
      await c.connect();
      await c.end();
    } else if (cliCmd === 'create-database' || cliCmd === 'drop-database') {
      const c = new pg.Client({ ...cfg, database: 'postgres' });
      await c.connect();
      const exists = (await c.query('select 1 from pg_database where datname = $1', [cfg.database])).rowCount > 0;
      if (cliCmd === 'create-database' && !exists) await c.query(`CREATE DATABASE "${cfg.database}"`);
      if (cliCmd === 'drop-database' && exists) await c.query(`DROP DATABASE "${cfg.database}" WITH (FORCE)`);
      await c.end();
    } else throw new Error(`unsupported cli command ${cliCmd}`);
    process.exit(0);
  } catch (e) {
    // P1003 = database does not exist; P1001 = cannot reach server
    const code = e.code === '3D000' ? 'P1003' : e.code === 'ECONNREFUSED' ? 'P1001' : 'P1000';
    log('ERROR', e.message, { error_code: code });
    process.exit(1);
  }
}

// ---- JSON-RPC mode
const require = createRequire(import.meta.url);
const wasmPath = path.join(path.dirname(require.resolve('@prisma/schema-engine-wasm')), 'schema_engine_bg.wasm');
const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), { './schema_engine_bg.js': bg });
bg.__wbg_set_wasm(instance.exports);
instance.exports.__wbindgen_start();

const url = datasource?.url ?? process.env.DATABASE_URL;
let engine = null;

// adapter-pg's executeScript splits a migration on every ";", which breaks function bodies
// ($$ ... ; ... $$). The native engine sends a migration as one script: do the same (one simple
// query, so it also applies all or nothing).
function wholeScripts(conn) {
  conn.executeScript = async function (script) {
    try {
      await this.client.query(script);
    } catch (error) {
      this.onError(error);
    }
  };
  return conn;
}

async function getEngine() {
  if (engine) return engine;
  if (!url) throw Object.assign(new Error('No datasource url given to the schema engine shim'), { code: 'P1012' });
  const cfg = pgConfigFromUrl(url);
  const main = new PrismaPg(cfg);
  const factory = {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: async () => wholeScripts(await main.connect()),
    async connectToShadowDb() {
      if (datasource?.shadowDatabaseUrl) return wholeScripts(await new PrismaPg(pgConfigFromUrl(datasource.shadowDatabaseUrl)).connect());
      // adapter-pg's own connectToShadowDb drops the DB before closing its pool -> roll our own.
      const name = `prisma_migrate_shadow_db_${crypto.randomUUID()}`;
      const admin = new pg.Client(cfg);
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      const shadow = wholeScripts(await new PrismaPg({ ...cfg, database: name }).connect());
      const dispose = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await dispose();
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.end();
      };
      return shadow;
    },
  };
  const dms = datamodels.map((f) => [f, readFileSync(f, 'utf8')]);
  const debug = process.env.DEBUG_SCHEMA_ENGINE_SHIM ? (m) => process.stderr.write(`[wasm] ${m}\n`) : () => {};
  engine = await bg.SchemaEngine.new({ datamodels: dms.length ? dms : undefined }, debug, bindMigrationAwareSqlAdapterFactory(factory));
  return engine;
}

const methodMap = { getDatabaseVersion: 'version', migrateDiff: 'diff' };
const send = (obj) => process.stdout.write(JSON.stringify(obj) + '\n');

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
let queue = Promise.resolve();
rl.on('line', (line) => {
  if (!line.trim()) return;
  let req;
  try {
    req = JSON.parse(line);
  } catch {
    return;
  }
  if (req.id === undefined || !req.method) return; // responses to our (unused) notifications
  queue = queue.then(async () => {
    try {
      const e = await getEngine();
      const m = methodMap[req.method] ?? req.method;
      if (typeof e[m] !== 'function') throw Object.assign(new Error(`schema-engine shim: method ${req.method} not supported`), { code: null });
      const result = await e[m](req.params ?? {});
      // The native engine prints diff output itself via a `print` request to the CLI.
      if (m === 'diff' && result?.stdout) send({ jsonrpc: '2.0', id: `print-${req.id}`, method: 'print', params: { content: result.stdout } });
      send({ jsonrpc: '2.0', id: req.id, result: result ?? {} });
    } catch (err) {
      const message = String(err?.message ?? err);
      log('ERROR', message);
      send({
        jsonrpc: '2.0',
        id: req.id,
        error: {
          code: 4466,
          message: 'An error happened. Check the data field for details.',
          data: { is_panic: false, message, error_code: err?.code ?? undefined, meta: err?.meta },
        },
      });
    }
  });
});
rl.on('close', async () => {
  await queue;
  try {
    engine?.free?.();
  } catch {
    // the engine may already be freed; nothing is lost at exit
  }
  process.exit(0);
});
