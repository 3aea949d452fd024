import type { ActorInfo, ActorMention } from './actorFinder';
import type { Span } from './model';
import { inClass, type Token } from './tokens';
import { CITING_VERBS, PERSONAL_PRONOUN, SPEAKER_VERB_FILLERS } from './vocabulary';

export type AttributionMethod = 'annotation' | 'pattern' | 'pronoun' | 'sentence-subject' | 'previous-quote' | 'nested';

export interface Attribution {
  readonly speaker: string;
  readonly method: AttributionMethod;
  /** The words that gave the speaker away (the verb or the name), for hovers. */
  readonly cue?: Span;
}

/** One word or quotation of a paragraph, seen from outside the quotations. */
export type FrameItem =
  | {
      readonly type: 'word';
      readonly token: Token;
      readonly mention: ActorMention | undefined;
      readonly pronoun: boolean;
      /** The word is a reporting verb (in any case): worked out once, as every rule asks. */
      readonly reporting: boolean;
    }
  | { readonly type: 'quote'; readonly quote: number; readonly span: Span; readonly endsSentence: boolean };

export interface Sentence {
  readonly items: readonly FrameItem[];
}

/** What a pronoun or a later quotation refers back to, kept as the text is read from the top. */
export interface Salience {
  /** The person (or actor) most recently established as a sentence's subject or speaker. */
  lastSubject?: string;
  lastSpeaker?: string;
  /** The previous sentence reported speech ("Delgado said the city had been warned."). */
  lastSentenceReported?: boolean;
}

/**
 * Finds the speaker of the quotation `quote` in its sentence. Tried in order: a verb right before the
 * quote ("he responded that “…”"); a cue right after it ("“…,” Putin said"); the nearest reporting verb
 * before it and the actor in front of that verb; the subject of the sentence; the speaker of the
 * previous quotation when the quotation stands alone. Pronouns resolve to the salient person.
 */
export function attribute(sentence: Sentence, quote: number, salience: Salience, actors: ReadonlyMap<string, ActorInfo>, knownAt?: number): Attribution | undefined {
  const items = sentence.items;
  const at = knownAt ?? items.findIndex((it) => it.type === 'quote' && it.quote === quote);
  if (at < 0) return undefined;
  const resolve = (item: FrameItem | undefined): { speaker: string; method: AttributionMethod; cue: Span } | undefined => {
    if (!item || item.type !== 'word') return undefined;
    if (item.mention) return { speaker: item.mention.actor, method: 'pattern', cue: { start: item.mention.start, end: item.mention.end } };
    if (item.pronoun) {
      const near = items.slice(0, SUBJECT_REACH).indexOf(item);
      const subject = subjectBefore(items, near < 0 ? SUBJECT_REACH : near, actors) ?? salience.lastSubject;
      if (subject) return { speaker: subject, method: 'pronoun', cue: { start: item.token.start, end: item.token.end } };
    }
    return undefined;
  };

  // 1. A verb directly before the quotation: `he responded that “…”`, `Trump further lamented, “…”`.
  const tight = verbBefore(items, at, 3);
  if (tight !== undefined) {
    const who = actorBeforeVerb(items, tight);
    const found = who !== undefined ? resolve(items[who]) : undefined;
    if (found) return found;
  }

  // 2. "according to X", right after the quotation or opening the sentence.
  const according = accordingTo(items, at);
  if (according !== undefined) {
    const found = resolve(items[according]);
    if (found) return found;
  }

  // 3. A cue right after: `“…,” Putin said`, `“…,” said Putin`, `“…,” union leader Rosa Delgado said`.
  const afterCue = cueAfter(items, at);
  if (afterCue !== undefined) {
    const found = resolve(items[afterCue]);
    if (found) return found;
  }
  const first = items[at + 1];
  const second = items[at + 2];

  // 4. The nearest reporting verb before the quotation, and who stands before it.
  const loose = verbBefore(items, at, 14);
  if (loose !== undefined && loose !== tight) {
    const who = actorBeforeVerb(items, loose);
    const found = who !== undefined ? resolve(items[who]) : undefined;
    if (found) return found;
  }

  // 5. A cue after the quotation that cites a medium ("reported AP"), when nothing else named a speaker.
  if (first?.type === 'word' && second?.type === 'word' && isVerb(first) && second.mention && !colonOrVerbBefore(items, at)) {
    return resolve(second);
  }

  // 6. The subject of the sentence: the first person named, else the first actor.
  const subject = subjectIndex(items, at, actors);
  if (subject !== undefined) {
    const found = resolve(items[subject]);
    if (found) return { ...found, method: found.method === 'pronoun' ? 'pronoun' : 'sentence-subject' };
  }

  // 7. A quotation standing alone continues the previous speaker, or the person the sentence before
  // reported speaking.
  const alone = items.every((it, i) => i === at || it.type === 'quote');
  if (alone && salience.lastSpeaker) return { speaker: salience.lastSpeaker, method: 'previous-quote' };
  if (alone && salience.lastSentenceReported && salience.lastSubject) return { speaker: salience.lastSubject, method: 'sentence-subject' };
  return undefined;
}

/** The person a sentence is about, used for pronouns in the sentences that follow. */
export function sentenceSubject(sentence: Sentence, salience: Salience, actors: ReadonlyMap<string, ActorInfo>): string | undefined {
  const i = subjectIndex(sentence.items, sentence.items.length, actors);
  if (i === undefined) return undefined;
  const item = sentence.items[i]!;
  if (item.type !== 'word') return undefined;
  // He and she refer back to people, never to a country or an organisation.
  if (item.mention) return actors.get(item.mention.actor)?.kind === 'person' ? item.mention.actor : undefined;
  return subjectBefore(sentence.items, i, actors) ?? salience.lastSubject;
}

