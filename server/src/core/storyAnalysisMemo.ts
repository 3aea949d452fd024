import { detachedCopy } from './detachedCopy';
import { quoteIdIn } from './quoteIds';
import { textDigest } from './textDigest';
import type { ActorMention, ArticleNames, DeclaredActor } from './actorFinder';
import type { Article, Problem, Span } from './model';
import type { ArticleAnalysis, Quote } from './storyAnalyzer';

interface Entry<T> {
  /** The article's index in the version `value` was last used with (results name their article by index). */
  readonly index: number;
  /** Where the article was in the text `value` was last used with: its offsets are shifted by the difference. */
  readonly start: number;
  readonly end: number;
  readonly value: T;
  /** A digest of what the value read of the rest of the story (see `storyKnowledgeFor`). */
  readonly knowledge: string | undefined;
  /** Whether the value's strings are copies of their own rather than slices of the text it was read from. */
  readonly detached: boolean;
}

/**
 * One story's per-article results from its previous analysis, so that after an edit only the edited
 * article is read again. An article's results depend on its own text and index, the declared actors
 * and, for the second pass, on the part of what the whole story knows of its actors that the article
 * reads (`storyKnowledgeFor`); an article moved by an edit before it is reused with its offsets shifted.
 *
 * Results are remembered by article index and compared by text with the story's previous version, which
 * the memo holds (the index holds that same string): no key copies an article's text. An article not
 * found at its index (an edit to a delimiter line joined or split articles, and every later article
 * moved) is looked for among the previous articles of its length, and renumbered. A result is kept as
 * it was read, sharing the analysis's objects; only when a later version reuses it are its strings copied
 * off the old text (`detachedCopy`), so that remembering a story costs little more than its analysis and
 * an unedited article never keeps an old text alive. Each analysis keeps only what it used.
 */
export class StoryAnalysisMemo {
  private declared: readonly DeclaredActor[] | undefined;
  private textBefore = '';
  private textNow = '';
  private storyNamesBefore: string | undefined;
  private storyNamesNow: string | undefined;
  private namesBefore = new Map<number, Entry<ArticleNames>>();
  private namesNow = new Map<number, Entry<ArticleNames>>();
  private articlesBefore = new Map<number, Entry<ArticleAnalysis>>();
  private articlesNow = new Map<number, Entry<ArticleAnalysis>>();
  /** The previous version's results by article length, made on the first article not found at its index. */
  private namesByLength: Map<number, Array<Entry<ArticleNames>>> | undefined;
  private articlesByLength: Map<number, Array<Entry<ArticleAnalysis>>> | undefined;

  /** Counts the analyses begun: one begun while another was paused takes the memo over. */
  private analyses = 0;

  /**
   * Starts an analysis of `text`; other declared actors make everything remembered useless. Returns the
   * analysis's number: the memo serves it only while `serves(number)`.
   */
  begin(declared: readonly DeclaredActor[], text: string): number {
    this.analyses++;
    this.textNow = text;
    this.storyNamesNow = undefined;
    // Left over only by an analysis that threw before `finish`.
    this.namesNow.clear();
    this.articlesNow.clear();
    this.namesByLength = undefined;
    this.articlesByLength = undefined;
    if (declared === this.declared) return this.analyses;
    this.declared = declared;
    this.namesBefore.clear();
    this.articlesBefore.clear();
    this.storyNamesBefore = undefined;
    return this.analyses;
  }

  /** Whether the memo still serves analysis `analysis` (no other began since). */
  serves(analysis: number): boolean {
    return analysis === this.analyses;
  }

  names(article: Article, read: () => ArticleNames): ArticleNames {
    const byLength = (): Map<number, Array<Entry<ArticleNames>>> => (this.namesByLength ??= byArticleLength(this.namesBefore));
    return this.lookup(this.namesBefore, byLength, this.namesNow, article, () => '', read, placeNames);
  }

  /** Between the passes: a digest of what the story knows of its names (`storyNamesKey`). */
  storyNames(key: string): void {
    this.storyNamesNow = key;
  }

  /** `knowledge` is asked for only when the story's names changed or the article is read again. */
  article(article: Article, knowledge: () => string, read: () => ArticleAnalysis): ArticleAnalysis {
    const byLength = (): Map<number, Array<Entry<ArticleAnalysis>>> => (this.articlesByLength ??= byArticleLength(this.articlesBefore));
    return this.lookup(this.articlesBefore, byLength, this.articlesNow, article, () => textDigest(knowledge()), read, placeAnalysis);
  }

