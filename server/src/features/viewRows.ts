import type { Article } from '../core/model';
import type { IndexedDocument, QuoteRef, VariantGroup, WorkspaceIndex } from '../core/workspaceIndex';
import {
  MAX_PAGE,
  type ActorKind,
  type ActorMentionsParams,
  type ActorRowsParams,
  type ActorRowsResult,
  type ArticleRow,
  type ArticleRowsParams,
  type GroupItem,
  type GroupParams,
  type GroupRow,
  type GroupRowsResult,
  type MentionRow,
  type Page,
  type PageParams,
  type QuoteItem,
  type QuotePageParams,
  type ScopeParams,
  type SourceRow,
  type SpeakerRow,
} from '../protocol';
import { quoteItem, quotesIn, storyGroups } from './views';
import { quoteLocation, rangeOf } from './lookup';
import { groupItem, groupSummary } from './variantView';
import { actorsInOrder, byLocale, countsOf, speakersInOrder, WorkspaceTallies } from './viewTallies';

const KINDS: readonly ActorKind[] = ['person', 'organization', 'country', 'place'];
/** Counts of one scope, as the Actors view and the Quotes view by speaker show them. */
interface ScopeCounts {
  actors(): readonly string[];
  speakers(): ReadonlyArray<string | null>;
  mentions(name: string): number;
  quotes(speaker: string | null): number;
  sourceCount(speaker: string): number;
}

/** Lists of quotes kept for paging through them (one per filter, the latest). */
const QUOTE_LISTS_KEPT = 8;

/**
 * The rows of the views' trees (and of Go to Quote, the pickers), a page at a time. What a page is cut
 * from is kept: the workspace's counts of mentions and quotes document by document (`WorkspaceTallies`),
 * the quotes of the latest filters and the articles of the latest sources until the index changes, and
 * the groups by the index itself; so a page of a list of the whole workspace costs the page.
 */
export class ViewRows {
  private readonly tallies: WorkspaceTallies;
  private readonly quoteLists = new Map<string, readonly QuoteRef[]>();
  /** The latest search (Go to Quote): the next keystroke narrows it. */
  private lastSearch: { filterKey: string; query: string; refs: readonly QuoteRef[] } | undefined;
  private readonly articleLists = new Map<string, ReadonlyArray<{ doc: IndexedDocument; article: Article }>>();

  constructor(private readonly index: WorkspaceIndex) {
    this.tallies = new WorkspaceTallies(index);
    index.onDidUpdate(() => this.forget());
  }

  /** Works out the workspace's counts, `documents` changed documents at a time; true when done (idle time). */
  prepare(documents: number): boolean {
    return this.tallies.prepare(documents);
  }

  /** Drops every list worked out; the next page works it out again. */
  forget(): void {
    this.quoteLists.clear();
    this.lastSearch = undefined;
    this.articleLists.clear();
  }

  groupRows(params: ScopeParams & PageParams): GroupRowsResult {
    const { uri } = params;
    const ungroupedQuotes = uri === undefined ? this.tallies.quoteTotal() - this.index.groupedQuoteCount() : this.countUngrouped(uri);
    if (uri !== undefined) return { ...pageOf(storyGroups(this.index, uri), params, (g) => this.groupRow(g)), ungroupedQuotes };
    // Over the workspace, only the groups of the page are built.
    const total = this.index.variantGroupSlice(0, 0).total;
    const { offset, limit } = pageBounds(params, total);
    return { items: this.index.variantGroupSlice(offset, limit).groups.map((g) => this.groupRow(g)), total, ungroupedQuotes };
  }

  /** The group `id`, else (after a rebuild gave it another id) the group of its root quote, rooted there first. */
  group(params: GroupParams): GroupItem | null {
    const withDiffs = params.withDiffs !== false;
    // An id is `g:` and its root's key.
    const byId = params.id.startsWith('g:') ? this.index.groupsOf(params.id.slice(2)) : [];
    const byRoot = params.rootKey === undefined ? [] : this.index.groupsOf(params.rootKey);
    const found = byId.find((g) => g.id === params.id) ?? byRoot.find((g) => g.rootKey === params.rootKey) ?? byRoot[0];
    return found ? groupItem(this.index, found, withDiffs) : null;
  }

  quotePage(params: QuotePageParams): Page<QuoteItem> {
    return pageOf(this.quotesMatching(params), params, (ref) => quoteItem(this.index, ref));
  }

  speakerRows(params: ScopeParams & PageParams): Page<SpeakerRow> {
    const counts = this.countsIn(params.uri);
    return pageOf(counts.speakers(), params, (speaker) => ({ speaker, quoteCount: counts.quotes(speaker) }));
  }

