import { declaredActorsOf, type ActorMention, type DeclaredActor } from './actorFinder';
import { LineIndex } from './lineIndex';
import type { ActorKind, Article, Story } from './model';
import { analyzeStory, analyzeStoryInSteps, type Quote, type StoryAnalysis } from './storyAnalyzer';
import { StoryAnalysisMemo } from './storyAnalysisMemo';
import { compactDocument, isCompact, type TextCompactor } from './compactDocument';
import { detachStrings } from './detachedCopy';
import { allSteps } from './steps';
import { WorkspaceActors, type WorkspaceActor } from './workspaceActors';

export type { WorkspaceActor } from './workspaceActors';
import { parseStory } from './storyParser';
import { normalizedWords } from './tokens';
import { GroupingIndex } from './groupingIndex';
import { DEFAULT_GROUPING, type GroupableQuote, type GroupingOptions, type QuoteGroup } from './variantGrouper';
import { LazyVariantGroup } from './lazyVariantGroup';
import { LazyVariantMember, RootForComparison } from './lazyVariantMember';
import type { VariantComparison } from './variantType';

/** How many regrouped documents keep their quotes' normalized words. */
const RECENT_WORDS_KEPT = 4;

export interface IndexedDocument {
  readonly uri: string;
  readonly text: string;
  readonly story: Story;
  readonly analysis: StoryAnalysis;
  readonly lines: LineIndex;
}

/** A quote together with the document it is in; `key` is unique across the workspace. */
export interface QuoteRef {
  readonly key: string;
  readonly uri: string;
  readonly quote: Quote;
}

export interface VariantMember {
  readonly key: string;
  readonly comparison: VariantComparison;
  /** The member quotes the group's words inside a longer quotation that strings statements together. */
  readonly container: boolean;
}

export interface VariantGroup {
  /** Stable while the root quote stays: derived from the root's key. */
  readonly id: string;
  readonly label: string;
  readonly rootKey: string;
  readonly members: readonly VariantMember[];
}

/** An analysis kept from an earlier run (a persisted index), offered to `setDocuments`. */
export interface RestoredAnalysis {
  /** The analysis of the entry's text; its `story` is the text's parse, and becomes the document's. */
  readonly analysis: StoryAnalysis;
  /** The declared actors it was made under: `declaredActorsKey()` of the index it was taken from. */
  readonly declaredKey: string;
  /** The story's own declarations (`declaredActorsOf`), when known: then the story is not read for them. */
  readonly declares?: readonly DeclaredActor[];
}

export interface DocumentEntry {
  readonly uri: string;
  readonly text: string;
  readonly restored?: RestoredAnalysis;
}

export interface IndexOptions {
  readonly grouping?: GroupingOptions;
  /** Quotes of fewer words take no part in variant groups. */
  readonly minimumWords?: number;
}

/**
 * Every story of the workspace, analysed, with the cross-source variant groups. Documents are added,
 * changed and removed one at a time; derived data is rebuilt lazily, and after any sequence of changes
 * the index equals a fresh build over the same texts.
 */
