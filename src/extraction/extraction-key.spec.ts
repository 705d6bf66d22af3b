import { describe, expect, it } from '@jest/globals';
import { extractionKey } from './extraction-key.js';

describe('extractionKey', () => {
  it('is the same for the same words however they are spaced, cased, quoted or ended', () => {
    const key = extractionKey('The prime minister accepted Putin’s invitation to attend the forum.');
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(extractionKey("The  Prime Minister accepted Putin's\ninvitation to attend the forum")).toBe(key);
  });

  it('differs when the words differ', () => {
    expect(extractionKey('The round will be held in 2020.')).not.toBe(extractionKey('The round will be held in 2021.'));
  });
});
