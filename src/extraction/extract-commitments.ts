import type { Candidate, ExtractionContext } from './candidate.js';
import { classifySentence } from './commitment-cues.js';
import { confidenceOf } from './confidence.js';
import { pickDeadline, referenceFor } from './deadline.js';
import { extractionKey } from './extraction-key.js';
import { kindOf } from './kind.js';
import { detectParties, ownerAndCounterparty } from './parties.js';
import { splitSentences } from './sentences.js';
import { titleFor } from './title.js';

/**
 * Proposes the commitments made in a meeting's minutes or press release, one per sentence that commits someone
 * to something, for a person to approve. Pure and deterministic: the same text and context give the same candidates.
 */
export function extractCommitments(text: string, context: ExtractionContext): Candidate[] {
  const ref = referenceFor(context.meetingDate, context.timeZone);
  const seen = new Set<string>();
  const candidates: Candidate[] = [];
  for (const sentence of splitSentences(text)) {
    const verdict = classifySentence(sentence.text);
    if (!verdict.commitment) continue;
    const key = extractionKey(sentence.text);
    if (seen.has(key)) continue;
    seen.add(key);

    const deadline = pickDeadline(sentence.text, verdict.cue.index, ref);
    const title = titleFor(sentence.text, { deadline, series: context.series });
    const partyIds = detectParties(sentence.text, context.parties);
    candidates.push({
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
    });
  }
  return candidates;
}