export class WorkspaceIndex {
  private readonly docs = new Map<string, IndexedDocument>();
  private declaredKey = '';
  private declared: DeclaredActor[] = [];
  /** Each document's own declared actors, as JSON; documents that declare none are absent. */
  private readonly declaredOf = new Map<string, string>();
  private sortedUris: string[] | undefined;
  private groupsCache: VariantGroup[] | undefined;
  /** The grouper's state, kept across changes: an edit regroups only the wordings it touched. */
  private grouping: GroupingIndex | undefined;
  /** Documents whose quotes `grouping` has not been given yet. */
  private readonly groupingStale = new Set<string>();
  /** Counts the changes handed to `grouping`: a group built or checked since the last one is current. */
  private groupingChanges = 0;
  /** Bumped by every change to quotes or to the sources of articles (see `memberSources`). */
  private sourcesVersion = 0;
  private readonly memberSourcesOf = new WeakMap<VariantGroup, { version: number; sources: readonly string[] }>();
  /** Each group as built, with its members' texts then: a re-punctuated quote keeps its group, not its comparison. */
  private readonly variantOf = new WeakMap<QuoteGroup, BuiltGroup>();
  /** The last group built with each root, while it lives: its rebuild reuses the members that did not change. */
  private readonly builtByRoot = new Map<string, WeakRef<BuiltGroup>>();
  private builtByRootSwept = 0;
  private quoteCache: Map<string, QuoteRef> | undefined;
  private readonly workspaceActors = new WorkspaceActors();
  private sourcesCache: Set<string> | undefined;
  private readonly speakerCache = new Map<string, QuoteRef[]>();
  /** For each speaker, the documents that quote them (with how many quotes). */
  private readonly speakerUris = new Map<string, Map<string, number>>();
  private readonly sourceCounts = new Map<string, number>();
  private articles = 0;
  private quoteCount = 0;
  /**
   * Each document's quotes in order, kept up to date document by document; every quote's key string is
   * made once and shared. A quote is found through its document (`quote`): no map of every key is kept.
   */
  private readonly refsOf = new Map<string, readonly QuoteRef[]>();
  private lastQuoteUri = '';
  /** The quotes of a document with many, by id (a diagnostics run looks up every member of every group). */
  private readonly refsById = new WeakMap<readonly QuoteRef[], Map<string, QuoteRef>>();
  private readonly listeners = new Set<(uris: readonly string[]) => void>();
  /** The normalized words of the quotes of the documents regrouped last, by quote text (most recent last). */
  private readonly recentWords = new Map<string, Map<string, readonly string[]>>();
  /** Per-article results of each analysed document that is remembered (see `rememberOnly`): an edit re-reads one article. */
  private readonly memos = new Map<string, StoryAnalysisMemo>();
  private remembers: (uri: string) => boolean = () => true;
  /** How the documents not remembered keep their text compact, if they do (see `compactClosed`). */
  private compactor: TextCompactor | undefined;
  private readonly uncompacted = new Set<string>();
  private compactions = 0;
  private rereading = false;
  /** Analyses whose strings are copies of their own, not slices of the text. */
  private readonly detached = new WeakSet<StoryAnalysis>();

  constructor(private options: IndexOptions = {}) {}

  /** Changes the grouping settings; the groups are rebuilt on the next request when they differ. */
  configure(options: IndexOptions): void {
    if (JSON.stringify(options) === JSON.stringify(this.options)) return;
    this.options = options;
    this.groupsCache = undefined;
    this.grouping = undefined;
    for (const uri of this.docs.keys()) this.groupingStale.add(uri);
  }

  /**
   * Whether a `settingDocument` is between its steps re-reading every other document under new
   * declarations (seconds at 10,000 articles). The index is as it was before that change until its last
   * step, so it can be read meanwhile.
   */
  get rereadingDeclarations(): boolean {
    return this.rereading;
  }

  /** Adds or replaces a document. Returns the documents whose analysis changed. */
  setDocument(uri: string, text: string): string[] {
    return allSteps(this.settingDocument(uri, text));
  }

  /**
   * `setDocument`, paused after each article it reads (see `analyzeStoryInSteps`): the index changes only
   * at the last step, so it can be read in between. A change to the same document meanwhile must wait
   * for the last step (or the steps must be dropped); a change to other documents need not.
   */
  *settingDocument(uri: string, text: string): Generator<void, string[], void> {
    if (this.docs.get(uri)?.text === text) return [];
    const story = parseStory(text, { fileName: fileNameOf(uri) });
    const declared = this.declared;
    let analysis = yield* analyzeStoryInSteps(story, declared, this.memoOf(uri));
    const reread = yield* this.rereadOthers(uri, story);
    // Another document's declarations, taken meanwhile, apply to this one too.
    if (this.declared !== declared) analysis = analyzeStory(story, this.declared, this.memoOf(uri));
    const existing = this.docs.get(uri);
    if (!existing) this.sortedUris = undefined;
    const doc = this.newDocument(uri, text, story, analysis);
    this.docs.set(uri, doc);
    this.replaceRefs(existing, doc);
    if (reread) this.takeRereads(uri, reread);
    const changed = reread ? [...this.docs.keys()] : [uri];
    this.invalidate(changed, !reread && sameGroupingInput(existing?.analysis.quotes ?? [], doc.analysis.quotes));
    return changed;
  }

  removeDocument(uri: string): string[] {
    return allSteps(this.removingDocument(uri));
  }

  /** `removeDocument` in steps, as `settingDocument` (a document that declared actors makes every other one read again). */
  *removingDocument(uri: string): Generator<void, string[], void> {
    if (!this.docs.has(uri)) return [];
    const reread = yield* this.rereadOthers(uri, undefined);
    const existing = this.docs.get(uri);
    if (!existing || !this.docs.delete(uri)) return [];
    this.memos.delete(uri);
    this.recentWords.delete(uri);
    this.sortedUris = undefined;
    this.replaceRefs(existing, undefined);
    if (reread) this.takeRereads(uri, reread);
    const changed = reread ? [...this.docs.keys(), uri] : [uri];
    this.invalidate(changed, !reread && sameGroupingInput(existing.analysis.quotes, []));
    return changed;
  }

