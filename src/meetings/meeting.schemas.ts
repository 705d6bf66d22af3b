import { z } from 'zod';
import { MeetingStatus } from '../generated/prisma/enums.js';
import type { FieldError } from '../core/errors/problem.js';
import { instantInput } from '../core/http/instants.js';
import { listQuerySchema, pageSchema } from '../core/http/pagination.js';
import { timeZoneSchema } from '../deadlines/deadline.schemas.js';
import { createParticipantSchema, participantSchema } from './participant.schemas.js';

const meetingFields = {
  seriesId: z.uuid().nullable().meta({ description: 'The forum this meeting is a round of', example: '9a4b2c6d-1e3f-4a5b-8c7d-6e5f4a3b2c1d' }),
  round: z.number().int().min(1).max(100_000).nullable().meta({ description: 'Round number; unique within the series', example: 2 }),
  title: z.string().trim().min(1).max(300).meta({ example: 'Second round of the Pakistan-Russia Joint Military Consultative Committee' }),
  startsAt: instantInput
    .nullable()
    .meta({ description: 'ISO-8601 instant with offset; null while not yet scheduled', example: '2019-08-20T10:00:00.000+03:00' }),
  endsAt: instantInput.nullable().meta({ description: 'ISO-8601 instant with offset, not before startsAt', example: '2019-08-20T18:00:00.000+03:00' }),
  location: z.string().trim().min(1).max(300).nullable().meta({ example: 'Moscow' }),
  timeZone: timeZoneSchema.meta({ description: 'IANA time zone the meeting is held in', example: 'Europe/Moscow' }),
  status: z.enum(MeetingStatus).meta({ example: 'HELD' }),
  // Not trimmed: commitments quote this text by character offsets.
  sourceText: z.string().min(1).max(200_000).nullable().meta({
    description: 'The record of the meeting (minutes, press release) that commitments quote from',
    example: 'Pakistan and Russia at the second round of Joint Military Consultative Committee in Moscow discussed defense cooperation.',
  }),
  sourceUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullable()
    .meta({ example: 'https://example.org/news/2019-08-20-pakistan-russia-jmcc' }),
};

/** A meeting has no end without a start, and does not end before it starts. */
export function meetingDatesError(startsAt: Date | null, endsAt: Date | null): FieldError | null {
  if (endsAt && !startsAt) return { field: 'startsAt', message: 'Required when endsAt is set' };
  if (startsAt && endsAt && endsAt < startsAt) return { field: 'endsAt', message: 'Must not be before startsAt' };
  return null;
}

const toDate = (value: string | null | undefined) => (value ? new Date(value) : null);

const jmccRound2 = {
  seriesId: '9a4b2c6d-1e3f-4a5b-8c7d-6e5f4a3b2c1d',
  round: 2,
  title: 'Second round of the Pakistan-Russia Joint Military Consultative Committee',
  startsAt: '2019-08-20T10:00:00.000+03:00',
  endsAt: '2019-08-20T18:00:00.000+03:00',
  location: 'Moscow',
  timeZone: 'Europe/Moscow',
  status: 'HELD',
  sourceUrl: 'https://example.org/news/2019-08-20-pakistan-russia-jmcc',
};

export const createMeetingSchema = z
  .strictObject({
    seriesId: meetingFields.seriesId.default(null),
    round: meetingFields.round.default(null),
    title: meetingFields.title,
    startsAt: meetingFields.startsAt.default(null),
    endsAt: meetingFields.endsAt.default(null),
    location: meetingFields.location.default(null),
    timeZone: meetingFields.timeZone.default('UTC'),
    status: meetingFields.status.default('PLANNED'),
    sourceText: meetingFields.sourceText.default(null),
    sourceUrl: meetingFields.sourceUrl.default(null),
    participants: z.array(createParticipantSchema).max(500).default([]).meta({ description: 'Who attended; a person at most once' }),
  })
  .superRefine((meeting, ctx) => {
    const error = meetingDatesError(toDate(meeting.startsAt), toDate(meeting.endsAt));
    if (error) ctx.addIssue({ code: 'custom', path: [error.field], message: error.message });
  })
  .meta({
    id: 'CreateMeeting',
    example: {
      ...jmccRound2,
      participants: [
        { personId: 'c4d5e6f7-8a9b-4c0d-9e1f-2a3b4c5d6e7f', role: 'Head of delegation' },
        { personId: '7c9a1e52-3b8d-4f0a-9e6c-2d1b5a4f3e87', role: 'Head of delegation' },
      ],
    },
  });

export const updateMeetingSchema = z
  .strictObject({
    seriesId: meetingFields.seriesId.optional(),
    round: meetingFields.round.optional(),
    title: meetingFields.title.optional(),
    startsAt: meetingFields.startsAt.optional(),
    endsAt: meetingFields.endsAt.optional(),
    location: meetingFields.location.optional(),
    timeZone: meetingFields.timeZone.optional(),
    status: meetingFields.status.optional(),
    sourceText: meetingFields.sourceText.optional(),
    sourceUrl: meetingFields.sourceUrl.optional(),
  })
  .meta({
    id: 'UpdateMeeting',
    description: 'Participants are changed through /meetings/{id}/participants',
    example: { startsAt: '2020-09-15T10:00:00.000+05:00', location: 'Rawalpindi', timeZone: 'Asia/Karachi' },
  });

export const meetingSchema = z
  .object({
    id: z.uuid(),
    ...meetingFields,
    participants: z.array(participantSchema),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .meta({
    id: 'Meeting',
    example: {
      id: 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b',
      ...jmccRound2,
      sourceText: 'Pakistan and Russia at the second round of Joint Military Consultative Committee in Moscow discussed defense cooperation.',
      participants: [
        {
          id: 'f0e1d2c3-b4a5-4968-8776-a5b4c3d2e1f0',
          meetingId: 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b',
          personId: 'c4d5e6f7-8a9b-4c0d-9e1f-2a3b4c5d6e7f',
          partyId: '0b6f3d9e-2f4c-4a53-9d57-3c1f2a7e8b10',
          role: 'Head of delegation',
          createdAt: '2019-08-20T12:00:00.000Z',
        },
        {
          id: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
          meetingId: 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b',
          personId: '7c9a1e52-3b8d-4f0a-9e6c-2d1b5a4f3e87',
          partyId: '3e8d2c1b-6a5f-4e9d-8c7b-1a0f9e8d7c65',
          role: 'Head of delegation',
          createdAt: '2019-08-20T12:00:00.000Z',
        },
      ],
      createdAt: '2019-08-20T12:00:00.000Z',
      updatedAt: '2019-08-20T12:00:00.000Z',
    },
  });

export const meetingListQuerySchema = listQuerySchema.extend({
  seriesId: z.uuid().optional().meta({ description: 'Only meetings of this series' }),
  status: z.enum(MeetingStatus).optional().meta({ description: 'Only meetings with this status' }),
});

export const meetingPageSchema = pageSchema(meetingSchema, 'MeetingPage');

export type CreateMeeting = z.infer<typeof createMeetingSchema>;
export type UpdateMeeting = z.infer<typeof updateMeetingSchema>;
export type MeetingJson = z.infer<typeof meetingSchema>;
export type MeetingListQuery = z.infer<typeof meetingListQuerySchema>;
