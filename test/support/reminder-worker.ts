import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { INestApplicationContext } from '@nestjs/common';
import { Redis } from 'ioredis';
import { loadConfig } from '../../src/core/config/config.js';
import { createWorker } from '../../src/worker.factory.js';

/** Settings that make the dispatcher and its recovery fast enough to watch in a test. */
export const fastReminders = {
  REMINDER_DISPATCH_EVERY_MS: '250',
  REMINDER_LEASE_SECONDS: '5',
  REMINDER_JOB_LOCK_MS: '2000',
  REMINDER_BACKOFF_MS: '200',
  REMINDER_ATTEMPTS: '6',
  REMINDER_CONCURRENCY: '5',
} as const;

/** A worker inside the test process, built exactly as `node dist/worker.js` builds it. */
export async function startWorker(env: Record<string, string>): Promise<INestApplicationContext> {
  return createWorker(loadConfig({ ...process.env, ...fastReminders, ...env }));
}

/** Compiles the worker so tests can run it as real, separate, killable processes. */
export function buildWorker(): void {
  try {
    execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'pipe' });
  } catch (error) {
    // tsc still emits on type errors elsewhere in the tree; only a missing entry point is fatal here.
    if (!existsSync('dist/worker.js')) throw error;
  }
}

export interface WorkerProcess {
  child: ChildProcess;
  exited: Promise<number | null>;
  output: () => string;
}

export function spawnWorker(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ['dist/worker.js'], { env: { ...process.env, ...fastReminders, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

/** Deletes every key of this test run's queues: what a Redis restart without persistence leaves. */
export async function flushQueues(): Promise<number> {
  if (!process.env.REDIS_URL) throw new Error('flushQueues needs the queues in Redis (TEST_REDIS_URL)');
  const redis = new Redis(process.env.REDIS_URL);
  try {
    const keys = await redis.keys(`${process.env.REDIS_PREFIX}:*`);
    if (keys.length) await redis.del(...keys);
    return keys.length;
  } finally {
    redis.disconnect();
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
