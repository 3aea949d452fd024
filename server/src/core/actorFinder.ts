import { distance } from 'fastest-levenshtein';
import { longestPlaceStartingWith, placeForms, type PlaceEntry } from './gazetteer';
import { holdsAny } from './lines';
import type { ActorKind, Annotation, Article, Span, Story } from './model';
import { packPersons, unpackPersons } from './namedPersons';
import { packText, unpackText } from './packedText';
import { textDigest } from './textDigest';
import { inClass, tokenize, type Token } from './tokens';
import { HEAD_ROLES, NOT_NAME, ORGANIZATION_HEAD, PLACE_HEAD, ROLE_NOUN, TITLE, TITLE_ABBREVIATIONS } from './vocabulary';

export type MentionVia = 'name' | 'title' | 'surname' | 'first-name' | 'place' | 'capital' | 'description' | 'alias' | 'typo' | 'organization';

export interface ActorMention extends Span {
  /** Canonical name of the actor. */
  readonly actor: string;
  readonly text: string;
  readonly via: MentionVia;
  readonly articleIndex: number;
}

export interface ActorInfo {
  readonly name: string;
  readonly kind: ActorKind;
  /** The country a person's title ties them to ("Russian President" → Russia). */
  readonly country?: string;
  readonly roles: readonly string[];
  readonly declared: boolean;
  /** Aliases the user declared. */
  readonly declaredAliases: readonly string[];
}

/** An actor the user declared with `@actor`; declarations anywhere in the workspace apply everywhere. */
export interface DeclaredActor {
  readonly name: string;
  readonly kind?: ActorKind;
  readonly aliases: readonly string[];
}

export interface ActorFindings {
  readonly actors: ReadonlyMap<string, ActorInfo>;
  /** Sorted by start offset; mentions never overlap. */
  readonly mentions: readonly ActorMention[];
}

export interface PersonDraft {
  name: string;
  tokens: readonly string[];
  country?: string;
  roles: Set<string>;
}

/** The list of an actor without roles or aliases, shared: every analysed story keeps its actors. */
const NONE: readonly never[] = [];

/**
 * What one analysis of a story makes once and shares: a story names the same actors again and again,
 * every mention's text is kept, and so is each article's record of the actors it names first.
 */
export class Interned {
  private readonly texts = new Map<string, string>();
  private readonly actors = new Map<string, ActorInfo>();

  slice(text: string, start: number, end: number): string {
    const slice = text.slice(start, end);
    const known = this.texts.get(slice);
    if (known !== undefined) return known;
    this.texts.set(slice, slice);
    return slice;
  }

  /** The record of an actor first named with nothing but a name, a kind and maybe a country. */
  actor(name: string, kind: ActorKind, extra: Partial<ActorInfo>): ActorInfo {
    const plain = hasOnlyCountry(extra);
    const key = plain ? `${name}\u0001${kind}\u0001${!('country' in extra) ? '' : extra.country === undefined ? '-' : `+${extra.country}`}` : undefined;
    let info = key === undefined ? undefined : this.actors.get(key);
    if (!info) {
      info = newActor(name, kind, extra);
      if (key !== undefined) this.actors.set(key, info);
    }
    return info;
  }
}

/** Whether `extra` holds no field but `country`, if that (a loop: `Object.keys` made an array per actor). */
function hasOnlyCountry(extra: Partial<ActorInfo>): boolean {
  for (const key in extra) if (Object.hasOwn(extra, key) && key !== 'country') return false;
  return true;
}

function newActor(name: string, kind: ActorKind, extra: Partial<ActorInfo> = {}): ActorInfo {
  return { name, kind, roles: NONE, declared: false, declaredAliases: NONE, ...extra };
}

function internedSlice(text: string, start: number, end: number, interned: Interned | undefined): string {
  return interned ? interned.slice(text, start, end) : text.slice(start, end);
}

const PARTICLES = new Set(['bin', 'al', 'el', 'de', 'van', 'von', 'der', 'da', 'ibn', 'la', 'le', 'du', 'dos', 'del', 'di', 'ben', 'abu']);