  actorRows(params: ActorRowsParams): ActorRowsResult {
    const counts = this.countsIn(params.uri);
    const kinds = Object.fromEntries(KINDS.map((kind) => [kind, 0])) as Record<ActorKind, number>;
    // Every actor's kind, but the rest of an actor's record (its forms in every story) only for the page.
    const ofKind: string[] = [];
    for (const name of counts.actors()) {
      const kind = this.index.actorKind(name);
      if (kind === undefined) continue;
      kinds[kind]++;
      if (params.kind === undefined || kind === params.kind) ofKind.push(name);
    }
    const page = pageOf(ofKind, params, (name) => {
      const actor = this.index.actor(name)!;
      return {
        name,
        kind: actor.kind,
        declared: actor.declared,
        aliases: [...actor.aliases],
        quoteCount: counts.quotes(name),
        sourceCount: counts.sourceCount(name),
        mentionCount: counts.mentions(name),
      };
    });
    return { ...page, kinds };
  }

  actorMentions(params: ActorMentionsParams): Page<MentionRow> {
    const docs = params.uri === undefined ? this.index.documentsNaming(params.name) : [this.index.get(params.uri)].filter((d) => d !== undefined);
    const found: Array<{ doc: IndexedDocument; row: number }> = [];
    for (const doc of docs) {
      const table = doc.analysis.mentions;
      for (let row = 0; row < table.length; row++) if (table.actor(row) === params.name) found.push({ doc, row });
    }
    return pageOf(found, params, ({ doc, row }) => {
      const table = doc.analysis.mentions;
      return { uri: doc.uri, range: rangeOf(doc, { start: table.start(row), end: table.end(row) }), text: table.text(row) };
    });
  }

  sourceRows(params: ScopeParams & PageParams): Page<SourceRow> {
    const counts = params.uri === undefined ? this.index.articlesPerSource() : countSources(this.index.get(params.uri));
    const rows = [...counts].map(([source, articleCount]) => ({ source, articleCount })).sort((a, b) => byLocale(a.source, b.source));
    return pageOf(rows, params, (row) => row);
  }

  articleRows(params: ArticleRowsParams): Page<ArticleRow> {
    const listKey = JSON.stringify([params.uri ?? null, params.source]);
    let articles = this.articleLists.get(listKey);
    if (!articles) {
      const docs = params.uri === undefined ? this.index.documents() : [this.index.get(params.uri)].filter((d) => d !== undefined);
      articles = docs.flatMap((doc) => doc.story.articles.filter((a) => a.source === params.source).map((article) => ({ doc, article })));
      keepLatest(this.articleLists, listKey, articles);
    }
    return pageOf(articles, params, ({ doc, article }) => ({
      uri: doc.uri,
      index: article.index,
      range: rangeOf(doc, article.span),
      title: article.title ?? null,
      date: article.date ?? null,
      quoteCount: doc.analysis.quotes.reduce((n, q) => (q.articleIndex === article.index ? n + 1 : n), 0),
    }));
  }

  /** The counts of mentions and quotes in a scope: the workspace's kept up to date, one story's worked out. */
  private countsIn(scope: string | undefined): ScopeCounts {
    if (scope === undefined) {
      const t = this.tallies;
      return { actors: () => t.actorsInOrder(), speakers: () => t.speakersInOrder(), mentions: (n) => t.mentions(n), quotes: (s) => t.quotes(s), sourceCount: (s) => t.sourceCount(s) };
    }
    const doc = this.index.get(scope);
    const tally = doc ? countsOf(doc) : { mentions: new Map<string, number>(), quotes: new Map<string | null, number>(), sources: new Map<string, Map<string, number>>() };
    return {
      actors: () => actorsInOrder(tally.mentions, tally.quotes),
      speakers: () => speakersInOrder(tally.quotes),
      mentions: (name) => tally.mentions.get(name) ?? 0,
      quotes: (speaker) => tally.quotes.get(speaker) ?? 0,
      sourceCount: (speaker) => tally.sources.get(speaker)?.size ?? 0,
    };
  }

  private countUngrouped(scope: string): number {
    const grouped = this.groupedTest(scope);
    return quotesIn(this.index, scope).reduce((n, ref) => (grouped(ref) ? n : n + 1), 0);
  }

  private groupRow(group: VariantGroup): GroupRow {
    return {
      id: group.id,
      label: group.label,
      rootKey: group.rootKey,
      summary: groupSummary(this.index, group),
      root: quoteLocation(this.index, this.index.quote(group.rootKey)!),
      memberCount: group.members.length,
      negationChanged: group.members.some((m) => m.comparison.negationChanged),
    };
  }

