import {
  Interned,
  actorsOf,
  declaredLexicon,
  findArticleNames,
  findArticleReferences,
  mergeStoryNames,
  storyKnowledgeFor,
  storyNamesKey,
  tokenizeParagraphs,
  type ActorFindings,
  type ActorInfo,
  type ActorMention,
  type ArticleNames,
  type ArticleReferences,
  type DeclaredActor,
  type StoryNames,
} from './actorFinder';
import { attribute, isPersonalPronoun, reportsSpeech, sentenceSubject, type Attribution, type FrameItem, type Salience, type Sentence } from './attribution';
import { ProblemCode, type Annotation, type Article, type Problem, type Span, type Story } from './model';
import { quoteId } from './quoteIds';
import { allSteps } from './steps';
import { quoteKind, type QuoteKind } from './quoteKind';
import { isHardWrapped, scanQuotes, type ScannedQuote } from './quoteScanner';
import { endWithoutSpace, holdsAny, holdsAnyBetween } from './lines';
import { inClass, isUpperCaseUnit, normalizedWords, tokenize, type Token } from './tokens';
import { StoryAnalysisMemo } from './storyAnalysisMemo';
import { MentionTable } from './mentionTable';
import { REPORTING_VERB } from './vocabulary';

export interface Quote {
  /** Unique within the story: `a<article>q<n>`. */
  readonly id: string;
  readonly articleIndex: number;
  /** The quoted words, from the first to the last (without the outer marks). */
  readonly span: Span;
  /** With the marks. */
  readonly outerSpan: Span;
  readonly parts: readonly Span[];
  /** The quoted words exactly as written; parts over several paragraphs are joined with the break. */
  readonly text: string;
  readonly kind: QuoteKind;
  readonly speaker: string | null;
  readonly attribution?: Attribution;
  /** Id of the quotation this one is nested in. */
  readonly parentId?: string;
  readonly closed: boolean;
}

export interface StoryAnalysis {
  readonly story: Story;
  readonly quotes: readonly Quote[];
  /** Quotes an `@ignore` annotation removed; kept so the editor can still show them greyed out. */
  readonly ignoredQuotes: readonly Quote[];
  readonly actors: ActorFindings['actors'];
  readonly mentions: MentionTable;
  readonly problems: readonly Problem[];
}

/**
 * Finds the quotations of every article of a story, classifies them, and attributes each to its speaker.
 * `declared` are the actors declared anywhere in the workspace. With a memo from the story's previous
 * version, only the articles an edit touched are read again (unless the edit changed what the story
 * knows about its actors); the result is the same as without it.
 */
export function analyzeStory(story: Story, declared: readonly DeclaredActor[], memo?: StoryAnalysisMemo): StoryAnalysis {
  return allSteps(analyzeStoryInSteps(story, declared, memo));
}

/**
 * `analyzeStory`, paused after each article it reads (an article the memo answers for takes no step), so
 * that a caller can answer other requests in between. An analysis left unfinished changes nothing: the
 * memo's next analysis starts over from its last finished one.
 */
export function* analyzeStoryInSteps(story: Story, declared: readonly DeclaredActor[], memo?: StoryAnalysisMemo): Generator<void, StoryAnalysis, void> {
  const text = story.text;
  const lexicon = declaredLexicon(declared);
  const analysis = memo?.begin(declared, text) ?? 0;
  // Another analysis with the same memo, begun while this one was paused, took it over: this one goes on without.
  const memoNow = (): StoryAnalysisMemo | undefined => (memo?.serves(analysis) ? memo : undefined);
  // Both actor passes read the same words; an article the memo answers for is never tokenized.
  const tokens: Array<Token[][] | undefined> = [];
  const tokensOf = (article: Article): Token[][] => (tokens[article.index] ??= tokenizeParagraphs(text, article));
  const interned = new Interned();
  let read = false;
  const names: ArticleNames[] = [];
  for (const article of story.articles) {
    const readNames = (): ArticleNames => ((read = true), findArticleNames(text, article, lexicon, tokensOf(article), interned));
    names.push(memoNow()?.names(article, readNames) ?? readNames());
    if (read) yield;
    read = false;
  }
  const storyNames = mergeStoryNames(names, lexicon);
  memoNow()?.storyNames(storyNamesKey(storyNames));
  const problems: Problem[] = [...story.problems];
  const quotes: Quote[] = [];
  const references: ArticleReferences[] = [];
  for (let i = 0; i < story.articles.length; i++) {
    const article = story.articles[i]!;
    const own = names[i]!;
    const readArticle = (): ArticleAnalysis => ((read = true), analyzeArticle(story, article, own, storyNames, tokensOf(article), interned));
    const result = memoNow()?.article(article, () => storyKnowledgeFor(own, storyNames), readArticle) ?? readArticle();
    problems.push(...result.problems);
    quotes.push(...result.quotes);
    references.push(result.references);
    // Its words are read by no later article: let them go now rather than with the whole story's.
    tokens[article.index] = undefined;
    if (read) yield;
    read = false;
  }
  memoNow()?.finish();

  const { kept, ignored } = applyAnnotations(story, quotes, declared, problems);
  // The story's own map when no reference added an actor (it is this analysis's alone): not a copy per document.
  const actors = references.some((r) => r.created.length > 0) ? actorsOf(storyNames, references) : storyNames.actors;
  return { story, quotes: kept.slice(), ignoredQuotes: ignored, actors, mentions: MentionTable.of(references.flatMap((r) => r.mentions)), problems };
}