/** Typewriter apostrophes as typographic ones, as names are kept. */
function curly(word: string): string {
  return word.includes("'") ? word.replace(/'/g, '’') : word;
}

/** Declared actors written in a story's annotations (preamble and article headers). */
export function declaredActorsOf(story: Story): DeclaredActor[] {
  const all: Annotation[] = [...story.annotations, ...story.articles.flatMap((a) => a.annotations)];
  return all.flatMap((a) => (a.type === 'actor' ? [{ name: a.name, aliases: a.aliases, ...(a.kind ? { kind: a.kind } : {}) }] : []));
}

/** The user's declared actors in the form every pass reads them. */
export interface DeclaredLexicon {
  readonly declared: readonly DeclaredActor[];
  readonly aliasOf: ReadonlyMap<string, string>;
  readonly aliasPattern: RegExp | undefined;
}

/** What the first pass found in one article: user aliases, full names, organisations and places. */
export interface ArticleNames {
  readonly articleIndex: number;
  /** In the order found (not sorted). */
  readonly mentions: readonly ActorMention[];
  /** Actors first named in this article, in order: the first article to name one decides its kind. */
  readonly created: readonly ActorInfo[];
  /** The persons it names, packed (`packPersons`). */
  readonly persons: string;
  /**
   * The words the second pass will look up in what the story knows (see `storyKnowledgeFor`), packed
   * into one string (`packLookups`): every analysed article keeps them, and a hundred small strings
   * and arrays cost ten times the room.
   */
  readonly lookups: string;
}

interface SecondPassLookups {
  /** Capitalised words (apostrophes as ’): looked up as surnames. */
  readonly capitalized: readonly string[];
  /**
   * Capitalised words looked up as first names: pass 2 reads a first name only where the next word is
   * not capitalised, or is a surname. `alone` holds those followed by no capitalised word somewhere;
   * `before` each word with the capitalised words that follow it (its first name counts once one of
   * them is a surname). "United" in "United States" is never read as a first name while "States" is no surname.
   */
  readonly firstNames: { readonly alone: readonly string[]; readonly before: ReadonlyArray<readonly [string, readonly string[]]> };
  /** Words checked for being a misspelt surname. */
  readonly typoCandidates: readonly string[];
  /** The descriptions ("the Russian leader") as [role word, country or '']: each means the one person with that role. */
  readonly descriptions: ReadonlyArray<readonly [string, string]>;
}

/** What the story as a whole knows after the first pass over every article: the second pass reads it. */
export interface StoryNames {
  readonly actors: ReadonlyMap<string, ActorInfo>;
  readonly surnames: ReadonlyMap<string, string>;
  readonly firstNames: ReadonlyMap<string, string>;
  readonly aliasOf: ReadonlyMap<string, string>;
}

/** What the second pass adds to an article: every mention, sorted, and actors only a reference created. */
export interface ArticleReferences {
  readonly mentions: readonly ActorMention[];
  readonly created: readonly ActorInfo[];
}

const lexicons = new WeakMap<readonly DeclaredActor[], DeclaredLexicon>();

export function declaredLexicon(declared: readonly DeclaredActor[]): DeclaredLexicon {
  let lexicon = lexicons.get(declared);
  if (!lexicon) {
    const aliasOf = new Map<string, string>();
    for (const d of declared) {
      aliasOf.set(d.name, d.name);
      for (const alias of d.aliases) aliasOf.set(alias, d.name);
    }
    lexicon = { declared, aliasOf, aliasPattern: aliasRegex([...aliasOf.keys()]) };
    lexicons.set(declared, lexicon);
  }
  return lexicon;
}

function declaredInfos(lexicon: DeclaredLexicon): Map<string, ActorInfo> {
  const actors = new Map<string, ActorInfo>();
  for (const d of lexicon.declared) actors.set(d.name, { name: d.name, kind: d.kind ?? 'person', roles: NONE, declared: true, declaredAliases: d.aliases });
  return actors;
}

/** Mentions never overlap: which characters of an article a mention already covers. */
class Coverage {
  /** A buffer of at least the article's length (see `done`), and the view of it this coverage uses. */
  private readonly buffer: Uint8Array;
  private readonly covered: Uint8Array;
  /** The spans taken, by start, when they may be released (the first pass's). */
  private readonly takenAt: Map<number, Span> | undefined;

  constructor(
    private readonly base: Span,
    releasable: boolean,
  ) {
    const length = base.end - base.start + 1;
    this.buffer = zeroedBuffer(length);
    this.covered = this.buffer.subarray(0, length);
    this.takenAt = releasable ? new Map() : undefined;
  }

  /** Gives the buffer to the next coverage: it must not be used after. */
  done(): void {
    if (!spareBuffer || spareBuffer.length < this.buffer.length) spareBuffer = this.buffer;
  }

  isFree(span: Span): boolean {
    for (let k = span.start; k < span.end; k++) if (this.covered[k - this.base.start]) return false;
    return true;
  }

  take(span: Span): void {
    this.covered.fill(1, span.start - this.base.start, span.end - this.base.start);
    this.takenAt?.set(span.start, span);
  }

  release(start: number): boolean {
    const span = this.takenAt?.get(start);
    if (!span) return false;
    this.covered.fill(0, span.start - this.base.start, span.end - this.base.start);
    this.takenAt!.delete(start);
    return true;
  }
}

/**
 * The buffer the last finished coverage gave back: the passes read one article after another, and a
 * typed array of its own for each pass of each article cost more than the marking itself.
 */
let spareBuffer: Uint8Array | undefined;

/** `length` zeros at the start of the spare buffer when it is long enough (taking it), else of a new one. */
function zeroedBuffer(length: number): Uint8Array {
  const spare = spareBuffer;
  if (!spare || spare.length < length) return new Uint8Array(Math.max(length, 1 << 14));
  spareBuffer = undefined;
  spare.fill(0, 0, length);
  return spare;
}

/**
 * Finds the people, organisations and countries a story names, and every mention of them: full names
 * with titles, surnames and first names after a full mention, descriptions that refer back ("the Russian
 * leader"), capitals standing for governments, and likely misspellings of a known name.
 * Work is per article, in two passes with the story's knowledge in between, so an editor can redo one
 * article after an edit (see `storyAnalyzer`).
 */
export function findActors(story: Story, declared: readonly DeclaredActor[]): ActorFindings {
  const lexicon = declaredLexicon(declared);
  const tokens = story.articles.map((article) => tokenizeParagraphs(story.text, article));
  const names = story.articles.map((article, i) => findArticleNames(story.text, article, lexicon, tokens[i]));
  const storyNames = mergeStoryNames(names, lexicon);
  const references = story.articles.map((article, i) => findArticleReferences(story.text, article, names[i]!, storyNames, tokens[i]));
  return { actors: actorsOf(storyNames, references), mentions: references.flatMap((r) => r.mentions) };
}

/** The story's actors: declared, then as first named (first pass), then as first referred to. */
export function actorsOf(storyNames: StoryNames, references: readonly ArticleReferences[]): Map<string, ActorInfo> {
  const actors = new Map(storyNames.actors);
  for (const r of references) for (const info of r.created) if (!actors.has(info.name)) actors.set(info.name, info);
  return actors;
}

export function tokenizeParagraphs(text: string, article: Article): Token[][] {
  return article.paragraphs.map((p) => tokenize(text, p));
}

/** The first pass over one article. */
export function findArticleNames(text: string, article: Article, lexicon: DeclaredLexicon, paragraphTokens = tokenizeParagraphs(text, article), interned?: Interned): ArticleNames {
  const articleIndex = article.index;
  const places = placeForms();
  const known = declaredInfos(lexicon);
  const created: ActorInfo[] = [];
  const mentions: ActorMention[] = [];
  const coverage = new Coverage(article.span, true);
  const persons = new Map<string, PersonDraft>();
  const canonical = (name: string): string => lexicon.aliasOf.get(name) ?? name;

  const add = (span: Span, actor: string, via: MentionVia, kind: ActorKind, extra: Partial<ActorInfo> = {}): void => {
    if (!coverage.isFree(span)) return;
    const name = canonical(actor);
    if (!known.has(name)) {
      const info = interned ? interned.actor(name, kind, extra) : newActor(name, kind, extra);
      known.set(name, info);
      created.push(info);
    }
    coverage.take(span);
    mentions.push({ start: span.start, end: span.end, actor: name, text: internedSlice(text, span.start, span.end, interned), via, articleIndex });
  };

  // User aliases first: they win over anything detected.
  if (lexicon.aliasPattern) {
    for (const p of article.paragraphs) {
      for (const m of text.slice(p.start, p.end).matchAll(lexicon.aliasPattern)) {
        const start = p.start + m.index;
        const actor = lexicon.aliasOf.get(m[0])!;
        add({ start, end: start + m[0].length }, actor, 'alias', known.get(actor)!.kind);
      }
    }
  }

  for (const tokens of paragraphTokens) {
    const headline = isHeadline(tokens);
    const runs = capitalizedRuns(text, tokens);
    for (let r = 0; r < runs.length; r += 2) readRun(tokens, runs[r]!, runs[r + 1]!, headline);
    findPossessiveOrganizations(tokens);
  }
  coverage.done();
  const named = packPersons([...persons.values()].map((d) => ({ ...d, roles: [...d.roles] })));
  // Lists of their own length (they grew by pushes): every analysed article keeps them.
  return { articleIndex, mentions: mentions.slice(), created: created.slice(), persons: named, lookups: secondPassLookups(paragraphTokens) };

  /** Reads the run of capitalised words `tokens[from]` to `tokens[to - 1]` of a paragraph. */
  function readRun(tokens: readonly Token[], from: number, to: number, headline: boolean): void {
    let i = from;
    let mentionStart = from;
    let country: string | undefined;
    const roles: string[] = [];
    while (i < to) {
      const place = placeAt(tokens, i, to);
      if (place) {
        const { entry, next } = place;
        if (entry.role !== 'demonym') {
          const isLast = next >= to || !inClass(tokens[next]!, TITLE);
          const lastWord = tokens[next - 1]!;
          if (isLast || lastWord.possessive || entry.role === 'name' || entry.role === 'capital') {
            add({ start: tokens[i]!.start, end: lastWord.start + lastWord.text.length }, entry.country, entry.role === 'capital' ? 'capital' : 'place', 'country');
            mentionStart = next;
          }
        }
        country = entry.country;
        i = next;
        continue;
      }
      const word = tokens[i]!.lower;
      if (!inClass(tokens[i]!, TITLE)) break;
      roles.push(TITLE_ABBREVIATIONS[word] ?? word);
      i++;
    }
    if (i >= to) return;
    // The rest of the run, after the places and titles in front: tokens[restFrom] to tokens[to - 1].
    let restFrom = i;
    const last = tokens[to - 1]!;
    const restEnd = last.start + last.text.length;
    const before = from > 0 ? tokens[from - 1] : undefined;
    if (to - restFrom >= 2 && inClass(last, ORGANIZATION_HEAD)) {
      const start = before?.text === 'The' && i === from ? before.start : tokens[restFrom]!.start;
      add({ start, end: restEnd }, text.slice(start, restEnd), 'organization', 'organization');
      return;
    }
    if (to - restFrom >= 2 && inClass(last, PLACE_HEAD)) {
      const start = tokens[restFrom]!.start;
      add({ start, end: restEnd }, text.slice(start, restEnd), 'place', 'place');
      return;
    }
    if (to - restFrom === 1 && isAcronym(last.text) && !places.has(last.text)) {
      const asName = last.text[0] + last.text.slice(1).toLowerCase();
      const dateline = places.get(asName);
      const span = { start: last.start, end: restEnd };
      if (dateline) add(span, dateline.country, 'capital', 'country');
      else add(span, last.text, 'organization', 'organization');
      return;
    }
    // Office words the title list lacks stand before a title word: "Fire Chief", "Transport Secretary".
    let lastTitle = -1;
    for (let k = to - 3; k >= restFrom; k--) {
      if (inClass(tokens[k]!, TITLE)) {
        lastTitle = k;
        break;
      }
    }
    if (lastTitle >= 0) {
      for (let k = restFrom; k <= lastTitle; k++) {
        const t = tokens[k]!;
        const place = places.get(t.text);
        if (place && place.role === 'demonym') country ??= place.country;
        roles.push(TITLE_ABBREVIATIONS[t.lower] ?? t.lower);
      }
      i = restFrom = lastTitle + 1;
    }
    const atSentenceStart = before === undefined || holdsSentenceStop(before.after);
    // "Meteorologist Tom Okafor" opening a sentence: an occupation, then the name.
    if (to - restFrom === 3 && atSentenceStart && /(?:ist|ian|ent|ant|er|or|man|woman)$/.test(tokens[restFrom]!.text)) {
      roles.push(tokens[restFrom]!.lower);
      i = restFrom += 1;
    }
    if (to - restFrom < 2 || to - restFrom > 4 || headline) return;
    if (before?.text === 'Operation') return;
    for (let k = restFrom; k < to; k++) {
      const t = tokens[k]!;
      if (inClass(t, NOT_NAME | TITLE | ORGANIZATION_HEAD) || places.has(t.text) || /\d/.test(t.text)) return;
    }
    const next = tokens[to];
    // At a sentence start a capitalised pair may be any words; a person is followed by an apposition
    // (", 72,") or a verb in lower case ("has vowed", "watched").
    const followedLikeSubject = last.after === ',' || (next !== undefined && !next.capitalized && last.after === '' && !CONNECTIVES.has(next.text));
    const lowerTitleBefore = before !== undefined && inClass(before, TITLE) && !before.capitalized;
    const evidence = roles.length > 0 || lowerTitleBefore || last.possessive || !atSentenceStart || followedLikeSubject;
    if (!evidence) return;
    const nameTokens: string[] = [];
    for (let k = restFrom; k < to; k++) nameTokens.push(curly(tokens[k]!.text));
    const key = canonical(nameTokens.join(' '));
    const draft = persons.get(key) ?? { name: key, tokens: nameTokens, roles: new Set<string>() };
    if (country && !draft.country) draft.country = country;
    for (const r of roles) draft.roles.add(r);
    persons.set(key, draft);
    add({ start: tokens[Math.min(mentionStart, i)]!.start, end: restEnd }, key, roles.length > 0 ? 'title' : 'name', 'person');
  }

  /** The longest place name (of up to three words) that starts at `tokens[i]` and ends before `tokens[end]`. */
  function placeAt(tokens: readonly Token[], i: number, end: number): { entry: PlaceEntry; next: number } | undefined {
    const first = tokens[i]!.text;
    const words = Math.min(3, end - i, longestPlaceStartingWith(first));
    for (let n = words; n >= 2; n--) {
      let form = first;
      for (let k = i + 1; k < i + n; k++) form += ' ' + tokens[k]!.text;
      const entry = places.get(form);
      if (entry) return { entry, next: i + n };
    }
    const entry = places.get(first);
    return entry ? { entry, next: i + 1 } : undefined;
  }

  function findPossessiveOrganizations(tokens: readonly Token[]): void {
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      const entry = t.possessive ? places.get(t.text) : undefined;
      if (!entry || entry.role === 'demonym') continue;
      for (let j = i + 1; j <= i + 3 && j < tokens.length; j++) {
        const w = tokens[j]!;
        if (inClass(w, ORGANIZATION_HEAD) && !w.capitalized) {
          const span = { start: t.start, end: w.end };
          if (!tokens.slice(i + 1, j).every((m) => /^\p{Lu}{2,5}$/u.test(m.text) || !m.capitalized)) break;
          // The organisation outranks the bare country mention found in pass 1.
          for (const part of tokens.slice(i, j)) {
            if (coverage.release(part.start)) {
              const m = mentions.findIndex((x) => x.start === part.start);
              if (m >= 0) mentions.splice(m, 1);
            }
          }
          add(span, text.slice(span.start, span.end), 'organization', 'organization', { country: entry.country });
          break;
        }
        if (tokens[j - 1]!.after !== '' && j > i + 1) break;
      }
    }
  }

}

