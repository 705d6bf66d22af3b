import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { SentMarks, type SentMark } from './reminder-delivery-sends.js';

const mark = (n: number): SentMark => ({ id: `r${n}`, messageId: `<reminder.r${n}@test.local>` });
const once = { parallel: 1, tries: 1, retryDelayMs: 0 };

describe(SentMarks.name, () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('writes the marks that arrive within the linger in one statement, and settles each once written', async () => {
    const writes: SentMark[][] = [];
    const marks = new SentMarks((batch) => Promise.resolve(void writes.push(batch)), { ...once, lingerMs: 20, maxBatch: 100 });
    let settled = 0;
    const all = [1, 2, 3].map((n) => marks.add(mark(n)).then(() => (settled += 1)));
    await Promise.resolve();
    expect(writes).toEqual([]);
    expect(settled).toBe(0);
    await jest.advanceTimersByTimeAsync(20);
    await Promise.all(all);
    expect(writes).toEqual([[mark(1), mark(2), mark(3)]]);
    expect(settled).toBe(3);
  });

  it('writes at once when a full batch is waiting, and never more than a batch per statement', async () => {
    const writes: SentMark[][] = [];
    const marks = new SentMarks((batch) => Promise.resolve(void writes.push(batch)), { ...once, lingerMs: 1000, maxBatch: 2 });
    const all = [1, 2, 3].map((n) => marks.add(mark(n)));
    await Promise.all(all.slice(0, 2));
    expect(writes).toEqual([[mark(1), mark(2)]]);
    await jest.advanceTimersByTimeAsync(1000);
    await Promise.all(all);
    expect(writes).toEqual([[mark(1), mark(2)], [mark(3)]]);
  });

  it('keeps marks that arrive during a write for the next statement, with no more writes at once than allowed', async () => {
    const writes: SentMark[][] = [];
    let release: () => void = () => undefined;
    let inProgress = 0;
    let mostAtOnce = 0;
    const marks = new SentMarks(
      async (batch) => {
        writes.push(batch);
        inProgress += 1;
        mostAtOnce = Math.max(mostAtOnce, inProgress);
        await new Promise<void>((resolve) => (release = resolve));
        inProgress -= 1;
      },
      { ...once, lingerMs: 5, maxBatch: 100 },
    );
    const first = marks.add(mark(1));
    await jest.advanceTimersByTimeAsync(5);
    const later = [marks.add(mark(2)), marks.add(mark(3))];
    await jest.advanceTimersByTimeAsync(50);
    expect(writes).toEqual([[mark(1)]]);
    release();
    await first;
    await jest.advanceTimersByTimeAsync(5);
    release();
    await Promise.all(later);
    expect(writes).toEqual([[mark(1)], [mark(2), mark(3)]]);
    expect(mostAtOnce).toBe(1);
  });

  it('tries a failed statement again after a pause that doubles, and settles its marks once it is written', async () => {
    const writes: SentMark[][] = [];
    const marks = new SentMarks((batch) => (writes.push(batch) <= 2 ? Promise.reject(new Error('lock timeout')) : Promise.resolve()), {
      ...once,
      lingerMs: 5,
      maxBatch: 100,
      tries: 3,
      retryDelayMs: 100,
    });
    let settled = false;
    const written = marks.add(mark(1)).then(() => (settled = true));
    await jest.advanceTimersByTimeAsync(5);
    expect(writes).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(99);
    expect(writes).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(writes).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(199);
    expect(writes).toHaveLength(2);
    expect(settled).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await written;
    expect(writes).toEqual([[mark(1)], [mark(1)], [mark(1)]]);
  });

  it('rejects every mark of a statement that failed every try, and goes on with the next', async () => {
    let fail = true;
    let tries = 0;
    const marks = new SentMarks(() => (tries++, fail ? Promise.reject(new Error('database unreachable')) : Promise.resolve()), {
      ...once,
      lingerMs: 5,
      maxBatch: 100,
      tries: 2,
      retryDelayMs: 10,
    });
    const failed = [marks.add(mark(1)), marks.add(mark(2))].map((p) =>
      p.then(
        () => 'written',
        (error: Error) => error.message,
      ),
    );
    await jest.advanceTimersByTimeAsync(15);
    expect(await Promise.all(failed)).toEqual(['database unreachable', 'database unreachable']);
    expect(tries).toBe(2);
    fail = false;
    const next = marks.add(mark(3));
    await jest.advanceTimersByTimeAsync(5);
    await expect(next).resolves.toBeUndefined();
  });
});
