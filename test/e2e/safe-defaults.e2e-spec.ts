import { beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { buildApi } from '../support/api-process.js';

/** Runs the built API with these settings and collects what it says until it exits. */
function runApi(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['dist/main.js', '--api'], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // Only a backstop: a loaded machine can take many seconds just to load the build.
  const timer = setTimeout(() => child.kill('SIGKILL'), 100_000);
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    }),
  );
}

describe('safe defaults', () => {
  describe('in production the service refuses to start with a guessable admin key', () => {
    beforeAll(() => buildApi(), 240_000);

    it.each([
      ['the example key from .env.example', 'change-me-to-a-long-random-admin-key', /ADMIN_API_KEY: is the example key from \.env\.example/],
      ['a key of 31 characters', 'k'.repeat(31), /ADMIN_API_KEY: must be at least 32 characters in production/],
    ])(
      '%s',
      async (_, key, reason) => {
        const { code, output } = await runApi({ NODE_ENV: 'production', ADMIN_API_KEY: key });
        expect(code).toBe(1);
        expect(output).toMatch(reason);
        expect(output).not.toContain(key);
      },
      120_000,
    );
  });

  it('docker-compose publishes every port on 127.0.0.1 only', () => {
    const compose = parse(readFileSync('docker-compose.yml', 'utf8')) as { services: Record<string, { ports?: string[] }> };
    const ports = Object.values(compose.services).flatMap((service) => service.ports ?? []);
    expect(ports.length).toBeGreaterThanOrEqual(3);
    for (const port of ports) expect(port).toMatch(/^127\.0\.0\.1:\d+:\d+$/);
  });
});
