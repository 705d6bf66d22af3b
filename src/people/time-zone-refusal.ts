import { IANAZone } from 'luxon';

const JANUARY = Date.UTC(2026, 0, 15);
const JULY = Date.UTC(2026, 6, 15);

/**
 * Why a person's time zone cannot be taken, or null. Reminders are planned in Node's zone data and
 * digests timed in PostgreSQL's (`known`: names in lower case, with the fixed offset PostgreSQL reads
 * instead when the name is also an abbreviation); both must mean the same zone all year.
 */
export function timeZoneRefusal(name: string, known: Map<string, number | null>): string | null {
  const abbreviationOffset = known.get(name.toLowerCase());
  if (abbreviationOffset === undefined) return 'Not a time zone the database knows; use a region name such as Asia/Kolkata';
  if (abbreviationOffset === null) return null;
  const zone = IANAZone.create(name);
  if (zone.isValid && zone.offset(JANUARY) === abbreviationOffset && zone.offset(JULY) === abbreviationOffset) return null;
  return `The database reads ${name} as an abbreviation for a fixed UTC offset, not as a zone with summer time; use a region name such as Europe/Paris`;
}
