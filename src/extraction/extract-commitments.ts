import type { Candidate, ExtractionContext } from './candidate.js';
import { classifySentence } from './commitment-cues.js';
import { confidenceOf } from './confidence.js';
import { pickDeadline, referenceFor } from './deadline.js';
import { extractionKey } from './extraction-key.js';
import { kindOf } from './kind.js';
import { detectParties, ownerAndCounterparty } from './parties.js';
import { sentencesOf } from './sentences.js';
import { titleFor } from './title.js';

/**
 * A commitment's source quote holds at most this many characters. A longer run without a sentence end is
 * not a sentence anyone would approve as a quote, and reading dates in it would cost seconds.
 */
export const LONGEST_QUOTE = 5_000;

/**
 * Proposes the commitments made in a meeting's minutes or press release, one per sentence that commits someone
 * to something, for a person to approve. Pure and deterministic: the same text and context give the same candidates.
 */
export function extractCommitments(text: string, context: ExtractionContext): Candidate[] {
  return [...readCommitments(text, context)].filter((c): c is Candidate => c !== null);
}

/**
 * The same, one sentence at a time: a candidate, or null for a sentence that proposes nothing. Reading
 * dates costs time on long texts, and a caller on the event loop pauses between sentences.
 */
export function* readCommitments(text: string, context: ExtractionContext): Generator<Candidate | null> {
  const ref = referenceFor(context.meetingDate, context.timeZone);
  const seen = new Set<string>();
  for (const sentence of sentencesOf(text)) {
    if (sentence.text.length > LONGEST_QUOTE) {
      yield null;
      continue;
    }
    const verdict = classifySentence(sentence.text);
    const key = verdict.commitment ? extractionKey(sentence.text) : '';
    if (!verdict.commitment || seen.has(key)) {
      yield null;
      continue;
    }
    seen.add(key);

    const deadline = pickDeadline(sentence.text, verdict.cue.index, ref);
    const title = titleFor(sentence.text, { deadline, series: context.series });
    const partyIds = detectParties(sentence.text, context.parties);
    yield {
      key,
      title: title.text,
      kind: kindOf(title),
      confidence: confidenceOf(sentence.text, verdict.cue.strength, deadline !== null, partyIds.length > 0),
      quote: sentence.text,
      quoteStart: sentence.start,
      quoteEnd: sentence.end,
      partyIds,
      ...ownerAndCounterparty(sentence.text, context.parties, verdict.cue.index),
      deadline: deadline?.deadline ?? null,
    };
  }
}