  /**
   * When document `uri` with `story` (undefined: removed) changes the declared actors: every other
   * document read again under the new ones, one a step, and the new declarations taken. Nothing else
   * changes; the caller swaps the documents in with `takeRereads`. Undefined when the declarations stay.
   */
  private *rereadOthers(uri: string, story: Story | undefined): Generator<void, Map<string, { before: IndexedDocument; after: IndexedDocument }> | undefined, void> {
    const declaring = this.declarationsWith(uri, story);
    if (!declaring) return undefined;
    const keyBefore = this.declaredKey;
    const redone = new Map<string, { before: IndexedDocument; after: IndexedDocument }>();
    this.rereading = true;
    try {
      for (const [u, before] of [...this.docs]) {
        if (u === uri || this.docs.get(u) !== before) continue;
        redone.set(u, { before, after: this.newDocument(u, before.text, before.story, analyzeStory(before.story, declaring.declared, this.memos.get(u))) });
        yield;
      }
    } finally {
      this.rereading = false;
    }
    if (this.declaredKey === keyBefore) {
      this.declareAll(uri, declaring);
      return redone;
    }
    // Declarations changed meanwhile by another document: every document is read again at once.
    const now = this.declarationsWith(uri, story);
    if (!now) return undefined;
    this.declareAll(uri, now);
    return new Map();
  }

  /** Swaps in the documents `rereadOthers` read again; one changed or added during its steps is read again now. */
  private takeRereads(uri: string, redone: ReadonlyMap<string, { before: IndexedDocument; after: IndexedDocument }>): void {
    for (const [u, current] of [...this.docs]) {
      if (u === uri) continue;
      const ready = redone.get(u);
      const next = ready?.before === current ? ready.after : this.newDocument(u, current.text, current.story, analyzeStory(current.story, this.declared, this.memos.get(u)));
      this.docs.set(u, next);
      this.replaceRefs(current, next);
    }
  }

  /**
   * Adds or replaces many documents at once (the workspace at start). The index then equals one built
   * by `setDocument` of every entry, but the declared actors are collected once for all of them (a
   * workspace with `@actor` lines is not re-analysed per declaring file), and an entry's `restored`
   * analysis is taken as it is when it was made under the declared actors the workspace now has;
   * otherwise the entry is analysed. `onAnalysed` is called after each entry. Returns the documents
   * whose analysis changed (none when every entry's text is already in the index).
   */
  setDocuments(entries: readonly DocumentEntry[], onAnalysed?: (done: number, total: number) => void): string[] {
    const incoming = new Map<string, { text: string; story: Story; restored: RestoredAnalysis | undefined }>();
    for (const { uri, text, restored } of entries) {
      // A restored analysis of another text (a caller's slip) is not taken.
      const usable = restored?.analysis.story.text === text ? restored : undefined;
      if (this.docs.get(uri)?.text === text) incoming.delete(uri);
      else incoming.set(uri, { text, story: usable?.analysis.story ?? parseStory(text, { fileName: fileNameOf(uri) }), restored: usable });
    }
    if (incoming.size === 0) return [];
    const ownOf = new Map<string, readonly DeclaredActor[]>();
    for (const [uri, { story, restored }] of incoming) {
      const own = restored?.declares ?? declaredActorsOf(story);
      ownOf.set(uri, own);
      if (own.length > 0) this.declaredOf.set(uri, JSON.stringify(own));
      else this.declaredOf.delete(uri);
    }
    const declared = [...new Set([...this.docs.keys(), ...incoming.keys()])]
      .sort()
      .filter((u) => this.declaredOf.has(u))
      .flatMap((u) => ownOf.get(u) ?? declaredActorsOf(this.docs.get(u)!.story));
    const key = JSON.stringify(declared);
    const declaredChanged = key !== this.declaredActorsKey();
    if (declaredChanged) {
      this.declaredKey = key;
      this.declared = declared;
      for (const [u, doc] of this.docs) {
        if (incoming.has(u)) continue;
        const next = this.newDocument(u, doc.text, doc.story, analyzeStory(doc.story, declared, this.memos.get(u)));
        this.docs.set(u, next);
        this.replaceRefs(doc, next);
      }
    }
    let done = 0;
    for (const [uri, { text, story, restored }] of incoming) {
      const existing = this.docs.get(uri);
      const taken = restored?.declaredKey === this.declaredActorsKey() ? restored.analysis : undefined;
      // A restored document has no per-article results: its first edit reads it whole.
      if (taken) this.memos.delete(uri);
      const doc = this.newDocument(uri, text, story, taken ?? analyzeStory(story, this.declared, this.memoOf(uri)), taken !== undefined);
      this.docs.set(uri, doc);
      this.replaceRefs(existing, doc);
      onAnalysed?.(++done, incoming.size);
    }
    this.sortedUris = undefined;
    const changed = declaredChanged ? [...this.docs.keys()] : [...incoming.keys()];
    this.invalidate(changed);
    return changed;
  }