/** True when the sentence has a verb of saying outside its quotations. */
export function reportsSpeech(sentence: Sentence): boolean {
  return sentence.items.some((it) => isVerb(it));
}

/** "…”, according to spokeswoman Anneke Vos" or "According to Mayor Delgado, … “…”": the index of the name. */
function accordingTo(items: readonly FrameItem[], at: number): number | undefined {
  const starts: number[] = [];
  if (lower(items[at + 1] ?? items[at]!) === 'according') starts.push(at + 1);
  for (let i = 0; i < Math.min(at, SUBJECT_REACH); i++) if (lower(items[i]!) === 'according') starts.push(i);
  for (const k of starts) {
    if (lower(items[k + 1] ?? items[k]!) !== 'to') continue;
    const who = skipRoleWords(items, k + 2);
    if (who !== undefined) return who;
  }
  return undefined;
}

/** The speaker named right after a quotation: `Putin said`, `said Putin`, `union leader Rosa Delgado said`, `he said bluntly`. */
function cueAfter(items: readonly FrameItem[], at: number): number | undefined {
  const first = items[at + 1];
  if (!first || first.type !== 'word') return undefined;
  if (isVerb(first) && !CITING_VERBS.has(lower(first))) return skipRoleWords(items, at + 2);
  const who = skipRoleWords(items, at + 1);
  if (who === undefined) return undefined;
  let k = who + 1;
  while (k < items.length && k <= who + 2 && SPEAKER_VERB_FILLERS.has(lower(items[k]!))) k++;
  const verb = items[k];
  return verb && isVerb(verb) ? who : undefined;
}

/** Skips up to three lower-case words of a job description ("union leader", "spokeswoman") to a name or pronoun. */
function skipRoleWords(items: readonly FrameItem[], from: number): number | undefined {
  for (let k = from; k < items.length && k <= from + 3; k++) {
    const it = items[k]!;
    if (it.type !== 'word') return undefined;
    if (it.mention || it.pronoun) return k;
    if (it.token.capitalized && k > from) return undefined;
    if (isVerb(it) || it.token.after !== '') return undefined;
  }
  return undefined;
}

/**
 * How far into a sentence its subject is looked for. A subject stands near the start; the bound keeps a
 * run-on "sentence" of thousands of words (a paste without full stops) linear.
 */
const SUBJECT_REACH = 60;

function subjectIndex(items: readonly FrameItem[], before: number, actors: ReadonlyMap<string, ActorInfo>): number | undefined {
  let firstActor: number | undefined;
  for (let i = 0; i < Math.min(before, SUBJECT_REACH); i++) {
    const it = items[i]!;
    if (it.type !== 'word') continue;
    if (it.pronoun) return i;
    if (it.mention) {
      if (actors.get(it.mention.actor)?.kind === 'person') return i;
      firstActor ??= i;
    }
  }
  return firstActor;
}

function subjectBefore(items: readonly FrameItem[], before: number, actors: ReadonlyMap<string, ActorInfo>): string | undefined {
  for (let i = 0; i < Math.min(before, SUBJECT_REACH); i++) {
    const it = items[i]!;
    // An earlier pronoun is the subject: it refers back past this sentence.
    if (it.type === 'word' && it.pronoun) return undefined;
    if (it.type === 'word' && it.mention && actors.get(it.mention.actor)?.kind === 'person') {
      // "Asked whether Weller had snubbed him, he …": the person who did something to "him" is not "he".
      const bound = items.slice(i + 1, Math.min(before, i + 1 + SUBJECT_REACH)).some((x) => x.type === 'word' && /^(?:him|her)$/i.test(x.token.text));
      if (!bound) return it.mention.actor;
    }
  }
  return undefined;
}

function verbBefore(items: readonly FrameItem[], at: number, reach: number): number | undefined {
  for (let i = at - 1; i >= 0 && i >= at - reach; i--) {
    const it = items[i]!;
    if (it.type === 'quote') return undefined;
    if (isVerb(it) && !CITING_VERBS.has(lower(it))) return i;
  }
  return undefined;
}

/** The actor (or pronoun) in front of a verb, allowing auxiliaries and adverbs between. */
function actorBeforeVerb(items: readonly FrameItem[], verb: number): number | undefined {
  // "Graham Pell, chief executive of the Harbour Company, wrote": skip the apposition back to its head.
  const before = items[verb - 1];
  if (before?.type === 'word' && before.token.after.startsWith(',')) {
    for (let i = verb - 2; i >= 0 && i >= verb - 12; i--) {
      const it = items[i]!;
      if (it.type !== 'word') break;
      if (it.token.after.startsWith(',')) {
        if (it.mention || it.pronoun) return i;
        break;
      }
    }
  }
  for (let i = verb - 1; i >= 0 && i >= verb - 4; i--) {
    const it = items[i]!;
    if (it.type !== 'word') return undefined;
    if (it.mention || it.pronoun) return i;
    if (!SPEAKER_VERB_FILLERS.has(lower(it))) return undefined;
  }
  return undefined;
}

function colonOrVerbBefore(items: readonly FrameItem[], at: number): boolean {
  const prev = items[at - 1];
  return prev?.type === 'word' && (prev.token.after.includes(':') || isVerb(prev) || lower(prev) === 'that');
}

function isVerb(item: FrameItem): boolean {
  return item.type === 'word' && item.reporting && !item.token.capitalized;
}

function lower(item: FrameItem): string {
  return item.type === 'word' ? item.token.lower : '';
}

export function isPersonalPronoun(token: Token): boolean {
  return inClass(token, PERSONAL_PRONOUN);
}