  /**
   * A test of whether a quote is in a variant group. Over the whole workspace every group is made
   * anyway; one story's quotes are looked up one by one, so that its view does not make the workspace's groups.
   */
  private groupedTest(scope: string | undefined): (ref: QuoteRef) => boolean {
    if (scope !== undefined) return (ref) => this.index.groupsOf(ref.key).length > 0;
    const test = this.index.groupedTest();
    return (ref) => test(ref.key);
  }

  private quotesMatching(params: QuotePageParams): readonly QuoteRef[] {
    const { uri, speaker, ungrouped, articleIndex } = params;
    const query = typeof params.query === 'string' ? searchQuery(params.query) : '';
    const filterKey = JSON.stringify([uri ?? null, speaker === undefined ? 0 : speaker, ungrouped === true, uri === undefined ? null : (articleIndex ?? null)]);
    const listKey = `${filterKey}${query}`;
    const known = this.quoteLists.get(listKey);
    if (known) return known;
    if (query !== '') {
      // Typing on: the quotes that match the longer query are among those that matched its start.
      const earlier = this.lastSearch?.filterKey === filterKey && query.startsWith(this.lastSearch.query) ? this.lastSearch.refs : this.quotesMatching({ ...params, query: '' });
      const words = query.split(' ').map(wordPattern);
      const refs = earlier.filter((ref) => {
        const { text, speaker: by, articleIndex: at } = ref.quote;
        return words.every((word) => word.test(text) || (by !== null && word.test(by)) || word.test(this.index.get(ref.uri)!.story.articles[at]!.source));
      });
      this.lastSearch = { filterKey, query, refs };
      keepLatest(this.quoteLists, listKey, refs);
      return refs;
    }
    // A speaker's quotes over the workspace are kept by the index, found through the documents that quote them.
    let refs: readonly QuoteRef[] = typeof speaker === 'string' && uri === undefined ? this.index.quotesBy(speaker) : quotesIn(this.index, uri);
    if (speaker !== undefined) refs = refs.filter((ref) => ref.quote.speaker === speaker);
    if (uri !== undefined && articleIndex !== undefined) refs = refs.filter((ref) => ref.quote.articleIndex === articleIndex);
    if (ungrouped) {
      const grouped = this.groupedTest(uri);
      refs = refs.filter((ref) => !grouped(ref));
    }
    keepLatest(this.quoteLists, listKey, refs);
    return refs;
  }
}

/** The rows `params` asks for, made by `make`; a negative, fractional or missing offset or limit is read as the nearest sensible one. */
export function pageOf<T, R>(all: readonly T[], params: PageParams, make: (item: T) => R): Page<R> {
  const { offset, limit } = pageBounds(params, all.length);
  return { items: all.slice(offset, offset + limit).map(make), total: all.length };
}

/** The offset and limit of a page of a list of `total` rows; `otherwise` when no limit is given. */
export function pageBounds(params: PageParams, total: number, otherwise = MAX_PAGE): { offset: number; limit: number } {
  return { offset: wholeNumber(params.offset, 0, total, 0), limit: params.limit === undefined ? otherwise : wholeNumber(params.limit, 0, MAX_PAGE, MAX_PAGE) };
}

function wholeNumber(value: unknown, min: number, max: number, otherwise: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return otherwise;
  return Math.min(max, Math.max(min, Math.floor(value)));
}

/** Words searched at most, and characters of a word: a page pasted into Go to Quote is not 10,000 searches. */
const MAX_SEARCH_WORDS = 16;
const MAX_SEARCH_WORD = 100;

/** A search as its words, one space apart (at most MAX_SEARCH_WORDS, each at most MAX_SEARCH_WORD characters). */
function searchQuery(query: string): string {
  return query
    .trim()
    .split(/\s+/u)
    .filter((word) => word.length > 0)
    .slice(0, MAX_SEARCH_WORDS)
    .map((word) => word.slice(0, MAX_SEARCH_WORD))
    .join(' ');
}

/**
 * A word of a search as a pattern: in any case, and an apostrophe stands for any ("let's" finds
 * “let’s”). Tested on each quote's own strings, nothing copied or lowered (95,000 quotes per keystroke).
 */
function wordPattern(word: string): RegExp {
  const escaped = word.replace(/[\\^$.*+?()[\]{}|]/gu, '\\$&').replace(/['’‘ʼ]/gu, "['’‘ʼ]");
  return new RegExp(escaped, 'iu');
}

function countSources(doc: IndexedDocument | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  for (const article of doc?.story.articles ?? []) counts.set(article.source, (counts.get(article.source) ?? 0) + 1);
  return counts;
}

function keepLatest<V>(map: Map<string, V>, key: string, value: V): void {
  map.set(key, value);
  if (map.size > QUOTE_LISTS_KEPT) map.delete(map.keys().next().value!);
}
