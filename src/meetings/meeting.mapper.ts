import type { MeetingParticipant } from '../generated/prisma/client.js';
import { toZonedIso } from '../deadlines/deadline-window.js';
import type { MeetingJson } from './meeting.schemas.js';
import type { MeetingRow } from './meetings.repository.js';
import type { ParticipantJson } from './participant.schemas.js';

/** Dates are shown in the meeting's own time zone, so clients read the local wall-clock time. */
export function toMeetingJson(row: MeetingRow): MeetingJson {
  return {
    id: row.id,
    seriesId: row.seriesId,
    round: row.round,
    title: row.title,
    startsAt: row.startsAt && toZonedIso(row.startsAt, row.timeZone),
    endsAt: row.endsAt && toZonedIso(row.endsAt, row.timeZone),
    location: row.location,
    timeZone: row.timeZone,
    status: row.status,
    sourceText: row.sourceText,
    sourceUrl: row.sourceUrl,
    participants: row.participants.map(toParticipantJson),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toParticipantJson(row: MeetingParticipant): ParticipantJson {
  return {
    id: row.id,
    meetingId: row.meetingId,
    personId: row.personId,
    partyId: row.partyId,
    role: row.role,
    createdAt: row.createdAt.toISOString(),
  };
}
