import { Prisma } from '../generated/prisma/client.js';

/**
 * Reminder rows by id, locked in id order, for a statement that then decides on their status. Every
 * statement that changes several reminders takes them this way, so two never wait for each other in a
 * cycle. And a condition on status next to the ids would let the planner scan every row of that status
 * instead: statistics taken while few rows are CLAIMED (or CANCELLED) call them a handful, in a burst
 * they are thousands, and such plans made marking a chunk SENT take 20 ms, starting one 100 ms and each
 * deadline change 3 ms more. Locked, the rows cannot change between the decision and the update.
 */
export function lockedReminders(ids: readonly string[]): Prisma.Sql {
  return Prisma.sql`SELECT r.* FROM reminder r WHERE r.id = ANY(${ids}::uuid[]) ORDER BY r.id FOR UPDATE`;
}
