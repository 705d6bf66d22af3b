import { DateTime } from 'luxon';
import type { DeadlinePrecision } from '../generated/prisma/enums.js';

export interface LabelledMeeting {
  title: string;
  round: number | null;
  series: { name: string; shortName: string | null } | null;
}

const labels = new Map<string, string>();

/**
 * The human label shown beside the structured deadline. Labels of dated deadlines depend only on
 * (precision, value, zone) and lists repeat them: they are computed once (a bounded memo).
 */
export function deadlineLabel(precision: DeadlinePrecision, value: string | null, timeZone: string, meeting?: LabelledMeeting | null): string {
  if (precision === 'MEETING') return computeLabel(precision, value, timeZone, meeting);
  const key = `${precision}|${value}|${timeZone}`;
  let label = labels.get(key);
  if (label === undefined) {
    label = computeLabel(precision, value, timeZone, meeting);
    if (labels.size >= 10_000) labels.clear();
    labels.set(key, label);
  }
  return label;
}

/** "2020", "September 2019", "5–6 September 2019". */
function computeLabel(precision: DeadlinePrecision, value: string | null, timeZone: string, meeting?: LabelledMeeting | null): string {
  if (precision === 'MEETING') return meeting ? `at ${meetingName(meeting)}` : 'at a meeting';
  if (value === null) return '';
  const local = (iso: string) => DateTime.fromISO(iso, { zone: timeZone, locale: 'en-GB' });
  switch (precision) {
    case 'DATETIME': {
      const instant = DateTime.fromISO(value, { zone: timeZone, locale: 'en-GB' });
      return `${instant.toFormat('d LLLL yyyy, HH:mm')} (${timeZone})`;
    }
    case 'DAY': {
      const [first, last] = value.split('/').map(local);
      if (!last || last.hasSame(first, 'day')) return first.toFormat('d LLLL yyyy');
      if (last.hasSame(first, 'month')) return `${first.toFormat('d')}–${last.toFormat('d LLLL yyyy')}`;
      if (last.hasSame(first, 'year')) return `${first.toFormat('d LLLL')} – ${last.toFormat('d LLLL yyyy')}`;
      return `${first.toFormat('d LLLL yyyy')} – ${last.toFormat('d LLLL yyyy')}`;
    }
    case 'MONTH':
      return local(`${value}-01`).toFormat('LLLL yyyy');
    case 'QUARTER': {
      const [year, quarter] = value.split('-');
      return `${quarter} ${year}`;
    }
    case 'YEAR':
      return value;
  }
}

function meetingName(meeting: LabelledMeeting): string {
  const series = meeting.series?.shortName ?? meeting.series?.name;
  return series && meeting.round !== null ? `${series} round ${meeting.round}` : meeting.title;
}
