import { declaredActorsOf, type DeclaredActor } from './actorFinder';
import { LineIndex } from './lineIndex';
import type { ActorKind, Story } from './model';
import { analyzeStory, type Quote, type StoryAnalysis } from './storyAnalyzer';
import { StoryAnalysisMemo } from './storyAnalysisMemo';
import { parseStory } from './storyParser';
import { normalizedWords } from './tokens';
import { DEFAULT_GROUPING, groupQuotes, RelationMemo, type GroupingOptions } from './variantGrouper';
import { compareToRoot, type VariantComparison } from './variantType';

/** How many edited documents keep their per-article results. */
const MEMOS_KEPT = 8;

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

export interface WorkspaceActor {
  readonly name: string;
  readonly kind: ActorKind;
  readonly declared: boolean;
  /** Every surface form seen, most frequent first. */
  readonly aliases: readonly string[];
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
  private wordsOfText = new Map<string, string[]>();
  private comparisons = new Map<string, VariantComparison>();
  private readonly relations = new RelationMemo();
  private groupsOfCache: Map<string, VariantGroup[]> | undefined;
  private quoteCache: Map<string, QuoteRef> | undefined;
  private actorsCache: WorkspaceActor[] | undefined;
  /** Every quote by key, kept up to date document by document (`quoteCache` adds document order). */
  private readonly refs = new Map<string, QuoteRef>();
  private readonly listeners = new Set<(uris: readonly string[]) => void>();
  /** Per-article results of the documents edited last (most recent last): an edit re-reads one article. */
  private readonly memos = new Map<string, StoryAnalysisMemo>();

  constructor(private options: IndexOptions = {}) {}

  /** Changes the grouping settings; the groups are rebuilt on the next request when they differ. */
  configure(options: IndexOptions): void {
    if (JSON.stringify(options) === JSON.stringify(this.options)) return;
    this.options = options;
    this.groupsCache = undefined;
    this.groupsOfCache = undefined;
  }

  /** Adds or replaces a document. Returns the documents whose analysis changed. */
  setDocument(uri: string, text: string): string[] {
    const existing = this.docs.get(uri);
    if (existing && existing.text === text) return [];
    const story = parseStory(text, { fileName: fileNameOf(uri) });
    if (!existing) this.sortedUris = undefined;
    // A document edited once is likely edited again: from then on its articles are remembered.
    const memo = existing ? this.memoOf(uri) : undefined;
    const doc: IndexedDocument = { uri, text, story, analysis: analyzeStory(story, this.declared, memo), lines: new LineIndex(text) };
    this.docs.set(uri, doc);
    this.replaceRefs(existing, doc);
    const declaredChanged = this.refreshDeclared(uri, declaredActorsOf(story));
    const changed = declaredChanged ? [...this.docs.keys()] : [uri];
    this.invalidate(changed, !declaredChanged && sameGroupingInput(existing?.analysis.quotes ?? [], doc.analysis.quotes));
    return changed;
  }

  removeDocument(uri: string): string[] {
    const existing = this.docs.get(uri);
    if (!existing || !this.docs.delete(uri)) return [];
    this.memos.delete(uri);
    this.sortedUris = undefined;
    this.replaceRefs(existing, undefined);
    const declaredChanged = this.refreshDeclared(uri, []);
    const changed = declaredChanged ? [...this.docs.keys(), uri] : [uri];
    this.invalidate(changed, !declaredChanged && sameGroupingInput(existing.analysis.quotes, []));
    return changed;
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
    return this.refs.get(key);
  }

  /** All quotes of the workspace by key, in document order. */
  quotes(): Map<string, QuoteRef> {
    if (!this.quoteCache) {
      const map = new Map<string, QuoteRef>();
      for (const doc of this.documents()) {
        for (const quote of doc.analysis.quotes) map.set(quoteKey(doc.uri, quote), this.refs.get(quoteKey(doc.uri, quote))!);
      }
      this.quoteCache = map;
    }
    return this.quoteCache;
  }

  variantGroups(): VariantGroup[] {
    if (!this.groupsCache) this.groupsCache = this.buildGroups();
    return this.groupsCache;
  }

  /** The groups a quote belongs to (a compound quote may be in several). */
  groupsOf(key: string): VariantGroup[] {
    if (!this.groupsOfCache) {
      const map = new Map<string, VariantGroup[]>();
      for (const g of this.variantGroups()) {
        for (const m of g.members) {
          let list = map.get(m.key);
          if (!list) map.set(m.key, (list = []));
          list.push(g);
        }
      }
      this.groupsOfCache = map;
    }
    return this.groupsOfCache.get(key) ?? [];
  }

  /** Every actor of the workspace, by name. Worked out once after each change (a walk over every mention). */
  actors(): WorkspaceActor[] {
    this.actorsCache ??= this.buildActors();
    return [...this.actorsCache];
  }

