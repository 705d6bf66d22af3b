import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Runs through `steps`, letting the event loop take its turn whenever `sliceMs` of work has passed,
 * so other requests (and health checks) are answered while a long text is read. The work is no
 * faster for it; no single request holds the process for more than a slice at a time.
 */
export async function inTurns<T>(steps: Iterable<T>, sliceMs = 10): Promise<T[]> {
  const done: T[] = [];
  let sliceStart = performance.now();
  for (const step of steps) {
    done.push(step);
    if (performance.now() - sliceStart >= sliceMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
  return done;
}
