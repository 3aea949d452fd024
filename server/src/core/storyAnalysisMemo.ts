import { detachedCopy } from './detachedCopy';
import { textDigest } from './textDigest';
import type { ActorMention, ArticleNames, DeclaredActor } from './actorFinder';
import type { Article, Problem, Span } from './model';
import type { ArticleAnalysis, Quote } from './storyAnalyzer';

interface Entry<T> {
  /** Where the article was in the text `value` was last used with: its offsets are shifted by the difference. */
  readonly start: number;
  readonly end: number;
  readonly value: T;
  /** A digest of what the value read of the rest of the story (see `storyKnowledgeFor`). */
  readonly knowledge: string;
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
 * the memo holds (the index holds that same string): no key copies an article's text. A result is kept as
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

  /** Starts an analysis of `text`; other declared actors make everything remembered useless. */
  begin(declared: readonly DeclaredActor[], text: string): void {
    this.textNow = text;
    this.storyNamesNow = undefined;
    // Left over only by an analysis that threw before `finish`.
    this.namesNow.clear();
    this.articlesNow.clear();
    if (declared === this.declared) return;
    this.declared = declared;
    this.namesBefore.clear();
    this.articlesBefore.clear();
    this.storyNamesBefore = undefined;
  }

  names(article: Article, read: () => ArticleNames): ArticleNames {
    return this.lookup(this.namesBefore, this.namesNow, article, () => '', read, shiftNames);
  }

  /** Between the passes: a digest of what the story knows of its names (`storyNamesKey`). */
  storyNames(key: string): void {
    this.storyNamesNow = key;
  }

  /** `knowledge` is asked for only when the story's names changed or the article is read again. */
  article(article: Article, knowledge: () => string, read: () => ArticleAnalysis): ArticleAnalysis {
    return this.lookup(this.articlesBefore, this.articlesNow, article, () => textDigest(knowledge()), read, shiftAnalysis);
  }

  finish(): void {
    this.textBefore = this.textNow;
    this.storyNamesBefore = this.storyNamesNow;
    this.namesBefore = this.namesNow;
    this.namesNow = new Map();
    this.articlesBefore = this.articlesNow;
    this.articlesNow = new Map();
  }

  private lookup<T>(
    before: Map<number, Entry<T>>,
    now: Map<number, Entry<T>>,
    article: Article,
    knowledgeOf: () => string,
    read: () => T,
    shift: (value: T, delta: number) => T,
  ): T {
    const { start, end } = article.span;
    let entry = before.get(article.index);
    if (entry && this.sameText(entry, article.span)) {
      // What the story knows of its names is what it was: so is what this article read of it.
      const knowledge = this.storyNamesNow === undefined || this.storyNamesNow !== this.storyNamesBefore ? knowledgeOf() : entry.knowledge;
      if (knowledge !== entry.knowledge) entry = undefined;
      else {
        const moved = entry.start !== start ? shift(entry.value, start - entry.start) : entry.value;
        entry = { start, end, value: entry.detached ? moved : detachedCopy(moved), knowledge, detached: true };
      }
    } else entry = undefined;
    entry ??= { start, end, value: read(), knowledge: knowledgeOf(), detached: false };
    now.set(article.index, entry);
    return entry.value;
  }

  /** Whether the article has the text it had in the previous version. */
  private sameText(entry: Entry<unknown>, span: Span): boolean {
    if (entry.end - entry.start !== span.end - span.start) return false;
    return this.textBefore.slice(entry.start, entry.end) === this.textNow.slice(span.start, span.end);
  }
}

function shiftSpan(span: Span, delta: number): Span {
  return { start: span.start + delta, end: span.end + delta };
}

function shiftMention(m: ActorMention, delta: number): ActorMention {
  return { start: m.start + delta, end: m.end + delta, actor: m.actor, text: m.text, via: m.via, articleIndex: m.articleIndex };
}

function shiftNames(names: ArticleNames, delta: number): ArticleNames {
  return { ...names, mentions: names.mentions.map((m) => shiftMention(m, delta)) };
}

function shiftQuote(quote: Quote, delta: number): Quote {
  const { attribution } = quote;
  return {
    ...quote,
    span: shiftSpan(quote.span, delta),
    outerSpan: shiftSpan(quote.outerSpan, delta),
    parts: quote.parts.map((p) => shiftSpan(p, delta)),
    ...(attribution ? { attribution: attribution.cue ? { ...attribution, cue: shiftSpan(attribution.cue, delta) } : attribution } : {}),
  };
}

function shiftProblem(problem: Problem, delta: number): Problem {
  return { ...problem, span: shiftSpan(problem.span, delta) };
}

function shiftAnalysis(analysis: ArticleAnalysis, delta: number): ArticleAnalysis {
  return {
    references: { ...analysis.references, mentions: analysis.references.mentions.map((m) => shiftMention(m, delta)) },
    quotes: analysis.quotes.map((q) => shiftQuote(q, delta)),
    problems: analysis.problems.map((p) => shiftProblem(p, delta)),
  };
}
