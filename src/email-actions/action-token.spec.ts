import { describe, expect, it } from '@jest/globals';
import { type ActionTokenError, ActionTokens, type ActionGrant } from './action-token.js';

const grant: ActionGrant = {
  personId: '2b7e1516-28ae-4d2a-abf7-158809cf4f3c',
  commitmentId: '6bc1bee2-2e40-4f96-a93d-7e117393172a',
  action: 'extend',
  expiresAt: new Date('2030-01-01T00:00:00Z'),
};
const now = new Date('2029-06-01T00:00:00Z');

const problemOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as ActionTokenError).problem;
  }
  throw new Error('accepted');
};

describe(ActionTokens.name, () => {
  const sut = new ActionTokens('a-secret-of-at-least-thirty-two-characters');

  it('gives back exactly what it signed, in a short URL-safe token', () => {
    const token = sut.sign(grant);
    expect(token).toMatch(/^[A-Za-z0-9_-]{72}$/);
    expect(sut.verify(token, now)).toEqual(grant);
  });

  it('refuses a token with any character changed', () => {
    const token = sut.sign(grant);
    for (const i of [0, 5, 30, 50, 71]) {
      const altered = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
      expect(['forged', 'malformed']).toContain(problemOf(() => sut.verify(altered, now)));
    }
  });

  it('refuses a token signed with another secret', () => {
    const other = new ActionTokens('another-secret-of-thirty-two-characters!');
    expect(problemOf(() => sut.verify(other.sign(grant), now))).toBe('forged');
  });

  it('refuses an expired token and garbage', () => {
    expect(problemOf(() => sut.verify(sut.sign(grant), new Date('2030-01-01T00:00:00Z')))).toBe('expired');
    expect(problemOf(() => sut.verify('not a token', now))).toBe('malformed');
    expect(problemOf(() => sut.verify('', now))).toBe('malformed');
    expect(problemOf(() => sut.verify('abc', now))).toBe('malformed');
  });
});
