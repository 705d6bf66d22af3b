import pg from 'pg';
import { sleep } from './reminder-worker.js';

/** Waits until the worker has carried out every recorded fan-out re-plan (the outbox is empty). */
export async function replansDone(timeoutMs = 60_000): Promise<void> {
  const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  try {
    const until = Date.now() + timeoutMs;
    while ((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM replan_request')).rows[0].n > 0) {
      if (Date.now() > until) throw new Error(`Re-plans still pending after ${timeoutMs} ms`);
      await sleep(50);
    }
  } finally {
    await db.end();
  }
}