/** One capitalised word of an article, with what the second pass looks up for it. */
interface CapitalizedWord {
  /** Followed somewhere by no capitalised word. */
  alone: boolean;
  /** The capitalised words that follow it somewhere (apostrophes as ’), each once, in order of first use. */
  nexts: string[] | undefined;
  /** Whether it was written as it is kept (without a typewriter apostrophe) and is checked for a misspelt surname. */
  typoAsWritten: boolean | undefined;
  /** Its other spellings as written (with ') that are checked for a misspelt surname, each once. */
  typoSpellings: string[] | undefined;
}

/** What the second pass of an article looks up, packed (`packLookups`). */
function secondPassLookups(paragraphTokens: readonly Token[][]): string {
  const places = placeForms();
  const words = new Map<string, CapitalizedWord>();
  const descriptions = new Map<string, [string, string]>();
  for (const tokens of paragraphTokens) {
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      const description = descriptionAt(tokens, i);
      if (description) descriptions.set(`${description.roleWord}\u0000${description.country ?? ''}`, [description.roleWord, description.country ?? '']);
      if (!t.capitalized) continue;
      const word = curly(t.text);
      let entry = words.get(word);
      if (!entry) words.set(word, (entry = { alone: false, nexts: undefined, typoAsWritten: undefined, typoSpellings: undefined }));
      const next = tokens[i + 1];
      if (!next?.capitalized) entry.alone = true;
      else addOnce((entry.nexts ??= []), curly(next.text));
      // Whether a spelling is a typo candidate depends on the spelling alone: each is checked once.
      if (t.text === word) entry.typoAsWritten ??= isTypoCandidate(t, places);
      else if (!entry.typoSpellings?.includes(t.text) && isTypoCandidate(t, places)) (entry.typoSpellings ??= []).push(t.text);
    }
  }
  return packLookups(words, [...descriptions.values()]);
}

