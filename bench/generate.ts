// The synthetic workspace: N stories of 4 articles each, made from the seed articles. Every story rewrites
// the seeds' words and names with its own consistent substitutions, so a quote recurs across the four
// articles of its story but not across stories; one "viral" quote recurs in one article of every story.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { placeForms } from '../server/src/core/gazetteer';
import { normalizedWords } from '../server/src/core/tokens';
import type { GroupableQuote } from '../server/src/core/variantGrouper';
import { CITING_VERBS, NAMING_CUES, NOT_NAMES, ORGANIZATION_HEADS, PERSONAL_PRONOUNS, PLACE_HEADS, REPORTING_VERBS, ROLE_NOUNS, SPEAKER_VERB_FILLERS, TITLES } from '../server/src/core/vocabulary';
import { WorkspaceIndex } from '../server/src/core/workspaceIndex';

export const ARTICLES_PER_STORY = 4;

// Grammar and the words the analysis keys on stay, so the synthetic text reads (to the analyser) like news.
const FUNCTION_WORDS = [
  'about', 'above', 'after', 'again', 'all', 'also', 'and', 'any', 'are', 'because', 'been', 'before', 'being', 'both',
  'but', 'can', 'could', 'did', 'does', 'down', 'each', 'even', 'few', 'for', 'from', 'further', 'had', 'has', 'have',
  'her', 'here', 'hers', 'him', 'his', 'how', 'into', 'its', 'just', 'like', 'more', 'most', 'much', 'must', 'not',
  'now', 'off', 'once', 'only', 'other', 'our', 'out', 'over', 'own', 'same', 'she', 'should', 'some', 'such', 'than',
  'that', 'the', 'their', 'them', 'then', 'there', 'these', 'they', 'this', 'those', 'through', 'too', 'under',
  'until', 'very', 'was', 'were', 'what', 'when', 'where', 'which', 'while', 'who', 'whom', 'why', 'will', 'with',
  'would', 'you', 'your', 'yours', 'well', 'still', 'never', 'nothing', 'nobody', 'none', 'cannot', 'okay', 'yes',
  'let', 'said', 'says', 'told', 'added', 'stated', 'according', 'first', 'second', 'week', 'year', 'years', 'day',
];
const KEEP = new Set<string>([
  ...FUNCTION_WORDS, ...TITLES, ...ROLE_NOUNS, ...ORGANIZATION_HEADS, ...PLACE_HEADS, ...NOT_NAMES, ...REPORTING_VERBS,
  ...CITING_VERBS, ...SPEAKER_VERB_FILLERS, ...NAMING_CUES, ...PERSONAL_PRONOUNS,
]);
// Inside quotations only closed-class words stay, so that no quotation of one story comes close to one
// of another story (the grouper compares the words that carry meaning).
const QUOTED_KEEP = new Set<string>([
  'the', 'a', 'an', 'of', 'to', 'and', 'in', 'on', 'is', 'it', 'that', 'for', 'be', 'we', 'i', 'you', 'he', 'she',
  'they', 'this', 'with', 'are', 'was', 'were', 'at', 'as', 'by', 'or', 'not', 'no', 'do', 'did', 'have', 'has', 'will',
  'would', 'can', 'could', 'our', 'us', 'me', 'my', 'your', 'his', 'her', 'its', 'their', 'them', 'him', 'but', 'so',
  ...REPORTING_VERBS, ...PERSONAL_PRONOUNS,
]);
let placeWords: Set<string> | undefined;
const isPlaceWord = (word: string): boolean => {
  placeWords ??= new Set([...placeForms().keys()].flatMap((f) => f.split(/[\s-]+/)));
  return placeWords.has(word);
};
const keeps = (lower: string, word: string, quoted: boolean): boolean =>
  isPlaceWord(word) || (quoted ? lower.length < 2 || QUOTED_KEEP.has(lower) : lower.length < 4 || KEEP.has(lower));

