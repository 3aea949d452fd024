import type { ActorInfo, ActorMention } from './actorFinder';
import type { Span } from './model';
import type { Token } from './tokens';
import { CITING_VERBS, PERSONAL_PRONOUNS, REPORTING_VERBS, SPEAKER_VERB_FILLERS } from './vocabulary';

export type AttributionMethod = 'annotation' | 'pattern' | 'pronoun' | 'sentence-subject' | 'previous-quote' | 'nested';

export interface Attribution {
  readonly speaker: string;
  readonly method: AttributionMethod;
  /** The words that gave the speaker away (the verb or the name), for hovers. */
  readonly cue?: Span;
}

/** One word or quotation of a paragraph, seen from outside the quotations. */
export type FrameItem =
  | { readonly type: 'word'; readonly token: Token; readonly mention?: ActorMention; readonly pronoun?: boolean }
  | { readonly type: 'quote'; readonly quote: number; readonly span: Span; readonly endsSentence: boolean };

export interface Sentence {
  readonly items: readonly FrameItem[];
}

/** What a pronoun or a later quotation refers back to, kept as the text is read from the top. */
export interface Salience {
  /** The person (or actor) most recently established as a sentence's subject or speaker. */
  lastSubject?: string;
  lastSpeaker?: string;
}

/**
 * Finds the speaker of the quotation `quote` in its sentence. Tried in order: a verb right before the
 * quote ("he responded that “…”"); a cue right after it ("“…,” Putin said"); the nearest reporting verb
 * before it and the actor in front of that verb; the subject of the sentence; the speaker of the
 * previous quotation when the quotation stands alone. Pronouns resolve to the salient person.
 */
export function attribute(sentence: Sentence, quote: number, salience: Salience, actors: ReadonlyMap<string, ActorInfo>): Attribution | undefined {
  const items = sentence.items;
  const at = items.findIndex((it) => it.type === 'quote' && it.quote === quote);
  if (at < 0) return undefined;
  const resolve = (item: FrameItem | undefined): { speaker: string; method: AttributionMethod; cue: Span } | undefined => {
    if (!item || item.type !== 'word') return undefined;
    if (item.mention) return { speaker: item.mention.actor, method: 'pattern', cue: item.mention };
    if (item.pronoun) {
      const subject = subjectBefore(items, items.indexOf(item), actors) ?? salience.lastSubject;
      if (subject) return { speaker: subject, method: 'pronoun', cue: item.token };
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

  // 2. A cue right after: `“…,” Putin said`, `“…,” said Putin`, `“…,” he said bluntly`.
  const after = items.slice(at + 1, at + 5);
  const first = after[0];
  const second = after[1];
  if (first?.type === 'word' && second?.type === 'word') {
    if ((first.mention || first.pronoun) && isVerb(second)) return resolve(first);
    if (isVerb(first) && (second.mention || second.pronoun) && !CITING_VERBS.has(lower(first)) ) return resolve(second);
    const third = after[2];
    if ((first.mention || first.pronoun) && third?.type === 'word' && SPEAKER_VERB_FILLERS.has(lower(second)) && isVerb(third)) return resolve(first);
  }

  // 3. The nearest reporting verb before the quotation, and who stands before it.
  const loose = verbBefore(items, at, 14);
  if (loose !== undefined && loose !== tight) {
    const who = actorBeforeVerb(items, loose);
    const found = who !== undefined ? resolve(items[who]) : undefined;
    if (found) return found;
  }

  // 4. A cue after the quotation that cites a medium ("reported AP"), when nothing else named a speaker.
  if (first?.type === 'word' && second?.type === 'word' && isVerb(first) && second.mention && !colonOrVerbBefore(items, at)) {
    return resolve(second);
  }

  // 5. The subject of the sentence: the first person named, else the first actor.
  const subject = subjectIndex(items, at, actors);
  if (subject !== undefined) {
    const found = resolve(items[subject]);
    if (found) return { ...found, method: found.method === 'pronoun' ? 'pronoun' : 'sentence-subject' };
  }

  // 6. A quotation standing alone continues the previous speaker.
  const alone = items.every((it, i) => i === at || it.type === 'quote');
  if (alone && salience.lastSpeaker) return { speaker: salience.lastSpeaker, method: 'previous-quote' };
  return undefined;
}

/** The person a sentence is about, used for pronouns in the sentences that follow. */
export function sentenceSubject(sentence: Sentence, salience: Salience, actors: ReadonlyMap<string, ActorInfo>): string | undefined {
  const i = subjectIndex(sentence.items, sentence.items.length, actors);
  if (i === undefined) return undefined;
  const item = sentence.items[i]!;
  if (item.type !== 'word') return undefined;
  if (item.mention) return item.mention.actor;
  return subjectBefore(sentence.items, i, actors) ?? salience.lastSubject;
}

function subjectIndex(items: readonly FrameItem[], before: number, actors: ReadonlyMap<string, ActorInfo>): number | undefined {
  let firstActor: number | undefined;
  for (let i = 0; i < before; i++) {
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
  for (let i = 0; i < before; i++) {
    const it = items[i]!;
    // An earlier pronoun is the subject: it refers back past this sentence.
    if (it.type === 'word' && it.pronoun) return undefined;
    if (it.type === 'word' && it.mention && actors.get(it.mention.actor)?.kind === 'person') return it.mention.actor;
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
  return item.type === 'word' && !item.token.capitalized && REPORTING_VERBS.has(item.token.text.toLowerCase());
}

function lower(item: FrameItem): string {
  return item.type === 'word' ? item.token.text.toLowerCase() : '';
}

export function isPersonalPronoun(token: Token): boolean {
  return PERSONAL_PRONOUNS.has(token.text.toLowerCase());
}
