import type { CommitmentKind } from '../generated/prisma/enums.js';

export interface PartyRef {
  id: string;
  name: string;
  aliases?: string[];
}

export interface ExtractionContext {
  /** Local date of the meeting, YYYY-MM-DD: relative phrases ("next year") are resolved from it, not from today. */
  meetingDate: string;
  /** IANA zone of the meeting; deadlines are windows in it unless the text names another ("Moscow time"). */
  timeZone: string;
  parties: PartyRef[];
  /** The meeting's series, so "the consultative committee" can be titled by its short name. */
  series?: { name: string; shortName?: string | null };
}

export type CalendarPrecision = 'DATETIME' | 'DAY' | 'MONTH' | 'QUARTER' | 'YEAR';

export type CandidateDeadline =
  { precision: CalendarPrecision; value: string; timeZone: string; phrase: string } | { precision: 'MEETING'; nextRound: true; phrase: string };

export interface Candidate {
  /** Stable across re-runs on the same words, so a second extraction adds no duplicates. */
  key: string;
  title: string;
  kind: CommitmentKind;
  confidence: number;
  quote: string;
  /** `text.slice(quoteStart, quoteEnd) === quote` */
  quoteStart: number;
  quoteEnd: number;
  /** Every known party the sentence names, in the order it names them. */
  partyIds: string[];
  /** The one party the sentence makes owe it, and the one it is owed to, when it says so plainly. */
  ownerPartyId: string | null;
  counterpartyId: string | null;
  deadline: CandidateDeadline | null;
}

/** A deadline found in a sentence, with its place in that sentence. */
export interface DeadlineMatch {
  deadline: CandidateDeadline;
  start: number;
  end: number;
}
