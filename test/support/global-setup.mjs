import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { Redis } from 'ioredis';
import './test-env.mjs';

/** A fresh test database brought to the current schema by the committed migrations, and clean queues. */
export default async function globalSetup() {
  const url = new URL(process.env.DATABASE_URL);
  const database = url.pathname.slice(1);
  const adminUrl = new URL(url);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();
  execFileSync(process.execPath, ['scripts/prisma.mjs', 'migrate', 'deploy'], { stdio: 'pipe', env: process.env });

  const redis = new Redis(process.env.REDIS_URL);
  const keys = await redis.keys(`${process.env.REDIS_PREFIX}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
}
