import type { CueStrength } from './commitment-cues.js';

const BASE: Record<CueStrength, number> = { agreement: 0.85, future: 0.8, plan: 0.75, expectation: 0.6 };

/** Words that report the commitment second-hand or leave it open ("is learnt to have accepted", "may"). */
const HEDGE =
  /\b(?:(?:is|are|was|were)\s+(?:learnt|learned|said|understood|believed|reported|thought)\s+to|reportedly|likely|possibly|tentatively|in\s+principle)\b/i;
/** Lower case only: "May" is also a month. */
const MODAL_HEDGE = /\b(?:may|might|could)\b/;
const REPORTED = /\b(?:said|stated|told|according\s+to)\b/i;

/**
 * How sure the extractor is that a person would approve the candidate, 0..1: the firmness of the wording,
 * less for hedges and hearsay, a little more when a deadline or a party is named.
 */
export function confidenceOf(sentence: string, strength: CueStrength, hasDeadline: boolean, hasParties: boolean): number {
  let score = BASE[strength];
  if (HEDGE.test(sentence) || MODAL_HEDGE.test(sentence)) score -= 0.2;
  if (REPORTED.test(sentence)) score -= 0.1;
  if (hasDeadline) score += 0.05;
  if (hasParties) score += 0.05;
  return Math.round(Math.min(0.99, Math.max(0.05, score)) * 100) / 100;
}
