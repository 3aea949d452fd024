import { distance } from 'fastest-levenshtein';
import { placeForms } from './gazetteer';
import type { ActorKind, Annotation, Article, Span, Story } from './model';
import { packPersons, unpackPersons } from './namedPersons';
import { packText, unpackText } from './packedText';
import { textDigest } from './textDigest';
import { tokenize, type Token } from './tokens';
import { HEAD_ROLES, NOT_NAMES, ORGANIZATION_HEADS, PLACE_HEADS, ROLE_NOUNS, TITLE_ABBREVIATIONS, TITLES } from './vocabulary';

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
    const plain = Object.keys(extra).every((key) => key === 'country');
    const key = plain ? `${name}\u0001${kind}\u0001${!('country' in extra) ? '' : extra.country === undefined ? '-' : `+${extra.country}`}` : undefined;
    let info = key === undefined ? undefined : this.actors.get(key);
    if (!info) {
      info = newActor(name, kind, extra);
      if (key !== undefined) this.actors.set(key, info);
    }
    return info;
  }
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
  private readonly covered: Uint8Array;
  private readonly takenAt = new Map<number, Span>();

  constructor(private readonly base: Span) {
    this.covered = new Uint8Array(base.end - base.start + 1);
  }

  isFree(span: Span): boolean {
    for (let k = span.start; k < span.end; k++) if (this.covered[k - this.base.start]) return false;
    return true;
  }

  take(span: Span): void {
    this.covered.fill(1, span.start - this.base.start, span.end - this.base.start);
    this.takenAt.set(span.start, span);
  }

  release(start: number): boolean {
    const span = this.takenAt.get(start);
    if (!span) return false;
    this.covered.fill(0, span.start - this.base.start, span.end - this.base.start);
    this.takenAt.delete(start);
    return true;
  }
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
  const coverage = new Coverage(article.span);
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
    for (const run of capitalizedRuns(text, tokens)) readRun(run, tokens, headline);
    findPossessiveOrganizations(tokens);
  }
  const named = packPersons([...persons.values()].map((d) => ({ ...d, roles: [...d.roles] })));
  // Lists of their own length (they grew by pushes): every analysed article keeps them.
  return { articleIndex, mentions: mentions.slice(), created: created.slice(), persons: named, lookups: secondPassLookups(paragraphTokens) };

  function readRun(run: Token[], all: readonly Token[], headline: boolean): void {
    let i = 0;
    let mentionStart = 0;
    let country: string | undefined;
    const roles: string[] = [];
    const firstIndex = positionOf(all, run[0]!);
    const lowerTitleBefore = firstIndex > 0 && TITLES.has(all[firstIndex - 1]!.lower) && !all[firstIndex - 1]!.capitalized;
    while (i < run.length) {
      const place = matchPlace(run, i);
      if (place) {
        const entry = places.get(place.form)!;
        if (entry.role !== 'demonym') {
          const isLast = place.next >= run.length || !TITLES.has(run[place.next]!.lower);
          const span = { start: run[i]!.start, end: run[place.next - 1]!.start + run[place.next - 1]!.text.length };
          if (isLast || run[place.next - 1]!.possessive || entry.role === 'name' || entry.role === 'capital') {
            add(span, entry.country, entry.role === 'capital' ? 'capital' : 'place', 'country');
            mentionStart = place.next;
          }
        }
        country = entry.country;
        i = place.next;
        continue;
      }
      const word = run[i]!.lower;
      if (TITLES.has(word)) {
        roles.push(TITLE_ABBREVIATIONS[word] ?? word);
        i++;
        continue;
      }
      break;
    }
    let rest = run.slice(i);
    if (rest.length === 0) return;
    const lastWord = rest[rest.length - 1]!.lower;
    const restSpan = { start: rest[0]!.start, end: rest[rest.length - 1]!.start + rest[rest.length - 1]!.text.length };
    const prefixedByThe = firstIndex > 0 && all[firstIndex - 1]!.text === 'The' && i === 0;
    if (ORGANIZATION_HEADS.has(lastWord) && rest.length >= 2) {
      const start = prefixedByThe ? all[firstIndex - 1]!.start : restSpan.start;
      const name = text.slice(start, restSpan.end);
      add({ start, end: restSpan.end }, name, 'organization', 'organization');
      return;
    }
    if (PLACE_HEADS.has(lastWord) && rest.length >= 2) {
      add(restSpan, text.slice(restSpan.start, restSpan.end), 'place', 'place');
      return;
    }
    if (rest.length === 1 && /^\p{Lu}{2,6}$/u.test(rest[0]!.text) && !places.has(rest[0]!.text)) {
      const asName = rest[0]!.text[0] + rest[0]!.text.slice(1).toLowerCase();
      const dateline = places.get(asName);
      if (dateline) add(restSpan, dateline.country, 'capital', 'country');
      else add(restSpan, rest[0]!.text, 'organization', 'organization');
      return;
    }
    // Office words the title list lacks stand before a title word: "Fire Chief", "Transport Secretary".
    const lastTitle = rest.slice(0, -2).map((t) => TITLES.has(t.lower)).lastIndexOf(true);
    if (lastTitle >= 0) {
      for (const t of rest.slice(0, lastTitle + 1)) {
        const place = places.get(t.text);
        if (place && place.role === 'demonym') country ??= place.country;
        roles.push(TITLE_ABBREVIATIONS[t.lower] ?? t.lower);
      }
      i += lastTitle + 1;
      rest = rest.slice(lastTitle + 1);
    }
    // "Meteorologist Tom Okafor" opening a sentence: an occupation, then the name.
    if (rest.length === 3 && (firstIndex === 0 || /[.!?:]/.test(all[firstIndex - 1]!.after)) && /(?:ist|ian|ent|ant|er|or|man|woman)$/.test(rest[0]!.text)) {
      roles.push(rest[0]!.lower);
      i += 1;
      rest = rest.slice(1);
    }
    if (rest.length < 2 || rest.length > 4 || headline) return;
    if (firstIndex > 0 && all[firstIndex - 1]!.text === 'Operation') return;
    if (rest.some((t) => NOT_NAMES.has(t.lower) || places.has(t.text) || TITLES.has(t.lower) || ORGANIZATION_HEADS.has(t.lower) || /\d/.test(t.text))) return;
    const last = rest[rest.length - 1]!;
    const next = all[positionOf(all, last) + 1];
    const atSentenceStart = firstIndex === 0 || /[.!?:]/.test(all[firstIndex - 1]!.after);
    // At a sentence start a capitalised pair may be any words; a person is followed by an apposition
    // (", 72,") or a verb in lower case ("has vowed", "watched").
    const followedLikeSubject = last.after === ',' || (next !== undefined && !next.capitalized && last.after === '' && !/^(?:of|and|or|for|in|on)$/.test(next.text));
    const evidence = roles.length > 0 || lowerTitleBefore || last.possessive || !atSentenceStart || followedLikeSubject;
    if (!evidence) return;
    const name = rest.map((t) => curly(t.text)).join(' ');
    const key = canonical(name);
    const draft = persons.get(key) ?? { name: key, tokens: rest.map((t) => curly(t.text)), roles: new Set<string>() };
    if (country && !draft.country) draft.country = country;
    for (const r of roles) draft.roles.add(r);
    persons.set(key, draft);
    const start = run[Math.min(mentionStart, i)]!.start;
    add({ start, end: restSpan.end }, key, roles.length > 0 ? 'title' : 'name', 'person');
  }

  function matchPlace(run: readonly Token[], i: number): { form: string; next: number } | undefined {
    for (let n = Math.min(3, run.length - i); n >= 1; n--) {
      const form = run.slice(i, i + n).map((t) => t.text).join(' ');
      if (places.has(form)) return { form, next: i + n };
    }
    return undefined;
  }

  function findPossessiveOrganizations(tokens: readonly Token[]): void {
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      const entry = t.possessive ? places.get(t.text) : undefined;
      if (!entry || entry.role === 'demonym') continue;
      for (let j = i + 1; j <= i + 3 && j < tokens.length; j++) {
        const w = tokens[j]!;
        if (ORGANIZATION_HEADS.has(w.lower) && !w.capitalized) {
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
  /** The capitalised words that follow it somewhere (apostrophes as ’). */
  readonly nexts: Set<string>;
  /** Its spellings as written that are checked for a misspelt surname. */
  readonly typoSpellings: Set<string>;
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
      if (!entry) words.set(word, (entry = { alone: false, nexts: new Set(), typoSpellings: new Set() }));
      const next = tokens[i + 1];
      if (!next?.capitalized) entry.alone = true;
      else entry.nexts.add(curly(next.text));
      if (isTypoCandidate(t, places)) entry.typoSpellings.add(t.text);
    }
  }
  return packLookups(words, [...descriptions.values()]);
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
  const items: string[] = [];
  for (const [word, { alone, nexts, typoSpellings }] of words) {
    let item = String.fromCharCode(0x40 | (alone ? ALONE : 0) | (typoSpellings.has(word) ? TYPO_AS_WORD : 0)) + word;
    for (const next of nexts) item += NEXT + next;
    for (const spelling of typoSpellings) if (spelling !== word) item += SPELLING + spelling;
    items.push(item);
  }
  const packed = items.join(ITEM) + LIST + descriptions.map((d) => d.join(NEXT)).join(ITEM);
  return packText(packed);
}

