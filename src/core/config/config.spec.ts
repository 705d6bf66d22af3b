import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig, readConfig } from './config.js';

const valid = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/followthrough_test',
  REDIS_URL: 'redis://127.0.0.1:6379',
  ADMIN_API_KEY: 'a-long-enough-admin-key',
  SMTP_URL: 'smtp://127.0.0.1:2525',
  MAIL_FROM: 'Followthrough <followthrough@example.org>',
  PUBLIC_URL: 'https://followthrough.example.org',
  ACTION_SECRET: 'an-action-link-secret-of-32-chars!',
};

/** The message loadConfig throws for an environment, or a failure if it does not throw. */
function errorFor(env: Record<string, string | undefined>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('loadConfig accepted the environment');
}

describe('loadConfig', () => {
  it('accepts the required variables and fills in defaults', () => {
    const config = loadConfig(valid);
    expect(config).toMatchObject({
      ...valid,
      NODE_ENV: 'development',
      PORT: 3000,
      HOST: '0.0.0.0',
      REDIS_PREFIX: 'followthrough',
      CORS_ORIGINS: [],
      LOG_LEVEL: 'info',
    });
  });

  it('reads numbers and lists from their text form', () => {
    const config = loadConfig({ ...valid, PORT: '8080', CORS_ORIGINS: ' http://a.test , http://b.test,,' });
    expect(config.PORT).toBe(8080);
    expect(config.CORS_ORIGINS).toEqual(['http://a.test', 'http://b.test']);
  });

  it('takes the digest time to the minute or to the second', () => {
    expect(loadConfig({ ...valid, DIGEST_LOCAL_TIME: '07:30' }).DIGEST_LOCAL_TIME).toBe('07:30');
    expect(loadConfig({ ...valid, DIGEST_LOCAL_TIME: '07:30:15' }).DIGEST_LOCAL_TIME).toBe('07:30:15');
    for (const bad of ['07:30:60', '7:30', '07:30:1', '24:00'])
      expect(errorFor({ ...valid, DIGEST_LOCAL_TIME: bad })).toMatch(/DIGEST_LOCAL_TIME: expected HH:mm or HH:mm:ss/);
  });

  it('names every missing variable in one message', () => {
    const message = errorFor({});
    for (const name of ['ADMIN_API_KEY', 'MAIL_FROM', 'PUBLIC_URL']) expect(message).toMatch(new RegExp(`^  ${name}: missing$`, 'm'));
    expect(message).toMatch(/\.env\.example/);
    // Variables with defaults are not reported.
    expect(message).not.toMatch(/PORT|LOG_LEVEL|CORS_ORIGINS/);
  });

  it('leaves the three server URLs optional: unset or empty, the embedded parts stand in', () => {
    const { DATABASE_URL: _d, REDIS_URL: _r, SMTP_URL: _s, ...required } = valid;
    const config = readConfig({ ...required, REDIS_URL: '', SMTP_URL: '' });
    expect(config).toMatchObject({ DATA_DIR: '.data' });
    expect([config.DATABASE_URL, config.REDIS_URL, config.SMTP_URL]).toEqual([undefined, undefined, undefined]);
    expect(readConfig(valid)).toMatchObject({ DATABASE_URL: valid.DATABASE_URL, REDIS_URL: valid.REDIS_URL, SMTP_URL: valid.SMTP_URL });
    // A process that is handed its database (a separate worker, the tests) still needs the URL.
    expect(errorFor(required)).toMatch(/^ {2}DATABASE_URL: missing/m);
  });

  it('refuses an SMTP_URL that asks for a proxy, which the SMTP pool would not use', () => {
    expect(errorFor({ ...valid, SMTP_URL: 'smtp://mail.example.org:587?proxy=http://proxy.example.org:3128' })).toMatch(
      /^ {2}SMTP_URL: a proxy is not supported/m,
    );
    expect(readConfig({ ...valid, SMTP_URL: 'smtps://user:pass@mail.example.org:465?pool=true' }).SMTP_URL).toBe(
      'smtps://user:pass@mail.example.org:465?pool=true',
    );
  });

  it('names every bad variable with what is wrong, together with missing ones', () => {
    const message = errorFor({
      ...valid,
      DATABASE_URL: 'mysql://localhost/x',
      REDIS_URL: 'not a url',
      ADMIN_API_KEY: 'short',
      PORT: '70000',
      LOG_LEVEL: 'loud',
      REMINDER_LOCAL_TIME: '25:00',
      REMINDER_ESCALATE_AFTER: '7 days',
      PUBLIC_URL: undefined,
    });
    const lines = message.split('\n').slice(1);
    const named = lines.map((line) => /^ {2}(\w+): /.exec(line)?.[1]);
    expect(named.sort()).toEqual(
      ['ADMIN_API_KEY', 'DATABASE_URL', 'LOG_LEVEL', 'PORT', 'PUBLIC_URL', 'REDIS_URL', 'REMINDER_ESCALATE_AFTER', 'REMINDER_LOCAL_TIME'].sort(),
    );
    expect(message).toMatch(/ADMIN_API_KEY: must be at least 16 characters/);
    expect(message).toMatch(/REMINDER_LOCAL_TIME: expected HH:mm/);
    expect(message).toMatch(/REMINDER_ESCALATE_AFTER: expected an ISO-8601 duration/);
    expect(message).toMatch(/PUBLIC_URL: missing/);
  });

  it('names each variable once, even when several rules fail', () => {
    const message = errorFor({ ...valid, REDIS_URL: 'http://' });
    expect(message.match(/REDIS_URL/g)).toHaveLength(1);
  });

  it('does not echo secret values back', () => {
    const message = errorFor({ ...valid, ADMIN_API_KEY: 'tiny-secret', DATABASE_URL: 'mysql://user:hunter2hunter2@db/x' });
    expect(message).not.toContain('tiny-secret');
    expect(message).not.toContain('hunter2hunter2');
  });

  describe('in production', () => {
    const production = { ...valid, NODE_ENV: 'production', ADMIN_API_KEY: 'k'.repeat(32) };

    it('accepts an admin key of 32 characters or more', () => {
      expect(loadConfig(production).ADMIN_API_KEY).toBe('k'.repeat(32));
    });

    it('refuses the example admin key from .env.example, saying why', () => {
      const message = errorFor({ ...production, ADMIN_API_KEY: 'change-me-to-a-long-random-admin-key' });
      expect(message).toMatch(/^ {2}ADMIN_API_KEY: is the example key from \.env\.example/m);
      expect(message).not.toContain('change-me-to-a-long-random-admin-key');
    });

    it('refuses an admin key shorter than 32 characters, alone or beside other errors', () => {
      expect(errorFor({ ...production, ADMIN_API_KEY: 'k'.repeat(31) })).toMatch(/ADMIN_API_KEY: must be at least 32 characters in production/);
      const message = errorFor({ ...production, ADMIN_API_KEY: 'k'.repeat(20), PORT: 'x' });
      expect(message).toMatch(/ADMIN_API_KEY: must be at least 32 characters in production/);
      expect(message).toMatch(/PORT: /);
      expect(message.match(/ADMIN_API_KEY/g)).toHaveLength(1);
    });

    it('leaves development and test installs their short keys', () => {
      expect(() => loadConfig({ ...valid, ADMIN_API_KEY: 'change-me-to-a-long-random-admin-key' })).not.toThrow();
      expect(() => loadConfig({ ...valid, NODE_ENV: 'test' })).not.toThrow();
    });
  });

  describe('TRUST_PROXY', () => {
    it.each([
      [undefined, false],
      ['', false],
      ['1', 1],
      ['127.0.0.1', ['127.0.0.1']],
      ['10.0.0.0/8, loopback, 2001:db8::/32', ['10.0.0.0/8', 'loopback', '2001:db8::/32']],
    ])('reads %j as %j', (value, expected) => {
      expect(loadConfig({ ...valid, TRUST_PROXY: value }).TRUST_PROXY).toEqual(expected);
    });

    it.each(['true', 'everyone', '10.0.0.0/8/1', '1, 2'])('refuses %j', (value) => {
      expect(errorFor({ ...valid, TRUST_PROXY: value })).toMatch(/TRUST_PROXY: expected a hop count/);
    });
  });
});
