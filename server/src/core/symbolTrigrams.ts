import type { StoryAnalysis } from './storyAnalyzer';

/**
 * Trigram sketches of what workspace symbols search in a document (the quotes' texts and speakers, the
 * actors' names and aliases), so a search reads only the documents, quote fields and actors that may
 * hold the query.
 *
 * The search matches with a case-insensitive Unicode pattern (`/…/iu`, simple case folding). A sketch is
 * a Bloom filter over trigrams of *folded* code points: ASCII is lower-cased, `ſ` (U+017F) and the Kelvin
 * sign (U+212A) fold to `s` and `k` as the pattern folds them, and every other code point is one key,
 * OTHER. Two code points the pattern takes for equal always fold to the same key (no other code point
 * is equal to an ASCII one under `/iu`; a unit test checks it over every code point), so a text the
 * pattern matches holds every trigram of the query: a sketch can answer "maybe" for a text that does not
 * match, never "no" for one that does. Candidates are then tested with the pattern itself. A query of
 * fewer than three code points has no trigram: every sketch may hold it.
 */

const OTHER = 128;
const RADIX = 129;
/** Bits per distinct trigram of a document's filters (two probes each: about 3 % false hits per trigram). */
const BITS_PER_TRIGRAM = 10;
/** Bits per trigram of an actor's filter in one document (one probe each; a few forms, few repeats). */
const ACTOR_BITS_PER_TRIGRAM = 4;

/** A document's sketches, made once per analysis (an edit makes a new analysis, and new sketches). */
export interface DocumentTrigrams {
  /** The names of the actors the document names or mentions, each once. */
  readonly actorNames: readonly string[];
  /**
   * Bloom filters, one after another in one array (one allocation a document, not one a filter): filter
   * k is from word `words[k]` to word `words[k + 1]`. Filter QUOTE_TEXTS holds the trigrams of every
   * quote's text, SPEAKERS of every speaker, ACTORS of every actor's forms (two probes each), and filter
   * FIRST_ACTOR + i those of `actorNames[i]`'s name, declared aliases and mentions here (one probe).
   */
  readonly words: Int32Array;
}

const QUOTE_TEXTS = 0;
const SPEAKERS = 1;
const ACTORS = 2;
const FIRST_ACTOR = 3;

const sketches = new WeakMap<StoryAnalysis, DocumentTrigrams>();

/** The sketches of an analysis, made on first use and kept as long as the analysis is. */
export function documentTrigramsOf(analysis: StoryAnalysis): DocumentTrigrams {
  let sketch = sketches.get(analysis);
  if (!sketch) sketches.set(analysis, (sketch = sketchOf(analysis)));
  return sketch;
}

/** A search's query as trigram hashes; `empty` when the query (trimmed) is empty and so matches everything. */
export class TrigramQuery {
  readonly empty: boolean;
  private readonly hashes: Uint32Array;

  constructor(query: string) {
    const trimmed = query.trim();
    this.empty = trimmed.length === 0;
    const hashes: number[] = [];
    forEachTrigram(trimmed, (gram) => hashes.push(hashOf(gram)));
    this.hashes = Uint32Array.from(new Set(hashes));
  }

  /** False when no quote text of the document can contain the query. */
  mayMatchQuoteTexts(doc: DocumentTrigrams): boolean {
    return this.mayHold(doc.words, QUOTE_TEXTS);
  }

  /** False when no speaker of the document's quotes can contain the query. */
  mayMatchSpeakers(doc: DocumentTrigrams): boolean {
    return this.mayHold(doc.words, SPEAKERS);
  }

  /** Adds to `into` the names of the document's actors whose name, declared aliases or mentions here may contain the query. */
  addActorCandidates(doc: DocumentTrigrams, into: Set<string>): void {
    const { words, actorNames } = doc;
    if (!this.mayHold(words, ACTORS)) return;
    for (let i = 0; i < actorNames.length; i++) {
      const start = words[FIRST_ACTOR + i]!;
      const mask = (words[FIRST_ACTOR + i + 1]! - start) * 32 - 1;
      let maybe = true;
      for (let k = 0; maybe && k < this.hashes.length; k++) maybe = hasBit(words, start, this.hashes[k]! & mask);
      if (maybe) into.add(actorNames[i]!);
    }
  }

  private mayHold(words: Int32Array, filter: number): boolean {
    const start = words[filter]!;
    const mask = (words[filter + 1]! - start) * 32 - 1;
    for (const h of this.hashes) if (!hasBit(words, start, h & mask) || !hasBit(words, start, rotated(h) & mask)) return false;
    return true;
  }
}

