import { describe, expect, it } from '@jest/globals';
import { deepFreeze, jsonText, pageJsonText } from './json-text.js';

describe('JSON text of shared values', () => {
  const item = () => ({ id: 'a', title: 'Quote "this", then \u2028 that', tags: ['x'], deadline: { label: 'June 2020' }, overdue: false });

  it('writes a page exactly as JSON.stringify does', () => {
    const items = [deepFreeze(item()), item()];
    for (const page of [{ items, nextCursor: null }, { items, nextCursor: 'abc', total: 2 }, { items: [] }]) {
      expect(pageJsonText(page)).toBe(JSON.stringify(page));
    }
  });

  it('remembers the text of frozen values only', () => {
    const shared = deepFreeze(item());
    expect(jsonText(shared)).toBe(jsonText(shared));
    expect(Object.isFrozen(shared.deadline) && Object.isFrozen(shared.tags)).toBe(true);
    const mutable = item();
    jsonText(mutable);
    mutable.title = 'changed';
    expect(jsonText(mutable)).toContain('changed');
  });
});
