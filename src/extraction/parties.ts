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

/**
 * The known parties a sentence names, by name, alias, demonym or capital, in the order it names them.
 * A capital before "time" is a clock ("10:00 Moscow time"), not a government.
 */
export function detectParties(sentence: string, parties: PartyRef[]): string[] {
  const firstMention = new Map<string, number>();
  const note = (id: string, at: number) => {
    if (!firstMention.has(id) || at < (firstMention.get(id) ?? Infinity)) firstMention.set(id, at);
  };
  for (const party of parties) {
    for (const term of termsOf(party)) {
      const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${patternOf(term)}(?![\\p{L}\\p{N}])(?!\\s+time\\b)`, 'gu');
      const m = pattern.exec(sentence);
      if (m) note(party.id, m.index);
    }
  }
  const everyone = parties.length > 1 ? ALL_PARTIES.exec(sentence) : null;
  if (everyone) parties.forEach((p, i) => note(p.id, everyone.index + i / parties.length));
  return [...firstMention.entries()].sort((a, b) => a[1] - b[1]).map(([id]) => id);
}
