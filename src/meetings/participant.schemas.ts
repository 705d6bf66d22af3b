import { z } from 'zod';

const examples = {
  pakistan: '0b6f3d9e-2f4c-4a53-9d57-3c1f2a7e8b10',
  ikramUlHaq: 'c4d5e6f7-8a9b-4c0d-9e1f-2a3b4c5d6e7f',
  meeting: 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b',
};

const role = z.string().trim().min(1).max(200).nullable().meta({ description: 'What the person was there as', example: 'Head of delegation' });
const partyId = z.uuid().nullable().meta({ description: 'The side the person attended for', example: examples.pakistan });

export const createParticipantSchema = z
  .strictObject({
    personId: z.uuid().meta({ example: examples.ikramUlHaq }),
    partyId: partyId.optional().meta({ description: 'The side the person attended for; defaults to the person’s party, null for none' }),
    role: role.default(null),
  })
  .meta({ id: 'CreateMeetingParticipant', example: { personId: examples.ikramUlHaq, role: 'Head of delegation' } });

export const updateParticipantSchema = z.strictObject({ partyId: partyId.optional(), role: role.optional() }).meta({
  id: 'UpdateMeetingParticipant',
  description: 'To put another person in this place, remove the participant and add the other person',
  example: { role: 'Head of delegation' },
});

export const participantSchema = z
  .object({
    id: z.uuid(),
    meetingId: z.uuid(),
    personId: z.uuid(),
    partyId,
    role,
    createdAt: z.iso.datetime({ offset: true }),
  })
  .meta({
    id: 'MeetingParticipant',
    example: {
      id: 'f0e1d2c3-b4a5-4968-8776-a5b4c3d2e1f0',
      meetingId: examples.meeting,
      personId: examples.ikramUlHaq,
      partyId: examples.pakistan,
      role: 'Head of delegation',
      createdAt: '2019-08-20T12:00:00.000Z',
    },
  });

export const participantListSchema = z.array(participantSchema).meta({ id: 'MeetingParticipantList' });

export type CreateParticipant = z.infer<typeof createParticipantSchema>;
export type UpdateParticipant = z.infer<typeof updateParticipantSchema>;
export type ParticipantJson = z.infer<typeof participantSchema>;
