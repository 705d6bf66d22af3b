import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { Prisma } from '../generated/prisma/client.js';
import type { Principal } from '../core/auth/roles.js';
import { ProblemError } from '../core/errors/problem.js';
import type { CommitmentJson, CreateCommitment } from '../commitments/commitment.schemas.js';
import { CommitmentsService } from '../commitments/commitments.service.js';
import type { DeadlineInput } from '../deadlines/deadline.schemas.js';
import type { Candidate, PartyRef } from './candidate.js';
import { readCommitments } from './extract-commitments.js';
import { inTurns } from './event-loop-turns.js';
import { ExtractionRepository, type MeetingForExtraction } from './extraction.repository.js';
import type { ExtractionResult } from './extraction.schemas.js';

const ORDINALS = ['First', 'Second', 'Third', 'Fourth', 'Fifth', 'Sixth', 'Seventh', 'Eighth', 'Ninth', 'Tenth', 'Eleventh', 'Twelfth'];
const ordinal = (n: number) => ORDINALS[n - 1] ?? `${n}${[11, 12, 13].includes(n % 100) ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`;

@Injectable()
export class ExtractionService {
  constructor(
    private readonly repository: ExtractionRepository,
    private readonly commitments: CommitmentsService,
  ) {}

  /**
   * Reads the meeting's text and stores what it commits to as PROPOSED commitments of the meeting. A passage
   * extracted before is not stored again: it is answered as it is now, or left out if it was rejected.
   */
  async extract(meetingId: string, text: string | undefined, principal: Principal): Promise<ExtractionResult> {
    const meeting = await this.repository.findMeeting(meetingId);
    if (!meeting) throw ProblemError.notFound('Meeting', meetingId);
    const source = text ?? meeting.sourceText;
    if (!source) {
      throw ProblemError.badRequest('no_source_text', 'Send the text, or store it as the meeting’s sourceText first', [
        { field: 'text', message: 'Required: the meeting has no sourceText' },
      ]);
    }
    if (!meeting.startsAt) {
      throw ProblemError.conflict('meeting_not_dated', 'The meeting has no start date, and phrases like "next year" count from it; set startsAt first');
    }
    const read = await inTurns(
      readCommitments(source, {
        meetingDate: DateTime.fromJSDate(meeting.startsAt, { zone: meeting.timeZone }).toISODate() ?? '',
        timeZone: meeting.timeZone,
        parties: partiesAt(meeting),
        series: meeting.series ?? undefined,
      }),
    );
    const candidates = read.filter((c): c is Candidate => c !== null);

    const items: CommitmentJson[] = [];
    let nextRoundId: string | null | undefined;
    for (const candidate of candidates) {
      const earlier = await this.commitments.findByOrigin(meeting.id, candidate.key);
      if (earlier) {
        if (!earlier.deleted) items.push(earlier.commitment);
        continue;
      }
      if (candidate.deadline?.precision === 'MEETING' && nextRoundId === undefined) nextRoundId = await this.nextRound(meeting);
      const stored = await this.store(meeting, candidate, nextRoundId ?? null, principal);
      if (stored) items.push(stored);
    }
    return { items };
  }

  /** The next round of the meeting's series; null when the meeting is not a numbered round of one. */
  private async nextRound(meeting: MeetingForExtraction): Promise<string | null> {
    if (!meeting.seriesId || !meeting.series || meeting.round === null) return null;
    const round = meeting.round + 1;
    return this.repository.findOrCreateRound({
      seriesId: meeting.seriesId,
      round,
      title: `${ordinal(round)} round of the ${meeting.series.shortName ?? meeting.series.name}`,
      timeZone: meeting.timeZone,
    });
  }

  private async store(meeting: MeetingForExtraction, c: Candidate, nextRoundId: string | null, principal: Principal): Promise<CommitmentJson | null> {
    const input: CreateCommitment = {
      title: c.title,
      meetingId: meeting.id,
      ownerPartyId: c.ownerPartyId,
      counterpartyId: c.counterpartyId,
      responsiblePersonIds: [],
      watcherPersonIds: [],
      deadline: deadlineOf(c, nextRoundId, meeting.timeZone),
      // A "next round" the meeting cannot point to is kept as said, for the person who approves it.
      description: c.deadline?.precision === 'MEETING' && !nextRoundId ? `Due ${c.deadline.phrase}` : undefined,
      sourceQuote: c.quote,
      sourceStart: c.quoteStart,
      sourceEnd: c.quoteEnd,
      tags: [],
      kind: c.kind,
      status: 'PROPOSED',
    };
    try {
      return (await this.commitments.create(input, principal, { extractionKey: c.key, confidence: c.confidence })).commitment;
    } catch (error) {
      // Another extraction of the same text stored it first.
      if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2002') throw error;
      const stored = await this.commitments.findByOrigin(meeting.id, c.key);
      return stored && !stored.deleted ? stored.commitment : null;
    }
  }
}

function deadlineOf(c: Candidate, nextRoundId: string | null, timeZone: string): DeadlineInput | null {
  const d = c.deadline;
  if (!d) return null;
  if (d.precision === 'MEETING') return nextRoundId ? { precision: 'MEETING', meetingId: nextRoundId, timeZone, phrase: d.phrase } : null;
  return { precision: d.precision, value: d.value, timeZone: d.timeZone, phrase: d.phrase };
}

/** The parties at the table, once each: the ones "the two sides" means. */
function partiesAt(meeting: MeetingForExtraction): PartyRef[] {
  const byId = new Map<string, PartyRef>();
  for (const { party } of meeting.participants) if (party) byId.set(party.id, { id: party.id, name: party.name });
  return [...byId.values()];
}
