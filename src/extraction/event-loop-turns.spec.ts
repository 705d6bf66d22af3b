import { describe, expect, it } from '@jest/globals';
import { inTurns } from './event-loop-turns.js';

function* busySteps(count: number, msEach: number): Generator<number> {
  for (let i = 0; i < count; i++) {
    const until = performance.now() + msEach;
    while (performance.now() < until);
    yield i;
  }
}

describe(inTurns.name, () => {
  it('gives every step back in order', async () => {
    expect(await inTurns([3, 1, 2])).toEqual([3, 1, 2]);
  });

  it('lets other work run between slices of a long run of steps', async () => {
    let turns = 0;
    const ticker = setInterval(() => (turns += 1), 0);
    try {
      await inTurns(busySteps(40, 2), 10);
    } finally {
      clearInterval(ticker);
    }
    // 80 ms of work in slices of 10 ms: the timer ran between them.
    expect(turns).toBeGreaterThanOrEqual(4);
  });
});
