import { Injectable } from '@nestjs/common';
import { ProblemError } from '../core/errors/problem.js';
import { toParticipantJson } from './meeting.mapper.js';
import type { CreateParticipant, ParticipantJson, UpdateParticipant } from './participant.schemas.js';
import { ParticipantsRepository, type NewParticipant } from './participants.repository.js';

/** Names the body field of the participant at `index`, e.g. `participants.0.personId` or `personId`. */
type FieldOf = (index: number, field: 'personId' | 'partyId') => string;

@Injectable()
export class ParticipantsService {
  constructor(private readonly repository: ParticipantsRepository) {}

  /**
   * Checks that every person and party named exists; a participant who names no party attends for
   * the person's own party.
   */
  async resolve(inputs: CreateParticipant[], fieldOf: FieldOf): Promise<NewParticipant[]> {
    if (inputs.length === 0) return [];
    const namedParties = inputs.flatMap((p) => (p.partyId ? [p.partyId] : []));
    const [people, parties] = await Promise.all([
      this.repository.findPeople([...new Set(inputs.map((p) => p.personId))]),
      namedParties.length ? this.repository.existingPartyIds([...new Set(namedParties)]) : new Set<string>(),
    ]);
    const partyOf = new Map(people.map((p) => [p.id, p.partyId]));
    return inputs.map((input, index) => {
      const ownParty = partyOf.get(input.personId);
      if (ownParty === undefined) throw ProblemError.unknownReference(fieldOf(index, 'personId'), 'Person', input.personId);
      if (input.partyId && !parties.has(input.partyId)) {
        throw ProblemError.unknownReference(fieldOf(index, 'partyId'), 'Party', input.partyId);
      }
      return { personId: input.personId, partyId: input.partyId === undefined ? ownParty : input.partyId, role: input.role };
    });
  }

  async list(meetingId: string): Promise<ParticipantJson[]> {
    await this.requireMeeting(meetingId);
    return (await this.repository.list(meetingId)).map(toParticipantJson);
  }

  /** A person already at the meeting is refused with 409 by the (meeting, person) unique index. */
  async add(meetingId: string, input: CreateParticipant): Promise<ParticipantJson> {
    await this.requireMeeting(meetingId);
    const [participant] = await this.resolve([input], (_, field) => field);
    return toParticipantJson(await this.repository.add(meetingId, participant));
  }

  async update(meetingId: string, id: string, input: UpdateParticipant): Promise<ParticipantJson> {
    await this.find(meetingId, id);
    if (input.partyId && !(await this.repository.existingPartyIds([input.partyId])).has(input.partyId)) {
      throw ProblemError.unknownReference('partyId', 'Party', input.partyId);
    }
    return toParticipantJson(await this.repository.update(id, input));
  }

  async remove(meetingId: string, id: string): Promise<void> {
    await this.find(meetingId, id);
    await this.repository.remove(id);
  }

  private async requireMeeting(id: string): Promise<void> {
    if (!(await this.repository.meetingExists(id))) throw ProblemError.notFound('Meeting', id);
  }

  private async find(meetingId: string, id: string): Promise<void> {
    await this.requireMeeting(meetingId);
    if (!(await this.repository.find(meetingId, id))) throw ProblemError.notFound('Participant', id);
  }
}