/** One article's share of a story's analysis. */
export interface ArticleAnalysis {
  readonly references: ArticleReferences;
  readonly quotes: readonly Quote[];
  readonly problems: readonly Problem[];
}

function analyzeArticle(story: Story, article: Article, names: ArticleNames, storyNames: StoryNames, paragraphTokens: Token[][], interned: Interned): ArticleAnalysis {
  const references = findArticleReferences(story.text, article, names, storyNames, paragraphTokens, interned);
  const actors = references.created.length > 0 ? actorsOf(storyNames, [references]) : storyNames.actors;
  const scanned = scanQuotes(story.text, article.paragraphs, { hardWrapped: isHardWrapped(story.text, article.paragraphs) });
  const words = new ArticleWords(story.text, joined(paragraphTokens), references.mentions);
  return { references, quotes: readQuotes(story, article, scanned.quotes, actors, words), problems: scanned.problems };
}

/** The lists one after the other (`flat()` is many times slower). */
function joined<T>(lists: readonly (readonly T[])[]): T[] {
  let length = 0;
  for (const list of lists) length += list.length;
  const out = new Array<T>(length);
  let k = 0;
  for (const list of lists) for (let i = 0; i < list.length; i++) out[k++] = list[i]!;
  return out;
}

function readQuotes(
  story: Story,
  article: Article,
  scanned: readonly ScannedQuote[],
  actors: ReadonlyMap<string, ActorInfo>,
  words: ArticleWords,
): Quote[] {
  const text = story.text;
  const salience: Salience = {};
  const results: Quote[] = [];
  const ids = scanned.map((_, n) => quoteId(article.index, n));
  const byIndex = new Map<number, Quote>();

  const texts: string[] = [];
  const quoteText = (q: ScannedQuote, index: number): string => {
    let out = texts[index];
    if (out !== undefined) return out;
    out = '';
    for (let i = 0; i < q.parts.length; i++) {
      const part = q.parts[i]!;
      if (i > 0) out += text.slice(q.parts[i - 1]!.end, part.start - 1);
      out += text.slice(part.start, part.end);
    }
    return (texts[index] = out);
  };

  // Quotations are read in order of their scopes: top-level quotes paragraph by paragraph, nested ones
  // inside their parent's words.
  const topLevel = scanned.map((q, i) => ({ q, i })).filter(({ q }) => q.parent === undefined);
  let next = 0;
  for (const block of paragraphBlocks(article.paragraphs, topLevel.map(({ q }) => q))) {
    // Quotes come in text order, so each block takes the next run of them.
    while (next < topLevel.length && topLevel[next]!.q.open < block.start) next++;
    const first = next;
    // The text after the last quotation tells no later quotation anything (salience only looks back).
    if (first === topLevel.length) break;
    while (next < topLevel.length && topLevel[next]!.q.open < block.end) next++;
    const inBlock = topLevel.slice(first, next);
    const sentences = buildSentences(text, block, inBlock.map(({ q, i }) => ({ index: i, span: { start: q.open, end: q.end }, quoted: quoteText(q, i) })), words);
    for (const sentence of sentences) {
      let hasVerb: boolean | undefined;
      for (let at = 0; at < sentence.items.length; at++) {
        const item = sentence.items[at]!;
        if (item.type !== 'quote') continue;
        hasVerb ??= hasReportingVerb(sentence.items);
        const q = scanned[item.quote]!;
        const quoted = quoteText(q, item.quote);
        const before = frameTextBefore(text, sentence, item);
        const kind = quoteKind(quoted, before, hasVerb);
        const attribution = kind === 'name' ? undefined : attribute(sentence, item.quote, salience, actors, at);
        // An unattributed quotation breaks the chain: the next lone quotation must not skip back past it.
        if (kind !== 'name') salience.lastSpeaker = attribution?.speaker;
        const quote: Quote = {
          id: ids[item.quote]!,
          articleIndex: article.index,
          span: quoteSpan(q),
          outerSpan: { start: q.open, end: q.end },
          parts: q.parts,
          text: quoted,
          kind,
          speaker: attribution?.speaker ?? null,
          closed: q.closed,
          ...(attribution ? { attribution } : {}),
        };
        byIndex.set(item.quote, quote);
      }
      const subject = sentenceSubject(sentence, salience, actors);
      if (subject) salience.lastSubject = subject;
      salience.lastSentenceReported = reportsSpeech(sentence);
    }
  }

  // Nested quotations: their kind from the words around them inside the parent, their speaker the parent's.
  scanned.forEach((q, i) => {
    if (q.parent === undefined) return;
    let parentIndex: number | undefined = q.parent;
    let parent = byIndex.get(parentIndex);
    // Parents always come before their children; the bound guards against a cycle all the same.
    for (let hops = 0; !parent && parentIndex !== undefined && hops < scanned.length; hops++) {
      parentIndex = scanned[parentIndex]!.parent;
      parent = parentIndex !== undefined ? byIndex.get(parentIndex) : undefined;
    }
    const quoted = quoteText(q, i);
    const enclosing = scanned[q.parent]!;
    const before = text.slice(Math.max(enclosing.parts[0]!.start, q.open - 200), q.open);
    const lastBreak = Math.max(before.lastIndexOf('. '), before.lastIndexOf('? '), before.lastIndexOf('! '));
    const kind = quoteKind(quoted, lastBreak >= 0 ? before.slice(lastBreak + 2) : before, true);
    const attribution: Attribution | undefined = parent?.speaker ? { speaker: parent.speaker, method: 'nested' } : undefined;
    byIndex.set(i, {
      id: ids[i]!,
      articleIndex: article.index,
          span: quoteSpan(q),
      outerSpan: { start: q.open, end: q.end },
      parts: q.parts,
      text: quoted,
      kind: kind === 'name' ? 'name' : kind,
      speaker: kind === 'name' ? null : (attribution?.speaker ?? null),
      closed: q.closed,
      parentId: ids[q.parent]!,
      ...(attribution && kind !== 'name' ? { attribution } : {}),
    });
  });

  for (let i = 0; i < scanned.length; i++) {
    const quote = byIndex.get(i);
    if (quote) results.push(quote);
  }
  // Of its own length: the memo keeps it.
  return results.slice();
}