function addOnce(list: string[], item: string): void {
  if (!list.includes(item)) list.push(item);
}

// Separators no word holds: between the two lists, between items, before a following word, before a typo spelling.
const LIST = '\u0002';
const ITEM = '\u0001';
const NEXT = '\u0003';
const SPELLING = '\u0005';
const ALONE = 1;
const TYPO_AS_WORD = 2;

/**
 * Each capitalised word once, in order of first use: a flag character (alone, a typo candidate as
 * written), the word, its following words, its other typo spellings; then the descriptions.
 */
function packLookups(words: ReadonlyMap<string, CapitalizedWord>, descriptions: ReadonlyArray<readonly [string, string]>): string {
  let packed = '';
  for (const [word, { alone, nexts, typoAsWritten, typoSpellings }] of words) {
    if (packed !== '') packed += ITEM;
    packed += String.fromCharCode(0x40 | (alone ? ALONE : 0) | (typoAsWritten ? TYPO_AS_WORD : 0)) + word;
    if (nexts) for (const next of nexts) packed += NEXT + next;
    if (typoSpellings) for (const spelling of typoSpellings) packed += SPELLING + spelling;
  }
  packed += LIST;
  for (let d = 0; d < descriptions.length; d++) packed += (d > 0 ? ITEM : '') + descriptions[d]![0] + NEXT + descriptions[d]![1];
  return packText(packed);
}