  /** The declared actors every analysis in the index was made under, as a string (for a persisted index). */
  declaredActorsKey(): string {
    return this.declaredKey || '[]';
  }

  onDidUpdate(listener: (uris: readonly string[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get(uri: string): IndexedDocument | undefined {
    return this.docs.get(uri);
  }

  uris(): string[] {
    this.sortedUris ??= [...this.docs.keys()].sort();
    return [...this.sortedUris];
  }

  documents(): IndexedDocument[] {
    return this.uris().map((u) => this.docs.get(u)!);
  }

  quote(key: string): QuoteRef | undefined {
    // The id (a<article>q<n>) holds no '#'.
    const cut = key.lastIndexOf('#');
    if (cut < 0) return undefined;
    // Callers ask for many quotes of one document in a row: its uri is not cut out (and hashed) each time.
    if (cut !== this.lastQuoteUri.length || !key.startsWith(this.lastQuoteUri)) this.lastQuoteUri = key.slice(0, cut);
    const refs = this.refsOf.get(this.lastQuoteUri);
    if (!refs) return undefined;
    if (refs.length < QUOTES_SEARCHED) return quoteWithId(refs, key, cut + 1);
    let byId = this.refsById.get(refs);
    if (!byId) this.refsById.set(refs, (byId = new Map(refs.map((ref) => [ref.quote.id, ref]))));
    return byId.get(key.slice(cut + 1));
  }

  /** The quotes of one document, in order (none for an unknown document). */
  quotesOf(uri: string): QuoteRef[] {
    return [...(this.refsOf.get(uri) ?? [])];
  }

  /** All quotes of the workspace by key, in document order. */
  quotes(): Map<string, QuoteRef> {
    if (!this.quoteCache) {
      const map = new Map<string, QuoteRef>();
      for (const uri of this.uris()) for (const ref of this.refsOf.get(uri)!) map.set(ref.key, ref);
      this.quoteCache = map;
    }
    return this.quoteCache;
  }

  /** The quotes attributed to a speaker, in document order (worked out again only after a change to one of their stories). */
  quotesBy(speaker: string): readonly QuoteRef[] {
    let refs = this.speakerCache.get(speaker);
    if (!refs) {
      refs = [];
      for (const uri of [...(this.speakerUris.get(speaker)?.keys() ?? [])].sort()) {
        for (const ref of this.refsOf.get(uri)!) if (ref.quote.speaker === speaker) refs.push(ref);
      }
      this.speakerCache.set(speaker, refs);
    }
    return refs;
  }

  variantGroups(): VariantGroup[] {
    this.groupsCache ??= this.buildGroups();
    return this.groupsCache;
  }

  /**
   * `limit` groups of `variantGroups()` from `offset`, and how many there are: only those are built
   * (checking every group built against its members' texts is 50 ms at 10,000 articles).
   */
  variantGroupSlice(offset: number, limit: number): { groups: VariantGroup[]; total: number } {
    if (this.groupsCache) return { groups: this.groupsCache.slice(offset, offset + limit), total: this.groupsCache.length };
    const ordered = this.syncedGrouping().groups();
    return { groups: ordered.slice(offset, offset + limit).map((g) => this.variantGroupOf(g)), total: ordered.length };
  }

  /** How many quotes are in some variant group (every group is made first). */
  groupedQuoteCount(): number {
    return this.syncedGrouping().groupedCount();
  }

  /** A test of whether a quote is in some variant group, valid until the next change (every group is made first; `groupsOf` makes one quote's). */
  groupedTest(): (key: string) => boolean {
    return this.syncedGrouping().groupedTest();
  }

  /**
   * Hands the grouper up to `documents` changed documents, then relates and assembles the groups a
   * slice at a time; true when every group is made. For idle time, so that the first list of the
   * workspace's groups (the Quotes view, the status bar's count) does not do it all at once.
   */
  prepareAllGroups(documents: number, units: number): boolean {
    return this.prepareGroups(documents) && this.grouping!.prepare(units);
  }

  /** The groups a quote belongs to (a compound quote may be in several). Regroups only what changed since the last call. */
  groupsOf(key: string): VariantGroup[] {
    return this.syncedGrouping()
      .groupsOf(key)
      .map((g) => this.variantGroupOf(g));
  }

  /** The names of every source of the workspace (the outlets articles come from). */
  sources(): ReadonlySet<string> {
    this.sourcesCache ??= new Set(this.sourceCounts.keys());
    return this.sourcesCache;
  }

  private countSpeakers(doc: IndexedDocument | undefined, by: 1 | -1): void {
    for (const quote of doc?.analysis.quotes ?? []) {
      if (quote.speaker === null) continue;
      this.speakerCache.delete(quote.speaker);
      let uris = this.speakerUris.get(quote.speaker);
      if (!uris) this.speakerUris.set(quote.speaker, (uris = new Map()));
      const count = (uris.get(doc!.uri) ?? 0) + by;
      if (count > 0) uris.set(doc!.uri, count);
      else if (uris.delete(doc!.uri) && uris.size === 0) this.speakerUris.delete(quote.speaker);
    }
  }

  /**
   * The source of each member of `group`, in member order. Kept with the group (a hover or code lens on
   * a quote that thousands of articles repeat reads it again and again) until a change to quotes or to
   * an article's source.
   */
  memberSources(group: VariantGroup): readonly string[] {
    const known = this.memberSourcesOf.get(group);
    if (known?.version === this.sourcesVersion) return known.sources;
    const sources = group.members.map((m) => {
      const ref = this.quote(m.key)!;
      return this.docs.get(ref.uri)!.story.articles[ref.quote.articleIndex]!.source;
    });
    this.memberSourcesOf.set(group, { version: this.sourcesVersion, sources });
    return sources;
  }

  /** Kept per document, so a hover after an edit does not walk every article of the workspace. */
  private countSources(doc: IndexedDocument | undefined, by: 1 | -1): void {
    this.articles += by * (doc?.story.articles.length ?? 0);
    for (const article of doc?.story.articles ?? []) {
      const count = (this.sourceCounts.get(article.source) ?? 0) + by;
      if (count === 0 || (count === 1 && by === 1)) this.sourcesCache = undefined;
      if (count === 0) this.sourceCounts.delete(article.source);
      else this.sourceCounts.set(article.source, count);
    }
  }

  /** How many documents, articles, quotes, actors and variant groups the workspace has (kept counts: the status bar asks after every change). */
  counts(): { documents: number; articles: number; quotes: number; actors: number; groups: number } {
    return { documents: this.docs.size, articles: this.articles, quotes: this.quoteCount, actors: this.workspaceActors.count(), groups: this.syncedGrouping().groupCount() };
  }

  /** Every actor of the workspace, by name (each changed actor worked out again on first use after a change). */
  actors(): WorkspaceActor[] {
    return [...this.workspaceActors.all()];
  }

  /** One actor of the workspace (what `actors()` has for it). */
  actor(name: string): WorkspaceActor | undefined {
    return this.workspaceActors.actor(name);
  }

  /** Works out up to `limit` actors changed since last asked for (idle time); true when none is left. */
  prepareActors(limit: number): boolean {
    return this.workspaceActors.prepare(limit);
  }

  /** Each actor's place in `actors()`. */
  actorPositions(): ReadonlyMap<string, number> {
    return this.workspaceActors.positionsInAll();
  }

  /** One actor's kind: `actor(name)?.kind`, cheaper after a change to a story that names it. */
  actorKind(name: string): ActorKind | undefined {
    return this.workspaceActors.kindOf(name);
  }

  /** The documents that name an actor, in uri order. */
  documentsNaming(name: string): IndexedDocument[] {
    return this.workspaceActors.urisNaming(name).flatMap((uri) => this.docs.get(uri) ?? []);
  }

  /** How many articles each source has in the workspace. */
  articlesPerSource(): ReadonlyMap<string, number> {
    return this.sourceCounts;
  }

  /** Where an actor is first mentioned, in document order. */
  firstMentionOf(name: string): { uri: string; mention: ActorMention } | undefined {
    return this.workspaceActors.firstMentionOf(name);
  }

  private buildGroups(): VariantGroup[] {
    return this.syncedGrouping()
      .groups()
      .map((g) => this.variantGroupOf(g));
  }

  /**
   * Keeps per-article results (a memo, about 3 KB an article) only for the documents `remembers` says
   * are being edited: the open ones, in the server. A closed file changes rarely and mostly whole; the
   * first edit of a document without a memo reads it whole. By default every document is remembered.
   */
  rememberOnly(remembers: (uri: string) => boolean, options: { compact?: TextCompactor } = {}): void {
    this.remembers = remembers;
    this.compactor = options.compact;
    for (const uri of [...this.memos.keys()]) if (!remembers(uri)) this.memos.delete(uri);
    if (this.compactor) for (const [uri, doc] of this.docs) if (!remembers(uri) && !isCompact(doc)) this.uncompacted.add(uri);
  }

  /**
   * Keeps the text of up to `documents` of the documents not remembered compact (deflated: a third of
   * its UTF-8 size), when `rememberOnly` was asked to; true when none is left. For idle time. Their
   * analyses hold no slice of the text (see `newDocument`), so the text string itself is let go.
   */
  compactClosed(documents = Number.POSITIVE_INFINITY): boolean {
    let left = documents;
    for (const uri of this.uncompacted) {
      if (left-- <= 0) return false;
      this.uncompacted.delete(uri);
      const doc = this.docs.get(uri);
      if (!doc || !this.compactor || this.remembers(uri) || isCompact(doc)) continue;
      const compacted = compactDocument(doc, this.compactor, this.detached.has(doc.analysis));
      if (!compacted) continue;
      this.docs.set(uri, compacted);
      this.compactions++;
    }
    return true;
  }

  /** How many times `compactClosed` has made a document's text compact. */
  get compactedDocuments(): number {
    return this.compactions;
  }

  /**
   * A document as the index keeps it. One nobody has open, when texts are kept compact, gets strings of
   * its own in place of the slices of the text its analysis holds (an analysis restored from the
   * persisted index or a worker has them already), and is queued for `compactClosed`.
   */
  private newDocument(uri: string, text: string, story: Story, analysis: StoryAnalysis, restored = false): IndexedDocument {
    if (this.compactor && !this.remembers(uri)) {
      if (!restored) detachStrings(analysis, text);
      this.detached.add(analysis);
      this.uncompacted.add(uri);
    }
    return indexedDocument(uri, text, story, analysis);
  }

  private memoOf(uri: string): StoryAnalysisMemo | undefined {
    if (!this.remembers(uri)) {
      this.memos.delete(uri);
      return undefined;
    }
    let memo = this.memos.get(uri);
    if (!memo) this.memos.set(uri, (memo = new StoryAnalysisMemo()));
    return memo;
  }


  /**
   * Hands the grouping index the quotes of up to `documents` of the documents changed since it was last
   * used; true when none is left. For idle time after indexing: the first hover then only relates the
   * quotes connected to its own, instead of first reading every quote of the workspace (~2 s at 10,000
   * articles).
   */
  prepareGroups(documents = Number.POSITIVE_INFINITY): boolean {
    this.grouping ??= new GroupingIndex(this.options.grouping ?? DEFAULT_GROUPING);
    if (this.groupingStale.size > 0) this.groupingChanges++;
    let left = documents;
    for (const uri of this.groupingStale) {
      if (left-- <= 0) return false;
      const doc = this.docs.get(uri);
      this.grouping.setDocument(uri, doc ? this.groupableQuotes(doc) : []);
      this.groupingStale.delete(uri);
    }
    return true;
  }

  /** The grouping index, given the quotes of every document changed since it was last used. */
  private syncedGrouping(): GroupingIndex {
    this.prepareGroups();
    return this.grouping!;
  }

  private groupableQuotes(doc: IndexedDocument): GroupableQuote[] {
    const minimumWords = this.options.minimumWords ?? 1;
    const articleKeys: string[] = [];
    // An edited document is regrouped again and again with mostly the same quotes: their words are kept.
    const before = this.recentWords.get(doc.uri);
    const now = new Map<string, readonly string[]>();
    this.recentWords.delete(doc.uri);
    this.recentWords.set(doc.uri, now);
    if (this.recentWords.size > RECENT_WORDS_KEPT) this.recentWords.delete(this.recentWords.keys().next().value!);
    return this.refsOf.get(doc.uri)!.flatMap(({ key, quote }) => {
      if (quote.kind === 'name') return [];
      const words = before?.get(quote.text) ?? normalizedWords(quote.text);
      now.set(quote.text, words);
      const articleKey = (articleKeys[quote.articleIndex] ??= `${doc.uri}#${quote.articleIndex}`);
      if (words.length < minimumWords) return [];
      return [{ id: key, articleKey, words, elided: /…|\.\.\./.test(quote.text) }];
    });
  }

  private variantGroupOf(group: QuoteGroup): VariantGroup {
    const known = this.variantOf.get(group);
    if (known?.checked === this.groupingChanges) return known.group;
    const texts = group.memberIds.map((key) => this.quote(key)!.quote.text);
    if (known && known.texts.every((text, i) => text === texts[i])) {
      known.checked = this.groupingChanges;
      return known.group;
    }
    const rootText = this.quote(group.rootId)!.quote.text;
    // A group rebuilt after an edit to one of its fifty members compares that member again, not fifty.
    const previous = known ?? this.builtByRoot.get(group.rootId)?.deref();
    const reusable = previous?.rootText === rootText ? previous : undefined;
    const previousAt = reusable ? new Map(reusable.group.members.map((m, i) => [m.key, i])) : undefined;
    let root: RootForComparison | undefined;
    const containers = new Set(group.containerIds);
    const members = group.memberIds.map((key, i): VariantMember => {
      const container = containers.has(key);
      const at = previousAt?.get(key);
      const before = at === undefined ? undefined : reusable!.group.members[at]!;
      if (before && before.container === container && reusable!.texts[at!] === texts[i]) return before;
      return new LazyVariantMember(key, container, (root ??= new RootForComparison(rootText)), texts[i]!);
    });
    const built: BuiltGroup = { texts, rootText, group: new LazyVariantGroup(group.rootId, rootText, members), checked: this.groupingChanges };
    this.variantOf.set(group, built);
    this.builtByRoot.set(group.rootId, new WeakRef(built));
    if (this.builtByRoot.size > 2 * Math.max(this.builtByRootSwept, 512)) {
      for (const [rootKey, ref] of this.builtByRoot) if (!ref.deref()) this.builtByRoot.delete(rootKey);
      this.builtByRootSwept = this.builtByRoot.size;
    }
    return built.group;
  }

  /**
   * Takes `uri`'s own declared actors and rebuilds the workspace's list when they changed. The list is
   * every document's own declarations in uri order, so when one document's are the same as before, so is
   * the list: most edits (and every story without `@actor` lines) skip the walk over all documents.
   */
  /**
   * The workspace's declared actors if document `uri` had `story`'s declarations, when that changes them
   * (undefined when not: a document's own declarations are compared first, so most edits cost nothing).
   */
  private declarationsWith(uri: string, story: Story | undefined): { own: string; declared: DeclaredActor[]; key: string } | undefined {
    const ownList = story ? declaredActorsOf(story) : [];
    const own = ownList.length > 0 ? JSON.stringify(ownList) : '';
    if ((this.declaredOf.get(uri) ?? '') === own) return undefined;
    const uris = this.docs.has(uri) || !story ? this.uris() : [...this.uris(), uri].sort();
    const declared = uris.flatMap((u) => (u === uri ? ownList : this.declaredOf.has(u) ? declaredActorsOf(this.docs.get(u)!.story) : []));
    const key = JSON.stringify(declared);
    if (key === this.declaredKey) {
      this.setOwnDeclarations(uri, own);
      return undefined;
    }
    return { own, declared, key };
  }

  /** Takes the declarations `declarationsWith` worked out. */
  private declareAll(uri: string, declaring: { own: string; declared: DeclaredActor[]; key: string }): void {
    this.setOwnDeclarations(uri, declaring.own);
    this.declaredKey = declaring.key;
    this.declared = declaring.declared;
  }

  private setOwnDeclarations(uri: string, own: string): void {
    if (own) this.declaredOf.set(uri, own);
    else this.declaredOf.delete(uri);
  }

  private replaceRefs(before: IndexedDocument | undefined, after: IndexedDocument | undefined): void {
    // The grouping index files keys, articles and texts only: an edit that leaves them all as they were
    // (most edits outside quotation marks) leaves it, and every variant group built, as it is.
    const sameQuotes = before !== undefined && after !== undefined && before.uri === after.uri && sameGroupingInput(before.analysis.quotes, after.analysis.quotes);
    if (!sameQuotes) for (const doc of [before, after]) if (doc) this.groupingStale.add(doc.uri);
    if (!sameQuotes || !sameSources(before!.story.articles, after!.story.articles)) this.sourcesVersion++;
    this.countSources(before, -1);
    this.countSources(after, 1);
    if (after) this.workspaceActors.setDocument(after.uri, after.analysis);
    else if (before) this.workspaceActors.setDocument(before.uri, undefined);
    this.countSpeakers(before, -1);
    this.countSpeakers(after, 1);
    this.quoteCount += (after?.analysis.quotes.length ?? 0) - (before?.analysis.quotes.length ?? 0);
    if (before) this.refsOf.delete(before.uri);
    if (!after) return;
    const refs = after.analysis.quotes.map((quote): QuoteRef => ({ key: flat(quoteKey(after.uri, quote)), uri: after.uri, quote }));
    this.refsOf.set(after.uri, refs);
  }

  /**
   * Drops derived data after a change. The variant groups are kept when the change left what the
   * grouper reads the same (every quote's key, article and text, as in most edits outside quotation
   * marks): rebuilding them would give the same groups, at the cost of comparing every quote again.
   */
  private invalidate(uris: readonly string[], groupsStillValid = false): void {
    if (!groupsStillValid) this.groupsCache = undefined;
    this.quoteCache = undefined;
    for (const listener of this.listeners) listener(uris);
  }
}

/** Whether two versions of a document give the grouper the same input (see `buildGroups`). */
function sameGroupingInput(before: readonly Quote[], after: readonly Quote[]): boolean {
  const grouped = (quotes: readonly Quote[]): Quote[] => quotes.filter((q) => q.kind !== 'name');
  const a = grouped(before);
  const b = grouped(after);
  return a.length === b.length && a.every((q, i) => q.id === b[i]!.id && q.articleIndex === b[i]!.articleIndex && q.text === b[i]!.text);
}

/** Whether two versions of a document's articles come from the same sources, in the same order. */
function sameSources(before: readonly Article[], after: readonly Article[]): boolean {
  return before.length === after.length && before.every((a, i) => a.source === after[i]!.source);
}

/** A document whose line index is built on first use: most documents of a workspace are never shown. */
function indexedDocument(uri: string, text: string, story: Story, analysis: StoryAnalysis): IndexedDocument {
  let lines: LineIndex | undefined;
  return {
    uri,
    text,
    story,
    analysis,
    get lines() {
      return (lines ??= new LineIndex(text));
    },
  };
}

interface BuiltGroup {
  readonly texts: readonly string[];
  readonly rootText: string;
  readonly group: VariantGroup;
  /** The grouping index's change count when the members' texts were last found unchanged. */
  checked: number;
}

/** Below this many quotes a document's are searched; from it on, found through a map by id. */
const QUOTES_SEARCHED = 128;

/**
 * The quote whose id is `key` from `from` on, by binary search: a document's quotes are in order of
 * article and then of number (ids `a<article>q<number>`), and a story can have thousands of them.
 */
function quoteWithId(refs: readonly QuoteRef[], key: string, from: number): QuoteRef | undefined {
  const wanted = idOrder(key, from);
  if (wanted < 0) return undefined;
  let low = 0;
  let high = refs.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const id = refs[middle]!.quote.id;
    const order = idOrder(id, 0);
    if (order === wanted) return id.length === key.length - from ? refs[middle] : undefined;
    if (order < wanted) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}

/** `a<article>q<number>` from `from` on as article × 2^20 + number; -1 for anything else. */
function idOrder(id: string, from: number): number {
  if (id.charCodeAt(from) !== 97 /* a */) return -1;
  let article = 0;
  let at = from + 1;
  let digits = 0;
  for (let c = id.charCodeAt(at); c >= 48 && c <= 57; c = id.charCodeAt(++at), digits++) article = article * 10 + c - 48;
  if (digits === 0 || id.charCodeAt(at) !== 113 /* q */) return -1;
  let number = 0;
  digits = 0;
  for (let c = id.charCodeAt(++at); c >= 48 && c <= 57; c = id.charCodeAt(++at), digits++) number = number * 10 + c - 48;
  if (digits === 0 || at !== id.length || number >= 2 ** 20) return -1;
  return article * 2 ** 20 + number;
}

export function quoteKey(uri: string, quote: Quote): string {
  return `${uri}#${quote.id}`;
}

/**
 * The string as one flat sequence: a string built by concatenation is a tree of its pieces, which V8
 * flattens into a copy on first use as a key and keeps both (the key of every quote is kept for good).
 */
function flat(text: string): string {
  return text.length < 13 ? text : JSON.parse(JSON.stringify(text));
}

/** The file name a story is parsed with (a plain-text file's article takes its source from it). */
export function fileNameOf(uri: string): string {
  const cut = uri.search(/[?#]/);
  const clean = cut >= 0 ? uri.slice(0, cut) : uri;
  try {
    return decodeURIComponent(clean.slice(clean.lastIndexOf('/') + 1));
  } catch {
    return clean.slice(clean.lastIndexOf('/') + 1);
  }
}
