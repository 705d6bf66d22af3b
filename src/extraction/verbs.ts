/**
 * The verbs that commitments are made of, so a title can be put in the imperative
 * ("will be held" → "Hold", "tasked with preparing" → "Prepare").
 */
const BASES = `accept adopt allocate amend appoint approve arrange assess attend audit begin brief build buy check
circulate close collect commence compile complete conclude conduct confirm consider construct continue convene
coordinate create deliver deploy design develop discuss draft draw ensure establish exchange expand explore extend
finalise finalize finance fund give hand harmonise harmonize hire hold host identify implement improve increase inform
initial inspect install introduce invest invite issue launch lead make map meet monitor negotiate nominate notify
open organise organize pay prepare present procure produce promote propose provide publish purchase ratify reduce
release remove renew reopen repair replace report resolve restore resume return review revise run send set share
sign simplify start strengthen study submit supply support table take tender test train transfer travel undertake
update upgrade visit write`.split(/\s+/);

const IRREGULAR: Record<string, string> = {
  held: 'hold',
  built: 'build',
  sent: 'send',
  set: 'set',
  made: 'make',
  taken: 'take',
  paid: 'pay',
  given: 'give',
  drawn: 'draw',
  led: 'lead',
  begun: 'begin',
  met: 'meet',
  written: 'write',
  bought: 'buy',
  run: 'run',
  undertaken: 'undertake',
};

/** Verbs that double their last consonant before -ed and -ing. */
const DOUBLING = new Set(['commit', 'submit', 'plan', 'map', 'transfer', 'travel', 'ship', 'stop']);

const base = new Set(BASES);
const fromParticiple = new Map<string, string>(Object.entries(IRREGULAR));
const fromGerund = new Map<string, string>();

for (const verb of BASES) {
  const doubled = DOUBLING.has(verb) ? verb + verb.slice(-1) : verb;
  if (verb.endsWith('e')) fromParticiple.set(`${verb}d`, verb);
  else if (/[^aeiou]y$/.test(verb)) fromParticiple.set(`${verb.slice(0, -1)}ied`, verb);
  else fromParticiple.set(`${doubled}ed`, verb);
  if (verb === 'travel') fromParticiple.set('traveled', verb);
  if (verb.endsWith('e') && !verb.endsWith('ee')) fromGerund.set(`${verb.slice(0, -1)}ing`, verb);
  else fromGerund.set(`${doubled}ing`, verb);
}

export function isBaseVerb(word: string): boolean {
  return base.has(word.toLowerCase());
}

/** "held" → "hold"; undefined when the word is not a known participle. */
export function baseOfParticiple(word: string): string | undefined {
  return fromParticiple.get(word.toLowerCase());
}

/** "preparing" → "prepare"; undefined when the word is not a known gerund. */
export function baseOfGerund(word: string): string | undefined {
  return fromGerund.get(word.toLowerCase());
}