function unpackLookups(packed: string): SecondPassLookups {
  const [words = '', descriptions = ''] = unpackText(packed).split(LIST);
  const capitalized: string[] = [];
  const alone: string[] = [];
  const before: Array<readonly [string, readonly string[]]> = [];
  const typoCandidates: string[] = [];
  for (const item of words === '' ? [] : words.split(ITEM)) {
    const flags = item.charCodeAt(0);
    const [head = '', ...spellings] = item.slice(1).split(SPELLING);
    const [word = '', ...nexts] = head.split(NEXT);
    capitalized.push(word);
    if (flags & ALONE) alone.push(word);
    if (nexts.length > 0) before.push([word, nexts]);
    if (flags & TYPO_AS_WORD) typoCandidates.push(word);
    typoCandidates.push(...spellings);
  }
  return {
    capitalized,
    firstNames: { alone, before },
    typoCandidates,
    descriptions: descriptions === '' ? [] : descriptions.split(ITEM).map((item) => item.split(NEXT) as [string, string]),
  };
}

function isTypoCandidate(t: Token, places: ReturnType<typeof placeForms>): boolean {
  return t.text.length >= 4 && !NOT_NAMES.has(t.lower) && !places.has(t.text) && !TITLES.has(t.lower);
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
  const coverage = new Coverage(article.span);
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
      const surname = surnames.get(curly(t.text));
      if (surname) {
        const titleStart = titleBefore(tokens, i);
        add({ start: titleStart ?? t.start, end: t.start + t.text.length }, surname, titleStart !== undefined ? 'title' : 'surname');
        continue;
      }
      const first = firstNames.get(curly(t.text));
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
  if (t.lower !== 'the') return undefined;
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
    const word = w.lower;
    if (ROLE_NOUNS.has(word) || TITLES.has(word)) end = k;
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
    if (w.after !== '' || !(TITLES.has(w.lower) || placeForms().has(w.text))) break;
    if (TITLES.has(w.lower)) start = w.start;
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

/** Where a token of `tokens` (sorted by offset, as a paragraph's are) stands, by binary search. */
function positionOf(tokens: readonly Token[], token: Token): number {
  let low = 0;
  let high = tokens.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (tokens[mid]!.start < token.start) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** A headline or heading in title case: names in it only count when already known. */
function isHeadline(tokens: readonly Token[]): boolean {
  const last = tokens[tokens.length - 1];
  if (last && /[.!?]/.test(last.after)) return false;
  const words = tokens.filter((t) => !NOT_NAMES.has(t.lower) || t.capitalized);
  if (words.length < 3) return false;
  const capitalized = words.filter((t) => t.capitalized).length;
  return capitalized / words.length >= 0.7;
}

/** Runs of capitalised words separated by one space, split at words that never start a name. */
function capitalizedRuns(text: string, tokens: readonly Token[]): Token[][] {
  const runs: Token[][] = [];
  let run: Token[] = [];
  const flush = (): void => {
    while (run.length > 0 && PARTICLES.has(run[run.length - 1]!.text)) run.pop();
    if (run.length > 0) runs.push(run);
    run = [];
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const joinable = t.capitalized ? !NOT_NAMES.has(t.lower) : PARTICLES.has(t.text) && run.length > 0;
    if (!joinable) {
      flush();
      continue;
    }
    const prev = run[run.length - 1];
    if (prev && (prev.after !== '' || (prev.possessive && !TITLES.has(t.lower)) || !/^[ \u00a0]$/.test(text.slice(prev.end, t.start)))) {
      flush();
    }
    run.push(t);
  }
  flush();
  return runs;
}

function aliasRegex(names: readonly string[]): RegExp | undefined {
  if (names.length === 0) return undefined;
  const escaped = [...names].sort((a, b) => b.length - a.length).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
}
