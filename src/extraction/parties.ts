import type { PartyRef } from './candidate.js';
import { COUNTRY_WORDS } from './demonyms.js';

/** Subjects that stand for every party at the table ("the two sides agreed", "they agreed"). */
const ALL_PARTIES =
  /\b(?:(?:the\s+two|both)\s+(?:sides|parties|countries|governments|delegations|leaders|ministers|presidents|prime\s+ministers|heads\s+of\s+state)|the\s+(?:sides|parties|delegations|leaders|ministers))\b|^(?:they|we)\b/iu;

/** A term given in lower case ("the Council") also matches at the start of a sentence ("The Council"). */
function patternOf(term: string): string {
  const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  const first = term.charAt(0);
  return first !== first.toUpperCase() ? `[${first}${first.toUpperCase()}]${escaped.slice(1)}` : escaped;
}

function termsOf(party: PartyRef): string[] {
  const words = [party.name, ...(party.aliases ?? []), ...(COUNTRY_WORDS[party.name.toLowerCase()] ?? [])];
  return [...new Set(words.map((w) => w.trim()).filter(Boolean))];
}

interface Mention {
  id: string;
  index: number;
}

function mentionsOf(sentence: string, parties: PartyRef[]): Mention[] {
  const mentions: Mention[] = [];
  for (const party of parties) {
    for (const term of termsOf(party)) {
      const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${patternOf(term)}(?![\\p{L}\\p{N}])(?!\\s+time\\b)`, 'gu');
      for (const m of sentence.matchAll(pattern)) mentions.push({ id: party.id, index: m.index });
    }
  }
  return mentions.sort((a, b) => a.index - b.index);
}

/**
 * The known parties a sentence names, by name, alias, demonym or capital, in the order it names them.
 * A capital before "time" is a clock ("10:00 Moscow time"), not a government.
 */
export function detectParties(sentence: string, parties: PartyRef[]): string[] {
  const mentions = mentionsOf(sentence, parties);
  const everyone = parties.length > 1 ? ALL_PARTIES.exec(sentence) : null;
  if (everyone) parties.forEach((p, i) => mentions.push({ id: p.id, index: everyone.index + i / parties.length }));
  return [...new Set(mentions.sort((a, b) => a.index - b.index).map((m) => m.id))];
}

const PREDICATE = /\b(?:will|shall|would|(?:is|are)\s+to|to)\s+[a-z]/gi;
const PLACE_BEFORE = /\b(?:in|at)\s+(?:the\s+)?$/i;

/**
 * Who owes it and to whom, when the sentence says so plainly: the one party named as the subject
 * ("Rosatom will submit ... to the Egyptian side"), and the first other party named after the verb,
 * unless only as a place ("held in Pakistan"). A joint subject ("the two sides") owes it together: neither.
 */
export function ownerAndCounterparty(sentence: string, parties: PartyRef[], cueIndex: number): { ownerPartyId: string | null; counterpartyId: string | null } {
  PREDICATE.lastIndex = cueIndex;
  const verbAt = PREDICATE.exec(sentence)?.index ?? cueIndex;
  // "The two sides agreed that Russia would supply ...": the owner is the subject of what was agreed.
  const that = /\b(?:agreed|decided|resolved)\s+that\s+/i.exec(sentence.slice(0, verbAt));
  const subjectAt = that ? that.index + that[0].length : 0;
  const subject = sentence.slice(subjectAt, verbAt);
  if (parties.length > 1 && ALL_PARTIES.test(subject)) return { ownerPartyId: null, counterpartyId: null };
  const mentions = mentionsOf(sentence, parties);
  const owners = [...new Set(mentions.filter((m) => m.index >= subjectAt && m.index < verbAt).map((m) => m.id))];
  const ownerPartyId = owners.length === 1 ? owners[0] : null;
  const other = mentions.find((m) => m.index >= verbAt && m.id !== ownerPartyId && !owners.includes(m.id) && !PLACE_BEFORE.test(sentence.slice(0, m.index)));
  return { ownerPartyId, counterpartyId: other?.id ?? null };
}