/** FNV-1a, 32 bits: a stable hash for deterministic choices. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A small seeded PRNG (mulberry32), so every run generates the same workspace. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ONSETS = ['b', 'd', 'f', 'g', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'br', 'dr', 'kl', 'st', 'tr', 'sh'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'ou'];

/** The pseudo-word that stands for `lower` in a story: same for every occurrence, about as long. */
function pseudoWord(story: number, lower: string): string {
  const next = random(hash(`${story}:${lower}`));
  const syllable = (n: number): string => ONSETS[n % ONSETS.length]! + VOWELS[Math.floor(n / ONSETS.length) % VOWELS.length]!;
  const per = ONSETS.length * VOWELS.length;
  // The first two syllables spell the story number (base 160), so no two stories ever rewrite a word alike.
  let out = syllable(Math.floor(next() * per));
  out += syllable(story % per) + syllable(Math.floor(story / per));
  while (out.length < lower.length) out += syllable(Math.floor(next() * per));
  return out;
}

function withCaseOf(model: string, word: string): string {
  if (model.length > 1 && model === model.toUpperCase() && model !== model.toLowerCase()) return word.toUpperCase();
  if (model[0] !== model[0]!.toLowerCase()) return word[0]!.toUpperCase() + word.slice(1);
  return word;
}

/**
 * Rewrites a text for a story: the same word always becomes the same pseudo-word within the story.
 * `quoted` text keeps fewer words (see QUOTED_KEEP).
 */