function unpackLookups(packed: string): SecondPassLookups {
  const text = unpackText(packed);
  const list = text.indexOf(LIST);
  const wordsEnd = list < 0 ? text.length : list;
  const capitalized: string[] = [];
  const alone: string[] = [];
  const before: Array<readonly [string, readonly string[]]> = [];
  const typoCandidates: string[] = [];
  // Read by hand (split and destructuring made a third of the memo's check of an article): an item is
  // a flag character, the word, then its following words after NEXT and its spellings after SPELLING.
  for (let at = 0; at < wordsEnd; ) {
    const itemEnd = text.indexOf(ITEM, at);
    const end = itemEnd < 0 || itemEnd > wordsEnd ? wordsEnd : itemEnd;
    const flags = text.charCodeAt(at);
    let fieldEnd = endOfField(text, at + 1, end);
    const word = text.slice(at + 1, fieldEnd);
    capitalized.push(word);
    if (flags & ALONE) alone.push(word);
    if (flags & TYPO_AS_WORD) typoCandidates.push(word);
    let nexts: string[] | undefined;
    while (fieldEnd < end) {
      const separator = text.charCodeAt(fieldEnd);
      const fieldStart = fieldEnd + 1;
      fieldEnd = endOfField(text, fieldStart, end);
      const field = text.slice(fieldStart, fieldEnd);
      if (separator === NEXT_CODE) (nexts ??= []).push(field);
      else typoCandidates.push(field);
    }
    if (nexts) before.push([word, nexts]);
    at = end + 1;
  }
  const descriptions = list < 0 ? '' : text.slice(list + 1);
  return {
    capitalized,
    firstNames: { alone, before },
    typoCandidates,
    descriptions: descriptions === '' ? [] : descriptions.split(ITEM).map((item) => item.split(NEXT) as [string, string]),
  };
}