/** From the first quoted word to the last: a quote of one part shares that part's span. */
function quoteSpan(q: ScannedQuote): Span {
  return q.parts.length === 1 ? q.parts[0]! : { start: q.parts[0]!.start, end: q.parts[q.parts.length - 1]!.end };
}

/** Paragraphs, joined where a quotation continues from one into the next, so its cue is read with it. */
function paragraphBlocks(paragraphs: readonly Span[], quotes: readonly ScannedQuote[]): Span[] {
  const blocks: Span[] = [];
  let current: Span | undefined;
  // The furthest end of the quotations opened so far (quotes come in text order).
  let q = 0;
  let reach = -1;
  for (const p of paragraphs) {
    while (current && q < quotes.length && quotes[q]!.open < current.end) reach = Math.max(reach, quotes[q++]!.end);
    if (current && reach > current.end) current = { start: current.start, end: p.end };
    else {
      if (current) blocks.push(current);
      current = { ...p };
    }
  }
  if (current) blocks.push(current);
  return blocks;
}

/** Splits a paragraph, seen from outside its quotations, into sentences of words and quotations. */
function buildSentences(text: string, paragraph: Span, quotes: ReadonlyArray<{ index: number; span: Span; quoted: string }>, words: ArticleWords): Sentence[] {
  const items: FrameItem[] = [];
  let cursor = paragraph.start;
  for (const q of quotes) {
    words.pushItems(items, cursor, q.span.start);
    items.push({ type: 'quote', quote: q.index, span: q.span, endsSentence: endsWithStop(q.quoted) });
    cursor = q.span.end;
  }
  words.pushItems(items, cursor, paragraph.end);

  const sentences: Sentence[] = [];
  let first = 0;
  for (let i = 0; i + 1 < items.length; i++) {
    if (!endsSentenceAt(text, items, i)) continue;
    sentences.push({ items: items.slice(first, i + 1) });
    first = i + 1;
  }
  if (first < items.length) sentences.push({ items: first === 0 ? items : items.slice(first) });
  return sentences;
}