  finish(): void {
    this.textBefore = this.textNow;
    this.storyNamesBefore = this.storyNamesNow;
    this.namesBefore = this.namesNow;
    this.namesNow = new Map();
    this.articlesBefore = this.articlesNow;
    this.articlesNow = new Map();
    this.namesByLength = undefined;
    this.articlesByLength = undefined;
  }

  private lookup<T>(
    before: Map<number, Entry<T>>,
    byLength: () => Map<number, Array<Entry<T>>>,
    now: Map<number, Entry<T>>,
    article: Article,
    knowledgeOf: () => string,
    read: () => T,
    place: (value: T, delta: number, index: number) => T,
  ): T {
    const { start, end } = article.span;
    const { index } = article;
    let entry = before.get(index);
    if (!entry || !this.sameText(entry, article.span)) entry = byLength().get(end - start)?.find((e) => this.sameText(e, article.span));
    if (entry) {
      // What the story knows of its names is what it was: so is what this article read of it.
      const knowledge = this.storyNamesNow === undefined || this.storyNamesNow !== this.storyNamesBefore ? knowledgeOf() : entry.knowledge;
      // Not worked out when read (see below, undefined): once the names changed, it cannot be told the same.
      if (knowledge !== entry.knowledge) entry = undefined;
      else {
        const moved = entry.start !== start || entry.index !== index ? place(entry.value, start - entry.start, index) : entry.value;
        entry = { index, start, end, value: entry.detached ? moved : detachedCopy(moved), knowledge, detached: true };
      }
    }
    // A story's first analysis (a cold index: thousands of them) does not work out what each article's
    // second pass read of the names: most stories are never edited. The first change to the names re-reads them.
    entry ??= { index, start, end, value: read(), knowledge: this.textBefore === '' && before === this.articlesBefore ? undefined : knowledgeOf(), detached: false };
    now.set(index, entry);
    return entry.value;
  }

  /** Whether the article has the text it had in the previous version. */
  private sameText(entry: Entry<unknown>, span: Span): boolean {
    if (entry.end - entry.start !== span.end - span.start) return false;
    return this.textBefore.slice(entry.start, entry.end) === this.textNow.slice(span.start, span.end);
  }
}

function byArticleLength<T>(entries: ReadonlyMap<number, Entry<T>>): Map<number, Array<Entry<T>>> {
  const byLength = new Map<number, Array<Entry<T>>>();
  for (const entry of entries.values()) {
    const length = entry.end - entry.start;
    const list = byLength.get(length);
    if (list) list.push(entry);
    else byLength.set(length, [entry]);
  }
  return byLength;
}

function shiftSpan(span: Span, delta: number): Span {
  return { start: span.start + delta, end: span.end + delta };
}

function placeMention(m: ActorMention, delta: number, index: number): ActorMention {
  return { start: m.start + delta, end: m.end + delta, actor: m.actor, text: m.text, via: m.via, articleIndex: index };
}

/** An article's results moved by `delta` characters into the `index`th article. */
function placeNames(names: ArticleNames, delta: number, index: number): ArticleNames {
  return { ...names, articleIndex: index, mentions: names.mentions.map((m) => placeMention(m, delta, index)) };
}

function placeQuote(quote: Quote, delta: number, index: number): Quote {
  const { attribution, parentId } = quote;
  const renumbered = index !== quote.articleIndex;
  return {
    ...quote,
    ...(renumbered ? { id: quoteIdIn(index, quote.id), articleIndex: index } : {}),
    ...(renumbered && parentId !== undefined ? { parentId: quoteIdIn(index, parentId) } : {}),
    span: shiftSpan(quote.span, delta),
    outerSpan: shiftSpan(quote.outerSpan, delta),
    parts: quote.parts.map((p) => shiftSpan(p, delta)),
    ...(attribution ? { attribution: attribution.cue ? { ...attribution, cue: shiftSpan(attribution.cue, delta) } : attribution } : {}),
  };
}

function shiftProblem(problem: Problem, delta: number): Problem {
  return { ...problem, span: shiftSpan(problem.span, delta) };
}

function placeAnalysis(analysis: ArticleAnalysis, delta: number, index: number): ArticleAnalysis {
  return {
    references: { ...analysis.references, mentions: analysis.references.mentions.map((m) => placeMention(m, delta, index)) },
    quotes: analysis.quotes.map((q) => placeQuote(q, delta, index)),
    problems: analysis.problems.map((p) => shiftProblem(p, delta)),
  };
}