const NEXT_CODE = NEXT.charCodeAt(0);
const SPELLING_CODE = SPELLING.charCodeAt(0);

/** Where a field of a packed item that starts at `from` ends: at NEXT, SPELLING or `end`. */
function endOfField(text: string, from: number, end: number): number {
  let i = from;
  while (i < end) {
    const code = text.charCodeAt(i);
    if (code === NEXT_CODE || code === SPELLING_CODE) break;
    i++;
  }
  return i;
}

function isTypoCandidate(t: Token, places: ReturnType<typeof placeForms>): boolean {
  return t.text.length >= 4 && !inClass(t, NOT_NAME | TITLE) && !places.has(t.text);
}

/**
 * What an article's second pass, and the attribution after it, read of the story's knowledge, as a
 * string: when it is the same as before an edit elsewhere, the article's results still hold, even though
 * the story learnt a new name (typing a name in one article must not re-read all the others).
 */
export function storyKnowledgeFor(names: ArticleNames, story: StoryNames): string {
  const referenced = new Set<string>();
  for (const m of names.mentions) referenced.add(m.actor);
  // Fields end with \u0001, lists with \u0002: no name holds either.
  let key = '';
  const found = (name: string | undefined): void => {
    if (name !== undefined) referenced.add(name);
    key += `${name ?? ''}\u0001`;
  };
  const lookups = unpackLookups(names.lookups);
  const { surnames, firstNames } = story;
  for (const w of lookups.capitalized) found(surnames.get(w));
  key += '\u0002';
  // A surname is read before a first name: a word that is a surname is never read as a first name.
  for (const w of lookups.firstNames.alone) if (!surnames.has(w)) found(firstNames.get(w));
  key += '\u0002';
  for (const [w, nexts] of lookups.firstNames.before) if (!surnames.has(w) && nexts.some((next) => surnames.has(next))) found(firstNames.get(w));
  key += '\u0002';
  for (const w of lookups.typoCandidates) found(closestSurnameOf(w, story.surnames));
  key += '\u0002';
  for (const [roleWord, country] of lookups.descriptions) found(describedActor(story.actors, roleWord, country || undefined));
  key += '\u0002';
  for (const name of referenced) key += `${name}\u0001${story.actors.get(story.aliasOf.get(name) ?? name)?.kind ?? ''}\u0001`;
  return key;
}

/**
 * A digest of everything `storyKnowledgeFor` can read of the story's names: when it is what it was
 * before an edit, no unedited article's reading of them changed, and none needs working out again.
 */
export function storyNamesKey(story: StoryNames): string {
  let key = '';
  for (const [name, info] of story.actors) key += `${name}\u0001${info.kind}\u0001${info.country ?? ''}\u0001${info.roles.join('\u0003')}\u0002`;
  key += '\u0004';
  for (const [word, name] of story.surnames) key += `${word}\u0001${name}\u0002`;
  key += '\u0004';
  for (const [word, name] of story.firstNames) key += `${word}\u0001${name}\u0002`;
  return textDigest(key);
}

/** The story's knowledge after the first pass over every article, merged in article order. */
export function mergeStoryNames(perArticle: readonly ArticleNames[], lexicon: DeclaredLexicon): StoryNames {
  const actors = declaredInfos(lexicon);
  const persons = new Map<string, PersonDraft>();
  const canonical = (name: string): string => lexicon.aliasOf.get(name) ?? name;
  for (const names of perArticle) {
    for (const info of names.created) if (!actors.has(info.name)) actors.set(info.name, info);
    for (const draft of unpackPersons(names.persons)) {
      const merged = persons.get(draft.name);
      if (!merged) {
        persons.set(draft.name, { name: draft.name, tokens: draft.tokens, roles: new Set(draft.roles), ...(draft.country ? { country: draft.country } : {}) });
        continue;
      }
      if (draft.country && !merged.country) merged.country = draft.country;
      for (const r of draft.roles) merged.roles.add(r);
    }
  }
  for (const draft of persons.values()) {
    const info = actors.get(draft.name);
    if (info && info.kind === 'person') {
      actors.set(draft.name, { ...info, roles: draft.roles.size > 0 ? [...draft.roles] : NONE, ...(draft.country ? { country: draft.country } : {}) });
    }
  }
  const surnames = new Map<string, string>();
  const firstNames = new Map<string, string>();
  for (const draft of persons.values()) {
    const name = actors.get(draft.name) ? draft.name : canonical(draft.name);
    const surname = draft.tokens[draft.tokens.length - 1]!;
    // A surname alone stands for the first person the story named with it, not for a later namesake (or a misspelt full name).
    if (!surnames.has(surname)) surnames.set(surname, name);
    if (!firstNames.has(draft.tokens[0]!)) firstNames.set(draft.tokens[0]!, name);
    else if (firstNames.get(draft.tokens[0]!) !== name) firstNames.set(draft.tokens[0]!, '');
  }
  return { actors, surnames, firstNames, aliasOf: lexicon.aliasOf };
}