/** Whether the sentence ends after `items[i]` (one item follows it at least). */
function endsSentenceAt(text: string, items: readonly FrameItem[], i: number): boolean {
  const item = items[i]!;
  const next = items[i + 1]!;
  const nextStartsSentence = next.type === 'quote' || next.token.capitalized;
  if (item.type === 'word') return holdsAny(item.token.after, '.!?') && nextStartsSentence && !isInitial(item.token.text);
  const cueFollows = next.type === 'word' && (next.mention !== undefined || next.pronoun === true) && items[i + 2]?.type === 'word';
  return (item.endsSentence && nextStartsSentence && !cueFollows) || holdsAnyBetween(text, item.span.end, next.type === 'word' ? next.token.start : next.span.start, '.!?');
}

/** A word ending in a capital letter and a dot ("J.", "U.S."): an initial, after which a sentence goes on. */
function isInitial(word: string): boolean {
  return word.length >= 2 && word.charCodeAt(word.length - 1) === 46 /* . */ && isUpperCaseUnit(word.charCodeAt(word.length - 2));
}

/** Whether quoted words end with a stop, perhaps followed by white space (/[.!?…]\s*$/). */
function endsWithStop(quoted: string): boolean {
  const end = endWithoutSpace(quoted);
  return end > 0 && '.!?…'.includes(quoted[end - 1]!);
}

function hasReportingVerb(items: readonly FrameItem[]): boolean {
  for (const it of items) if (it.type === 'word' && it.reporting) return true;
  return false;
}

/**
 * The words of an article's paragraphs, seen as the items of its sentences: taken from the paragraphs'
 * tokens (the actor passes made them already) rather than tokenized again, with the mention each word is
 * part of. A stretch's last word takes only the punctuation before the stretch's end; a stretch that
 * cuts a word is tokenized anew.
 */
class ArticleWords {
  /** Mentions are looked for mostly in text order: where the last search ended. */
  private mentionAt = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: readonly Token[],
    /** Sorted, never overlapping. */
    private readonly mentions: readonly ActorMention[],
  ) {}

  /** Adds to `items` the words from `from` to before `to`. */
  pushItems(items: FrameItem[], from: number, to: number): void {
    if (to <= from) return;
    const tokens = this.tokens;
    const low = this.firstStartingAt(from);
    let high = low;
    while (high < tokens.length && tokens[high]!.start < to) high++;
    // Only the first word can start before the stretch, and only the last end past it.
    if ((low > 0 && tokens[low - 1]!.end > from) || (high > low && tokens[high - 1]!.end > to)) {
      for (const token of tokenize(this.text, { start: from, end: to })) this.pushWord(items, token);
      return;
    }
    for (let k = low; k < high; k++) {
      const token = tokens[k]!;
      this.pushWord(items, token.end + token.after.length > to ? tokenEndingAt(token, token.end, token.after.slice(0, to - token.end)) : token);
    }
  }

  private pushWord(items: FrameItem[], token: Token): void {
    const mention = this.mentionCovering(token.start);
    // A name of several words ("the union boss", "Iran's UN mission") is one item, taking the last word's punctuation.
    const last = items[items.length - 1];
    if (mention && last?.type === 'word' && last.mention === mention) {
      items[items.length - 1] = { type: 'word', token: tokenEndingAt(last.token, token.end, token.after), mention, pronoun: last.pronoun, reporting: last.reporting };
      return;
    }
    items.push({ type: 'word', token, mention, pronoun: isPersonalPronoun(token), reporting: inClass(token, REPORTING_VERB) });
  }

  /** Index of the first token starting at or after `offset`, by binary search. */
  private firstStartingAt(offset: number): number {
    let low = 0;
    let high = this.tokens.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.tokens[mid]!.start < offset) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** The mention that covers an offset, if any. */
  private mentionCovering(offset: number): ActorMention | undefined {
    const mentions = this.mentions;
    if (this.mentionAt > 0 && mentions[this.mentionAt - 1]!.end > offset) this.mentionAt = 0;
    // Mentions are sorted and never overlap: their ends are sorted too.
    while (this.mentionAt < mentions.length && mentions[this.mentionAt]!.end <= offset) this.mentionAt++;
    const m = mentions[this.mentionAt];
    return m !== undefined && m.start <= offset ? m : undefined;
  }
}

