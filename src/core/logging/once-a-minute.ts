const REPEAT_AFTER_MS = 60_000;

/**
 * A log line that repeats (a server away, a bad row met on every tick) is written at most once a
 * minute while it stays the same: the returned function takes each occurrence.
 */
export function onceAMinute(log: (message: string) => void): (message: string) => void {
  let last = { message: '', at: 0 };
  return (message: string) => {
    const now = Date.now();
    if (message === last.message && now - last.at < REPEAT_AFTER_MS) return;
    last = { message, at: now };
    log(message);
  };
}
