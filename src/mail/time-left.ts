const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

function span(ms: number): string {
  if (ms >= DAY) return plural(Math.floor(ms / DAY), 'day');
  if (ms >= HOUR) return plural(Math.floor(ms / HOUR), 'hour');
  if (ms >= MINUTE) return plural(Math.floor(ms / MINUTE), 'minute');
  return plural(Math.max(1, Math.floor(ms / 1000)), 'second');
}

/** "3 days left" or "2 days late", counted from the end of the deadline window. */
export function timeLeft(deadlineEnd: Date, now: Date): { overdue: boolean; phrase: string } {
  const ms = deadlineEnd.getTime() - now.getTime();
  return ms >= 0 ? { overdue: false, phrase: `${span(ms)} left` } : { overdue: true, phrase: `${span(-ms)} late` };
}
