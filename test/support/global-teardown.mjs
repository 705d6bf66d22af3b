import { rmSync } from 'node:fs';
import { Redis } from 'ioredis';
import { withAdmin } from './global-setup.mjs';

/** Removes this run's database, Redis keys, files and embedded PostgreSQL. */
export default async function globalTeardown() {
  const database = new URL(process.env.DATABASE_URL).pathname.slice(1);
  await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
  await globalThis.followthroughTestPostgres?.stop();
  rmSync(process.env.DATA_DIR, { recursive: true, force: true });
  if (!process.env.REDIS_URL) return;
  const redis = new Redis(process.env.REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${process.env.REDIS_PREFIX}:*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
}
