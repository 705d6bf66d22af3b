import { describe, expect, it } from '@jest/globals';
import { presentedKey } from './queue-board.js';

describe(presentedKey.name, () => {
  const basic = (s: string) => `Basic ${Buffer.from(s).toString('base64')}`;

  it('takes the key from a Bearer header or from the password of HTTP Basic', () => {
    expect(presentedKey('Bearer abc123')).toBe('abc123');
    expect(presentedKey(basic('admin:abc:123'))).toBe('abc:123');
    expect(presentedKey(basic(':abc'))).toBe('abc');
  });

  it('finds no key in anything else', () => {
    expect(presentedKey(undefined)).toBeNull();
    expect(presentedKey('Token abc')).toBeNull();
    expect(presentedKey(basic('admin:'))).toBeNull();
    expect(presentedKey(basic('no-colon'))).toBeNull();
  });
});