/** The second pass over one article: surnames, first names, descriptions and typos of known names. */
export function findArticleReferences(
  text: string,
  article: Article,
  names: ArticleNames,
  story: StoryNames,
  paragraphTokens = tokenizeParagraphs(text, article),
  interned?: Interned,
): ArticleReferences {
  const articleIndex = article.index;
  const places = placeForms();
  const coverage = new Coverage(article.span, false);
  for (const m of names.mentions) coverage.take(m);
  const mentions = [...names.mentions];
  const created: ActorInfo[] = [];
  const add = (span: Span, named: string, via: MentionVia): void => {
    if (!coverage.isFree(span)) return;
    const actor = story.aliasOf.get(named) ?? named;
    if (!story.actors.has(actor) && !created.some((c) => c.name === actor)) created.push({ name: actor, kind: 'person', roles: NONE, declared: false, declaredAliases: NONE });
    coverage.take(span);
    mentions.push({ start: span.start, end: span.end, actor, text: internedSlice(text, span.start, span.end, interned), via, articleIndex });
  };
  const { surnames, firstNames } = story;
  for (const tokens of paragraphTokens) {
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      const description = readDescription(tokens, i, story.actors);
      if (description) {
        add(description.span, description.actor, 'description');
        continue;
      }
      if (!t.capitalized) continue;
      const word = curly(t.text);
      const surname = surnames.get(word);
      if (surname) {
        const titleStart = titleBefore(tokens, i);
        add({ start: titleStart ?? t.start, end: t.start + t.text.length }, surname, titleStart !== undefined ? 'title' : 'surname');
        continue;
      }
      const first = firstNames.get(word);
      if (first && !(tokens[i + 1]?.capitalized && !surnames.has(curly(tokens[i + 1]!.text)))) {
        add({ start: t.start, end: t.start + t.text.length }, first, 'first-name');
        continue;
      }
      if (isTypoCandidate(t, places)) {
        const typoOf = closestSurnameOf(t.text, surnames);
        if (typoOf) add({ start: t.start, end: t.start + t.text.length }, typoOf, 'typo');
      }
    }
  }
  coverage.done();
  mentions.sort((a, b) => a.start - b.start);
  return { mentions: mentions.slice(), created };
}

/**
 * "the Russian leader", "The US president", "the German finance minister", "the governor": the one
 * person of the story whose title fits (and whose title country fits, when the description names one).
 */
function readDescription(tokens: readonly Token[], i: number, actors: ReadonlyMap<string, ActorInfo>): { span: Span; actor: string } | undefined {
  const description = descriptionAt(tokens, i);
  const actor = description && describedActor(actors, description.roleWord, description.country);
  return actor ? { span: description.span, actor } : undefined;
}

interface Description {
  readonly span: Span;
  readonly roleWord: string;
  readonly country: string | undefined;
}

/** "the (former) (Russian) president" starting at token `i`: its words, whoever it may mean. */
function descriptionAt(tokens: readonly Token[], i: number): Description | undefined {
  const t = tokens[i]!;
  // "the" is in NOT_NAMES: the bit spares most words the comparison.
  if (!inClass(t, NOT_NAME) || t.lower !== 'the') return undefined;
  let j = i + 1;
  if (tokens[j]?.lower === 'former') j++;
  let country: string | undefined;
  const place = tokens[j] ? placeForms().get(tokens[j]!.text) : undefined;
  if (place) {
    country = place.country;
    j++;
  }
  let end = -1;
  for (let k = j; k < j + 3 && k < tokens.length; k++) {
    const w = tokens[k]!;
    if (w.capitalized && !(k === j && country)) break;
    if (inClass(w, ROLE_NOUN | TITLE)) end = k;
    if (w.after !== '') break;
  }
  if (end < 0) return undefined;
  const role = tokens[end]!;
  if (tokens[end + 1]?.capitalized && role.after === '') return undefined;
  return { span: { start: t.start, end: role.end }, roleWord: role.lower, country };
}

/** The one actor a description can mean, from what the story knows; undefined when none or several. */
function describedActor(actors: ReadonlyMap<string, ActorInfo>, roleWord: string, country: string | undefined): string | undefined {
  const people = holdersOf(actors, roleWord);
  const sameCountry = country ? people.filter((a) => a.country === country) : people;
  const candidates = sameCountry.length > 0 ? sameCountry : country ? people.filter((a) => a.country === undefined) : people;
  if (candidates.length !== 1) return undefined;
  if (!country && HEAD_ROLES.has(roleWord)) return undefined;
  return candidates[0]!.name;
}

const HEAD_OF_STATE = new Set(['president', 'leader', 'prime', 'king', 'queen', 'chancellor', 'premier', 'supreme', 'ayatollah', 'emir', 'sultan']);