export function rewrite(story: number, text: string, quoted = false): string {
  return text.replace(/\p{L}+(?:['’]\p{L}+)*/gu, (word) => {
    const apostrophe = /['’]/.exec(word);
    // Contractions keep their form; a possessive rewrites its stem.
    const stem = apostrophe && /^['’]s$/.test(word.slice(apostrophe.index)) ? word.slice(0, apostrophe.index) : apostrophe ? '' : word;
    if (!stem) return word;
    const lower = stem.toLowerCase();
    if (keeps(lower, stem, quoted)) return word;
    return withCaseOf(stem, pseudoWord(story, lower)) + word.slice(stem.length);
  });
}

export interface Seed {
  readonly name: string;
  readonly title: string;
  readonly body: string;
}

export function readSeeds(dir: string): Seed[] {
  return readdirSync(dir)
    .filter((n) => n.endsWith('.txt'))
    .sort()
    .map((name) => {
      const text = readFileSync(join(dir, name), 'utf8').replace(/\r\n?/g, '\n').trim();
      const title = text.split('\n', 1)[0]!.trim();
      return { name, title: title.length > 120 ? `${title.slice(0, 117)}…` : title, body: text };
    });
}

/** The quote every story carries once, in one of a few wordings (identical, curly, truncated, elided). */
const VIRAL = 'We will not stand by while the whole region burns, and the world is watching what happens next';
const VIRAL_FORMS: ReadonlyArray<{ quote: string; paragraph: string }> = [
  { quote: VIRAL, paragraph: `"${VIRAL}," Secretary-General Amara Veltri said.` },
  { quote: VIRAL, paragraph: `“${VIRAL},” Secretary-General Amara Veltri told reporters.` },
  { quote: 'We will not stand by while the whole region burns.', paragraph: 'Secretary-General Amara Veltri said: "We will not stand by while the whole region burns."' },
  { quote: 'We will not stand by … the world is watching what happens next', paragraph: '"We will not stand by … the world is watching what happens next," Secretary-General Amara Veltri said.' },
  { quote: VIRAL, paragraph: `"${VIRAL}," Secretary-General Amara Veltri said.` },
];
const viralOf = (story: number): { quote: string; paragraph: string } => VIRAL_FORMS[story % VIRAL_FORMS.length]!;
export const VIRAL_WORDS = normalizedWords(VIRAL);

const OUTLETS = ['The Daily Ledger', 'Harbour Times', 'Morning Courier', 'The Evening Post', 'Metro Wire', 'Northern Gazette', 'City Herald', 'The Observer Desk', 'Global Dispatch', 'Capital Tribune', 'Coastal News', 'The Weekly Review'];

interface Span {
  readonly start: number;
  readonly end: number;
}

/** Story `story` laid out from given titles and bodies; also where each body starts. */
function layout(story: number, titles: readonly string[], bodies: readonly string[]): { text: string; bodyStarts: number[] } {
  let text = `Synthetic story ${story}, generated by bench/generate.ts from the seed articles.\n\n`;
  const bodyStarts: number[] = [];
  bodies.forEach((body, k) => {
    const outlet = OUTLETS[(story + k * 5) % OUTLETS.length]!;
    const day = 1 + ((story * 7 + k) % 28);
    text += `=== ${outlet} ===\ntitle: ${titles[k]}\ndate: 2025-06-${String(day).padStart(2, '0')}\n\n`;
    bodyStarts.push(text.length);
    text += `${body}\n\n`;
  });
  return { text, bodyStarts };
}

/**
 * Makes the stories from the seed articles (the first four). Quotations (found once, by the analyser,
 * in the seeds) are rewritten harder than the prose around them; see `rewrite`.
 */
export class StoryGenerator {
  private readonly seeds: readonly Seed[];
  private readonly quoted: Span[][];
  private readonly seedQuotes: ReadonlyArray<{ id: string; articleIndex: number; text: string }>;

  constructor(seeds: readonly Seed[]) {
    this.seeds = seeds.slice(0, ARTICLES_PER_STORY);
    const raw = layout(0, this.seeds.map((s) => s.title), this.seeds.map((s) => s.body));
    const index = new WorkspaceIndex();
    index.setDocument('file:///template.articles', raw.text);
    const quotes = index.get('file:///template.articles')!.analysis.quotes;
    this.seedQuotes = quotes.filter((q) => q.kind !== 'name').map((q) => ({ id: q.id, articleIndex: q.articleIndex, text: q.text }));
    this.quoted = this.seeds.map((seed, k) => {
      const start = raw.bodyStarts[k]!;
      const spans = quotes
        .filter((q) => !q.parentId && q.outerSpan.start >= start && q.outerSpan.end <= start + seed.body.length)
        .map((q) => ({ start: q.outerSpan.start - start, end: q.outerSpan.end - start }))
        .sort((a, b) => a.start - b.start);
      return spans.filter((q, i) => i === 0 || q.start >= spans[i - 1]!.end);
    });
  }

  get articlesPerStory(): number {
    return this.seeds.length;
  }

  /** The text of story `story` (0-based): one article per seed, each under a `=== Source ===` line. */
  text(story: number): string {
    const bodies = this.seeds.map((seed, k) => {
      let body = '';
      let at = 0;
      for (const span of this.quoted[k]!) {
        body += rewrite(story, seed.body.slice(at, span.start)) + rewrite(story, seed.body.slice(span.start, span.end), true);
        at = span.end;
      }
      body += rewrite(story, seed.body.slice(at));
      return k === story % this.seeds.length ? `${body}\n\n${viralOf(story).paragraph}` : body;
    });
    return layout(story, this.seeds.map((s) => rewrite(story, s.title)), bodies).text;
  }

  /**
   * `count` quotes for grouping alone: the seed articles' quotes as story after story rewrites them,
   * plus each story's viral quote, as the index hands them to the grouper.
   */
  quotes(count: number): GroupableQuote[] {
    const out: GroupableQuote[] = [];
    const push = (id: string, articleKey: string, text: string): void => {
      if (out.length < count) out.push({ id, articleKey, words: normalizedWords(text), elided: /…|\.\.\./.test(text) });
    };
    for (let s = 0; out.length < count; s++) {
      for (const q of this.seedQuotes) push(`s${s}#${q.id}`, `s${s}#${q.articleIndex}`, rewrite(s, q.text, true));
      push(`s${s}#viral`, `s${s}#${s % this.seeds.length}`, viralOf(s).quote);
    }
    return out;
  }
}

export interface Workspace {
  readonly dir: string;
  readonly files: readonly string[];
  readonly articles: number;
  readonly bytes: number;
}

/** Writes (or reuses, when already complete) `stories` story files under `dir`. */
export function generateWorkspace(dir: string, stories: number, generator: StoryGenerator): Workspace {
  const files = Array.from({ length: stories }, (_, s) => join(dir, `story-${String(s).padStart(6, '0')}.articles`));
  const stamp = join(dir, '.complete');
  const expected = `${stories} ${hash(generator.text(0) + generator.text(1))}`;
  let complete = false;
  try {
    complete = readFileSync(stamp, 'utf8') === expected;
  } catch {
    complete = false;
  }
  if (!complete) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    files.forEach((file, s) => writeFileSync(file, generator.text(s)));
    writeFileSync(stamp, expected);
  }
  const bytes = files.reduce((sum, f) => sum + statSync(f).size, 0);
  return { dir, files, articles: stories * generator.articlesPerStory, bytes };
}