  private buildActors(): WorkspaceActor[] {
    const byName = new Map<string, { kind: ActorKind; declared: boolean; forms: Map<string, number> }>();
    for (const doc of this.documents()) {
      for (const info of doc.analysis.actors.values()) {
        const entry = byName.get(info.name) ?? { kind: info.kind, declared: info.declared, forms: new Map<string, number>() };
        if (info.declared) entry.declared = true;
        for (const alias of info.declaredAliases) entry.forms.set(alias, entry.forms.get(alias) ?? 0);
        byName.set(info.name, entry);
      }
      for (const m of doc.analysis.mentions) {
        const entry = byName.get(m.actor);
        if (entry) entry.forms.set(m.text, (entry.forms.get(m.text) ?? 0) + 1);
      }
    }
    return [...byName.entries()]
      .map(([name, e]) => ({
        name,
        kind: e.kind,
        declared: e.declared,
        aliases: [...e.forms.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([form]) => form),
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  private buildGroups(): VariantGroup[] {
    const minimumWords = this.options.minimumWords ?? 1;
    const refs = [...this.quotes().values()].filter((r) => r.quote.kind !== 'name' && (minimumWords <= 1 || normalizedWords(r.quote.text).length >= minimumWords));
    // One quote's words and one comparison with a root are worked out once per wording: the same
    // quotation recurs across sources.
    // Kept from the previous build too: after one edit almost every wording and comparison is known.
    const previousWords = this.wordsOfText;
    const wordsOfText = new Map<string, string[]>();
    const wordsOf = new Map(
      refs.map((r) => {
        let words = wordsOfText.get(r.quote.text);
        if (!words) wordsOfText.set(r.quote.text, (words = previousWords.get(r.quote.text) ?? normalizedWords(r.quote.text)));
        return [r.key, words];
      }),
    );
    this.wordsOfText = wordsOfText;
    const previousComparisons = this.comparisons;
    const comparisons = new Map<string, VariantComparison>();
    this.comparisons = comparisons;
    const compare = (rootText: string, rootWords: readonly string[], text: string, words: readonly string[]): VariantComparison => {
      const key = `${rootText}\u0000${text}`;
      let comparison = comparisons.get(key);
      if (!comparison) comparisons.set(key, (comparison = previousComparisons.get(key) ?? compareToRoot(rootText, rootWords, text, words)));
      return comparison;
    };
    const groups = groupQuotes(
      refs.map((r) => ({ id: r.key, articleKey: `${r.uri}#${r.quote.articleIndex}`, words: wordsOf.get(r.key)!, elided: /…|\.\.\./.test(r.quote.text) })),
      this.options.grouping ?? DEFAULT_GROUPING,
      this.relations,
    );
    this.relations.finish();
    return groups.map((g) => {
      const root = this.quote(g.rootId)!;
      const rootWords = wordsOf.get(g.rootId)!;
      const containers = new Set(g.containerIds);
      return {
        id: `g:${g.rootId}`,
        label: labelOf(root.quote.text),
        rootKey: g.rootId,
        members: g.memberIds.map((key) => ({
          key,
          container: containers.has(key),
          comparison: compare(root.quote.text, rootWords, this.quote(key)!.quote.text, wordsOf.get(key)!),
        })),
      };
    });
  }

  private memoOf(uri: string): StoryAnalysisMemo {
    const memo = this.memos.get(uri) ?? new StoryAnalysisMemo();
    this.memos.delete(uri);
    this.memos.set(uri, memo);
    if (this.memos.size > MEMOS_KEPT) this.memos.delete(this.memos.keys().next().value!);
    return memo;
  }

  /**
   * Takes `uri`'s own declared actors and rebuilds the workspace's list when they changed. The list is
   * every document's own declarations in uri order, so when one document's are the same as before, so is
   * the list: most edits (and every story without `@actor` lines) skip the walk over all documents.
   */
  private refreshDeclared(uri: string, own: readonly DeclaredActor[]): boolean {
    const ownKey = own.length > 0 ? JSON.stringify(own) : '';
    if ((this.declaredOf.get(uri) ?? '') === ownKey) return false;
    if (ownKey) this.declaredOf.set(uri, ownKey);
    else this.declaredOf.delete(uri);
    const declared = this.documents().flatMap((d) => declaredActorsOf(d.story));
    const key = JSON.stringify(declared);
    if (key === this.declaredKey) return false;
    this.declaredKey = key;
    this.declared = declared;
    for (const [u, doc] of this.docs) {
      const next = { ...doc, analysis: analyzeStory(doc.story, declared, this.memos.get(u)) };
      this.docs.set(u, next);
      this.replaceRefs(doc, next);
    }
    return true;
  }

  private replaceRefs(before: IndexedDocument | undefined, after: IndexedDocument | undefined): void {
    for (const quote of before?.analysis.quotes ?? []) this.refs.delete(quoteKey(before!.uri, quote));
    for (const quote of after?.analysis.quotes ?? []) this.refs.set(quoteKey(after!.uri, quote), { key: quoteKey(after!.uri, quote), uri: after!.uri, quote });
  }

  /**
   * Drops derived data after a change. The variant groups are kept when the change left what the
   * grouper reads the same (every quote's key, article and text, as in most edits outside quotation
   * marks): rebuilding them would give the same groups, at the cost of comparing every quote again.
   */
  private invalidate(uris: readonly string[], groupsStillValid = false): void {
    if (!groupsStillValid) {
      this.groupsCache = undefined;
      this.groupsOfCache = undefined;
    }
    this.quoteCache = undefined;
    this.actorsCache = undefined;
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

export function quoteKey(uri: string, quote: Quote): string {
  return `${uri}#${quote.id}`;
}

function labelOf(text: string): string {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  return words.length <= 8 ? words.join(' ') : `${words.slice(0, 8).join(' ')}…`;
}

function fileNameOf(uri: string): string {
  const cut = uri.search(/[?#]/);
  const clean = cut >= 0 ? uri.slice(0, cut) : uri;
  try {
    return decodeURIComponent(clean.slice(clean.lastIndexOf('/') + 1));
  } catch {
    return clean.slice(clean.lastIndexOf('/') + 1);
  }
}