const roleHolders = new WeakMap<ReadonlyMap<string, ActorInfo>, Map<string, readonly ActorInfo[]>>();

/** The actors "the <role>" can mean, in the map's order; worked out once per role and map of actors. */
function holdersOf(actors: ReadonlyMap<string, ActorInfo>, roleWord: string): readonly ActorInfo[] {
  let byRole = roleHolders.get(actors);
  if (!byRole) roleHolders.set(actors, (byRole = new Map()));
  let holders = byRole.get(roleWord);
  if (!holders) byRole.set(roleWord, (holders = [...actors.values()].filter((a) => holdsRole(a, roleWord))));
  return holders;
}

/** Whether "the <role>" can mean this actor: a person with that title (any head-of-state title for "the leader"). */
function holdsRole(actor: ActorInfo, roleWord: string): boolean {
  return actor.kind === 'person' && (HEAD_ROLES.has(roleWord) ? actor.roles.some((r) => HEAD_OF_STATE.has(r)) : actor.roles.includes(roleWord));
}

function titleBefore(tokens: readonly Token[], i: number): number | undefined {
  let start: number | undefined;
  for (let j = i - 1; j >= 0 && j >= i - 3; j--) {
    const w = tokens[j]!;
    if (w.after !== '' || !(inClass(w, TITLE) || placeForms().has(w.text))) break;
    if (inClass(w, TITLE)) start = w.start;
  }
  return start;
}

const closestSurnames = new WeakMap<ReadonlyMap<string, string>, Map<string, string | null>>();

/** `closestSurname`, worked out once per word and map of surnames (both passes and every article ask). */
function closestSurnameOf(word: string, surnames: ReadonlyMap<string, string>): string | undefined {
  let byWord = closestSurnames.get(surnames);
  if (!byWord) closestSurnames.set(surnames, (byWord = new Map()));
  let found = byWord.get(word);
  if (found === undefined) byWord.set(word, (found = closestSurname(word, surnames) ?? null));
  return found ?? undefined;
}

function closestSurname(word: string, surnames: ReadonlyMap<string, string>): string | undefined {
  let found: string | undefined;
  for (const [surname, actor] of surnames) {
    if (surname.length < 4 || Math.abs(surname.length - word.length) > 1) continue;
    if (surname[0] !== word[0]) continue;
    if (distance(surname, word) === 1) {
      if (found && found !== actor) return undefined;
      found = actor;
    }
  }
  return found;
}

/** A headline or heading in title case: names in it only count when already known. */
function isHeadline(tokens: readonly Token[]): boolean {
  const last = tokens[tokens.length - 1];
  if (last && holdsAny(last.after, '.!?')) return false;
  let words = 0;
  let capitalized = 0;
  for (const t of tokens) {
    if (t.capitalized) capitalized++;
    else if (inClass(t, NOT_NAME)) continue;
    words++;
  }
  if (words < 3) return false;
  return capitalized / words >= 0.7;
}

/**
 * Runs of capitalised words separated by one space, split at words that never start a name: as pairs
 * of token indices, the first word's and the one past the last word's.
 */
function capitalizedRuns(text: string, tokens: readonly Token[]): number[] {
  const runs: number[] = [];
  // The run being read: tokens[start] to tokens[end - 1].
  let start = 0;
  let end = 0;
  const flush = (): void => {
    while (end > start && PARTICLES.has(tokens[end - 1]!.text)) end--;
    if (end > start) runs.push(start, end);
    start = end = 0;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const joinable = t.capitalized ? !inClass(t, NOT_NAME) : end > start && PARTICLES.has(t.text);
    if (!joinable) {
      flush();
      continue;
    }
    if (end > start) {
      const prev = tokens[end - 1]!;
      if (prev.after !== '' || (prev.possessive && !inClass(t, TITLE)) || !isOneSpace(text, prev.end, t.start)) flush();
    }
    if (end === start) start = i;
    end = i + 1;
  }
  flush();
  return runs;
}

/** Whether exactly one space (or no-break space) stands between `from` and `to`. */
function isOneSpace(text: string, from: number, to: number): boolean {
  const code = text.charCodeAt(from);
  return to - from === 1 && (code === 32 || code === 0xa0);
}

/** Whether the punctuation after a word ends a sentence or opens what follows (". ", "? ", ": "). */
function holdsSentenceStop(after: string): boolean {
  return holdsAny(after, '.!?:');
}

/** Two to six capital letters ("NATO", "UN"); the test on the second character spares most words the expression. */
function isAcronym(word: string): boolean {
  const second = word.charCodeAt(1);
  return !(second >= 97 && second <= 122) && /^\p{Lu}{2,6}$/u.test(word);
}

/** Lower-case words after a capitalised pair that do not make it the subject of a verb ("Bank of", "Smith and"). */
const CONNECTIVES = new Set(['of', 'and', 'or', 'for', 'in', 'on']);

function aliasRegex(names: readonly string[]): RegExp | undefined {
  if (names.length === 0) return undefined;
  const escaped = [...names].sort((a, b) => b.length - a.length).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
}
