import type { CommitmentKind } from '../generated/prisma/enums.js';
import type { Title } from './title.js';

const MEETING_VERBS = new Set(['hold', 'host', 'convene', 'meet', 'organise', 'organize']);
const VISIT_VERBS = new Set(['visit', 'attend', 'travel', 'tour']);
const SIGNING_VERBS = new Set(['sign', 'ratify', 'initial']);
const DRAFTING_VERBS = new Set(['conclude', 'finalise', 'finalize', 'negotiate', 'renew', 'extend', 'amend']);
const AGREEMENT_NOUN = /\b(?:agreements?|memorand(?:um|a)|MoUs?|treat(?:y|ies)|accords?|protocols?|conventions?|contracts?|charter)\b/i;
const MEETING_NOUN = /\b(?:meetings?|rounds?|sessions?|summits?|dialogues?|conferences?|consultations|talks|forums?)\b/i;

/** What sort of commitment it is, read from the title's head verb and what it acts on. */
export function kindOf(title: Title): CommitmentKind {
  const verb = title.verb;
  if (title.form === 'event') return verb === 'meet' || MEETING_NOUN.test(title.text) ? 'MEETING' : 'OTHER';
  if (!verb) return 'OTHER';
  if (VISIT_VERBS.has(verb) || (/^(?:pay|make)$/.test(verb) && /\bvisit\b/i.test(title.text))) return 'VISIT';
  if (SIGNING_VERBS.has(verb) || (DRAFTING_VERBS.has(verb) && AGREEMENT_NOUN.test(title.text))) return 'AGREEMENT';
  if (MEETING_VERBS.has(verb)) return 'MEETING';
  return 'ACTION';
}