function sketchOf(analysis: StoryAnalysis): DocumentTrigrams {
  const quoteTexts = analysis.quotes.map((q) => q.text);
  const speakers = [...new Set(analysis.quotes.map((q) => q.speaker ?? ''))];
  // Each actor's surface forms in this document, each once (an actor is mentioned many times the same way).
  const forms = new Map<string, Set<string>>();
  const formsOf = (name: string): Set<string> => {
    let set = forms.get(name);
    if (!set) forms.set(name, (set = new Set([name])));
    return set;
  };
  for (const info of analysis.actors.values()) {
    const own = formsOf(info.name);
    for (const alias of info.declaredAliases) own.add(alias);
  }
  for (const m of analysis.mentions) formsOf(m.actor).add(m.text);

  const actorNames = [...forms.keys()];
  const filters = [bloomOf(quoteTexts), bloomOf(speakers), bloomOf([...forms.values()].flatMap((set) => [...set]))];
  for (const set of forms.values()) {
    let count = 0;
    for (const form of set) count += trigramCount(form);
    const filter = new Int32Array(wordsFor(count * ACTOR_BITS_PER_TRIGRAM));
    const mask = filter.length * 32 - 1;
    for (const form of set) forEachTrigram(form, (gram) => setBit(filter, 0, hashOf(gram) & mask));
    filters.push(filter);
  }
  // The filters' starts (and the end of the last), then the filters.
  const words = new Int32Array(filters.length + 1 + filters.reduce((sum, f) => sum + f.length, 0));
  let at = filters.length + 1;
  filters.forEach((filter, k) => {
    words[k] = at;
    words.set(filter, at);
    at += filter.length;
  });
  words[filters.length] = at;
  return { actorNames, words };
}

/**
 * A two-probe Bloom filter over the trigrams of `texts`, of `BITS_PER_TRIGRAM` bits per distinct trigram
 * (quotes repeat across sources: a story's quotes hold about six times as many trigrams as distinct ones).
 * It is filled at a size for every trigram, then folded in halves (bit `h & mask` of the half-size filter
 * is the OR of the bits `h & mask` of both halves) down to the size the distinct ones need.
 */
function bloomOf(texts: readonly string[]): Int32Array {
  let count = 0;
  for (const text of texts) count += trigramCount(text);
  const bits = new Int32Array(wordsFor(count * BITS_PER_TRIGRAM));
  const mask = bits.length * 32 - 1;
  let distinct = 0;
  for (const text of texts) {
    forEachTrigram(text, (gram) => {
      const h = hashOf(gram);
      if ((setBit(bits, 0, h & mask) | setBit(bits, 0, rotated(h) & mask)) !== 0) distinct++;
    });
  }
  let words = bits.length;
  const needed = wordsFor(distinct * BITS_PER_TRIGRAM);
  for (; words > needed; words >>>= 1) for (let i = 0; i < words >>> 1; i++) bits[i]! |= bits[i + (words >>> 1)]!;
  return bits.slice(0, words);
}

/** Calls `visit` with each trigram of `text`'s folded code points (see the top of the file). */
function forEachTrigram(text: string, visit: (gram: number) => void): void {
  let a = -1;
  let b = -1;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) i++;
      cp = OTHER;
    }
    const key = keyOf(cp);
    if (a >= 0) visit((a * RADIX + b) * RADIX + key);
    a = b;
    b = key;
  }
}

function keyOf(cp: number): number {
  if (cp < 128) return cp >= 65 && cp <= 90 ? cp + 32 : cp;
  if (cp === 0x17f) return 115;
  if (cp === 0x212a) return 107;
  return OTHER;
}

function trigramCount(text: string): number {
  return Math.max(0, text.length - 2);
}

function hashOf(gram: number): number {
  let x = Math.imul(gram ^ (gram >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** The second probe: the hash's halves swapped. */
function rotated(h: number): number {
  return ((h >>> 16) | (h << 16)) >>> 0;
}

function hasBit(words: Int32Array, start: number, bit: number): boolean {
  return (words[start + (bit >>> 5)]! & (1 << (bit & 31))) !== 0;
}

/** Sets the bit; 1 when it was not set before, else 0. */
function setBit(words: Int32Array, start: number, bit: number): number {
  const at = start + (bit >>> 5);
  const before = words[at]!;
  words[at] = before | (1 << (bit & 31));
  return words[at] === before ? 0 : 1;
}

/** Words of a filter of at least `bits` bits: a power of two, at least one. */
function wordsFor(bits: number): number {
  return bits <= 32 ? 1 : 2 ** Math.ceil(Math.log2(bits / 32));
}
