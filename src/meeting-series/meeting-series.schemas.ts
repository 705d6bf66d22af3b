import { z } from 'zod';
import { listQuerySchema, pageSchema } from '../core/http/pagination.js';

const seriesFields = {
  name: z.string().trim().min(1).max(300).meta({ example: 'Pakistan-Russia Joint Military Consultative Committee' }),
  shortName: z.string().trim().min(1).max(50).nullable().meta({ description: 'Abbreviation people use for the forum', example: 'JMCC' }),
  description: z.string().trim().min(1).max(5000).nullable().meta({
    example: 'Annual consultations between the defence ministries of Pakistan and Russia, alternating between the two countries',
  }),
};

const jmcc = {
  name: 'Pakistan-Russia Joint Military Consultative Committee',
  shortName: 'JMCC',
  description: 'Annual consultations between the defence ministries of Pakistan and Russia, alternating between the two countries',
};

export const createMeetingSeriesSchema = z
  .strictObject({
    name: seriesFields.name,
    shortName: seriesFields.shortName.default(null),
    description: seriesFields.description.default(null),
  })
  .meta({ id: 'CreateMeetingSeries', example: jmcc });

export const updateMeetingSeriesSchema = z
  .strictObject({
    name: seriesFields.name.optional(),
    shortName: seriesFields.shortName.optional(),
    description: seriesFields.description.optional(),
  })
  .meta({ id: 'UpdateMeetingSeries', example: { shortName: 'JMCC' } });

export const meetingSeriesSchema = z
  .object({
    id: z.uuid(),
    ...seriesFields,
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .meta({
    id: 'MeetingSeries',
    example: {
      id: '9a4b2c6d-1e3f-4a5b-8c7d-6e5f4a3b2c1d',
      ...jmcc,
      createdAt: '2019-08-20T12:00:00.000Z',
      updatedAt: '2019-08-20T12:00:00.000Z',
    },
  });

export const meetingSeriesListQuerySchema = listQuerySchema.extend({
  q: z.string().trim().min(1).max(200).optional().meta({ description: 'Name or short name contains (case-insensitive)' }),
});

export const meetingSeriesPageSchema = pageSchema(meetingSeriesSchema, 'MeetingSeriesPage');

export type CreateMeetingSeries = z.infer<typeof createMeetingSeriesSchema>;
export type UpdateMeetingSeries = z.infer<typeof updateMeetingSeriesSchema>;
export type MeetingSeriesJson = z.infer<typeof meetingSeriesSchema>;
export type MeetingSeriesListQuery = z.infer<typeof meetingSeriesListQuerySchema>;