/** A token cut or stretched to end at `end`, with `after` after it (written out: spreading objects is slow). */
function tokenEndingAt(token: Token, end: number, after: string): Token {
  return { start: token.start, end, text: token.text, lower: token.lower, capitalized: token.capitalized, possessive: token.possessive, classes: token.classes, after };
}

/** The sentence's text before a quotation: only its last stretch matters (the words right before it). */
function frameTextBefore(text: string, sentence: Sentence, item: FrameItem & { type: 'quote' }): string {
  const first = sentence.items[0]!;
  if (first === item) return '';
  const start = first.type === 'word' ? first.token.start : first.span.start;
  return text.slice(Math.max(start, item.span.start - 200), item.span.start);
}

/** Applies `@speaker` and `@ignore`; an anchor that matches nothing is reported, never moved elsewhere. */
function applyAnnotations(story: Story, quotes: Quote[], declared: readonly DeclaredActor[], problems: Problem[]): { kept: Quote[]; ignored: Quote[] } {
  const ignoredIds = new Set<string>();
  const speakerOf = new Map<string, { speaker: string; cue: Span }>();
  const scoped: Array<{ annotation: Annotation; articleIndex?: number }> = [
    ...story.annotations.map((annotation) => ({ annotation })),
    ...story.articles.flatMap((a) => a.annotations.map((annotation) => ({ annotation, articleIndex: a.index }))),
  ];
  for (const { annotation, articleIndex } of scoped) {
    if (annotation.type === 'actor') continue;
    const candidates = quotes.filter((q) => articleIndex === undefined || q.articleIndex === articleIndex);
    const wanted = normalizedWords(annotation.anchor.words).join(' ');
    let matches = candidates.filter((q) => normalizedWords(q.text).join(' ') === wanted);
    if (matches.length === 0) matches = candidates.filter((q) => ` ${normalizedWords(q.text).join(' ')} `.includes(` ${wanted} `));
    const occurrence = annotation.anchor.occurrence;
    let target: Quote | undefined;
    if (matches.length === 0 || (occurrence !== undefined && occurrence > matches.length)) {
      problems.push({
        code: ProblemCode.StaleAnnotation,
        message: `No quotation ${articleIndex === undefined ? 'in this story' : 'in this article'} has the words "${annotation.anchor.words}"${occurrence ? ` a ${ordinal(occurrence)} time` : ''}: the annotation applies to nothing until the words are back.`,
        span: annotation.span,
        severity: 'warning',
      });
      continue;
    }
    if (occurrence !== undefined) target = matches[occurrence - 1];
    else if (matches.length === 1) target = matches[0];
    else {
      problems.push({
        code: ProblemCode.AmbiguousAnnotation,
        message: `${matches.length} quotations have the words "${annotation.anchor.words}": add #1 to #${matches.length} to say which one.`,
        span: annotation.span,
        severity: 'warning',
      });
      continue;
    }
    if (!target) continue;
    if (annotation.type === 'ignore') ignoredIds.add(target.id);
    else speakerOf.set(target.id, { speaker: annotation.speaker, cue: annotation.span });
  }
  const kept: Quote[] = [];
  const ignored: Quote[] = [];
  for (const q of quotes) {
    const annotated = speakerOf.get(q.id) ?? (q.parentId ? speakerOf.get(q.parentId) : undefined);
    // A speaker may be named by any alias the user declared; the quote gets the canonical name.
    const name = annotated ? (declared.find((d) => d.name === annotated.speaker || d.aliases.includes(annotated.speaker))?.name ?? annotated.speaker) : undefined;
    const updated: Quote = annotated && name ? { ...q, speaker: name, attribution: { speaker: name, method: 'annotation', cue: annotated.cue } } : q;
    (ignoredIds.has(q.id) ? ignored : kept).push(updated);
  }
  return { kept, ignored };
}

function ordinal(n: number): string {
  return n === 1 ? '1st' : n === 2 ? '2nd' : n === 3 ? '3rd' : `${n}th`;
}
