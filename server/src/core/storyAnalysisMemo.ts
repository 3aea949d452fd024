import { detachedCopy } from './detachedCopy';
import type { ActorMention, ArticleNames, DeclaredActor } from './actorFinder';
import type { Article, Problem, Span } from './model';
import type { ArticleAnalysis, Quote } from './storyAnalyzer';

interface Entry<T> {
  /** Where the article started when `value` was worked out: its offsets are shifted by the difference. */
  readonly base: number;
  readonly value: T;
  /** What the value read of the rest of the story (see `storyKnowledgeFor`). */
  readonly knowledge: string;
}

/**
 * One story's per-article results from its previous analysis, so that after an edit only the edited
 * article is read again. An article's results depend on its own text and index, the declared actors
 * and, for the second pass, on the part of what the whole story knows of its actors that the article
 * reads (`storyKnowledgeFor`); an article moved by an edit before it is reused with its offsets shifted.
 * Each analysis keeps only what it used, so the memo never holds more than two versions of the story.
 */
export class StoryAnalysisMemo {
  private declared: readonly DeclaredActor[] | undefined;
  private namesBefore = new Map<string, Entry<ArticleNames>>();
  private namesNow = new Map<string, Entry<ArticleNames>>();
  private articlesBefore = new Map<string, Entry<ArticleAnalysis>>();
  private articlesNow = new Map<string, Entry<ArticleAnalysis>>();

  /** Starts an analysis; other declared actors make everything remembered useless. */
  begin(declared: readonly DeclaredActor[]): void {
    if (declared === this.declared) return;
    this.declared = declared;
    this.namesBefore.clear();
    this.articlesBefore.clear();
  }

  /** What an article's results are remembered by: its index and its text (made once per analysis). */
  static keyOf(text: string, article: Article): string {
    return `${article.index}\u0000${text.slice(article.span.start, article.span.end)}`;
  }

  names(key: string, article: Article, read: () => ArticleNames): ArticleNames {
    return this.lookup(this.namesBefore, this.namesNow, key, article, '', read, shiftNames);
  }

  article(key: string, article: Article, knowledge: string, read: () => ArticleAnalysis): ArticleAnalysis {
    return this.lookup(this.articlesBefore, this.articlesNow, key, article, knowledge, read, shiftAnalysis);
  }

  finish(): void {
    this.namesBefore = this.namesNow;
    this.namesNow = new Map();
    this.articlesBefore = this.articlesNow;
    this.articlesNow = new Map();
  }

  private lookup<T>(
    before: Map<string, Entry<T>>,
    now: Map<string, Entry<T>>,
    key: string,
    article: Article,
    knowledge: string,
    read: () => T,
    shift: (value: T, delta: number) => T,
  ): T {
    const base = article.span.start;
    let entry = now.get(key) ?? before.get(key);
    if (!entry || entry.knowledge !== knowledge) entry = { base, value: detachedCopy(read()), knowledge };
    else if (entry.base !== base) entry = { base, value: shift(entry.value, base - entry.base), knowledge };
    now.set(key, entry);
    return entry.value;
  }
}

function shiftSpan<T extends Span>(span: T, delta: number): T {
  return { ...span, start: span.start + delta, end: span.end + delta };
}

function shiftMention(mention: ActorMention, delta: number): ActorMention {
  return shiftSpan(mention, delta);
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
