import type { Position } from 'vscode-languageserver';
import type { QuoteRef, VariantGroup, WorkspaceIndex } from '../core/workspaceIndex';
import type { ActorItem, CoverageResult, GroupItem, LspLocation, QuoteItem, SourceItem, StatusResult } from '../protocol';
import { articleOf, offsetOf, quoteAt, quoteLocation, rangeOf, refOf } from './lookup';
import { groupItem } from './variantView';

const inScope = (uri: string, scope?: string): boolean => scope === undefined || uri === scope;

/** Every quote (of one story when `scope` is given), in document order, for Go to Quote and the annotation commands. */
export function listQuotes(index: WorkspaceIndex, scope?: string): QuoteItem[] {
  return quotesIn(index, scope).map((r) => quoteItem(index, r));
}

/** One quote as the views and pickers show it. */
export function quoteItem(index: WorkspaceIndex, r: QuoteRef): QuoteItem {
  const article = articleOf(index.get(r.uri)!, r.quote);
  return {
    key: r.key,
    ...quoteLocation(index, r),
    text: r.quote.text,
    speaker: r.quote.speaker,
    attribution: r.quote.attribution?.method ?? null,
    kind: r.quote.kind,
    source: article.source,
    articleTitle: article.title ?? null,
    date: article.date ?? null,
    groupIds: index.groupsOf(r.key).map((g) => g.id),
  };
}

/** The quotes of the scope in document order: one story's read from it alone. */
export function quotesIn(index: WorkspaceIndex, scope: string | undefined): QuoteRef[] {
  // Not through `quotes()`: its map of every key is made again after each change.
  return scope === undefined ? index.uris().flatMap((uri) => index.quotesOf(uri)) : index.quotesOf(scope);
}

/**
 * Variant groups that have a member in scope. One story's come in the order the story first quotes
 * them, found from its own quotes: the workspace's groups are not all worked out for one story's view.
 */
export function listGroups(index: WorkspaceIndex, scope?: string, withDiffs = true): GroupItem[] {
  return (scope === undefined ? index.variantGroups() : storyGroups(index, scope)).map((g) => groupItem(index, g, withDiffs));
}

/** The groups with a member in one story, in the order the story first quotes them. */
export function storyGroups(index: WorkspaceIndex, uri: string): VariantGroup[] {
  const groups = new Map<string, VariantGroup>();
  for (const ref of index.quotesOf(uri)) for (const g of index.groupsOf(ref.key)) if (!groups.has(g.id)) groups.set(g.id, g);
  return [...groups.values()];
}

export function groupAt(index: WorkspaceIndex, uri: string, position: Position): GroupItem | null {
  const doc = index.get(uri);
  if (!doc) return null;
  const quote = quoteAt(doc, offsetOf(doc, position));
  if (!quote) return null;
  const group = index.groupsOf(refOf(doc, quote).key)[0];
  return group ? groupItem(index, group) : null;
}

/** The same quote in the next (direction 1) or previous (-1) source of its group, wrapping around. */
export function variantNeighbor(index: WorkspaceIndex, uri: string, position: Position, direction: 1 | -1): LspLocation | null {
  const doc = index.get(uri);
  if (!doc) return null;
  const quote = quoteAt(doc, offsetOf(doc, position));
  if (!quote) return null;
  const key = refOf(doc, quote).key;
  const group = index.groupsOf(key)[0];
  if (!group) return null;
  const keys = group.members.map((m) => m.key);
  const at = keys.indexOf(key);
  const next = keys[(at + direction + keys.length) % keys.length]!;
  return quoteLocation(index, index.quote(next)!);
}

export function listActors(index: WorkspaceIndex, scope?: string): ActorItem[] {
  // One pass over the quotes and one over the mentions, grouped by actor (not one pass per actor).
  const quotesOf = new Map<string, QuoteRef[]>();
  for (const r of quotesIn(index, scope)) {
    if (r.quote.speaker === null) continue;
    const list = quotesOf.get(r.quote.speaker);
    if (list) list.push(r);
    else quotesOf.set(r.quote.speaker, [r]);
  }
  const mentionsOf = new Map<string, ActorItem['mentions'][number][]>();
  const mentionCount = new Map<string, number>();
  for (const d of scope === undefined ? index.documents() : [index.get(scope)].filter((d) => d !== undefined)) {
    for (const m of d.analysis.mentions) {
      mentionCount.set(m.actor, (mentionCount.get(m.actor) ?? 0) + 1);
      let list = mentionsOf.get(m.actor);
      if (!list) mentionsOf.set(m.actor, (list = []));
      if (list.length < MENTIONS_LISTED) list.push({ uri: d.uri, range: rangeOf(d, m), text: m.text });
    }
  }
  // One story's actors are looked up by name: the workspace's list is worked out only when asked for whole.
  const actors = scope === undefined ? index.actors() : [...mentionCount.keys()].flatMap((name) => index.actor(name) ?? []).sort((a, b) => a.name.localeCompare(b.name));
  return actors
    .filter((a) => mentionCount.has(a.name))
    .map((a) => {
      const theirs = quotesOf.get(a.name) ?? [];
      return {
        name: a.name,
        kind: a.kind,
        declared: a.declared,
        aliases: [...a.aliases],
        quoteCount: theirs.length,
        sourceCount: new Set(theirs.map((r) => articleOf(index.get(r.uri)!, r.quote).source)).size,
        mentions: mentionsOf.get(a.name) ?? [],
        quoteKeys: theirs.map((r) => r.key),
      };
    });
}

/** Mentions an actor item lists (the count of quotes is complete). */
const MENTIONS_LISTED = 200;

export function listSources(index: WorkspaceIndex, scope?: string): SourceItem[] {
  const bySource = new Map<string, SourceItem>();
  for (const doc of index.documents().filter((d) => inScope(d.uri, scope))) {
    for (const article of doc.story.articles) {
      const item = bySource.get(article.source) ?? { source: article.source, articles: [] };
      item.articles.push({
        uri: doc.uri,
        range: rangeOf(doc, article.span),
        title: article.title ?? null,
        date: article.date ?? null,
        quoteKeys: doc.analysis.quotes.filter((q) => q.articleIndex === article.index).map((q) => refOf(doc, q).key),
      });
      bySource.set(article.source, item);
    }
  }
  return [...bySource.values()].sort((a, b) => a.source.localeCompare(b.source));
}

/**
 * Quote groups × sources: verbatim, altered or elided where a source quotes the group, null where absent.
 * `limit` groups from `offset` (all when not given); over the workspace only those groups are built.
 */
export function coverage(index: WorkspaceIndex, scope?: string, offset = 0, limit = Number.POSITIVE_INFINITY): CoverageResult {
  const slice = scope === undefined ? index.variantGroupSlice(offset, limit) : sliceOf(storyGroups(index, scope), offset, limit);
  const groups = slice.groups.map((g) => groupItem(index, g, false));
  const sources = [...new Set(index.documents().filter((d) => inScope(d.uri, scope)).flatMap((d) => d.story.articles.map((a) => a.source)))];
  return {
    sources,
    totalRows: slice.total,
    rows: groups.map((g) => ({
      groupId: g.id,
      label: g.label,
      cells: sources.map((source) => {
        const members = g.members.filter((m) => m.source === source);
        if (members.length === 0) return null;
        const best = members.find((m) => m.isRoot || m.type === 'identical' || m.type === 'punctuation') ?? members.find((m) => m.type === 'elision' || m.type === 'truncation' || m.type === 'fragment') ?? members[0]!;
        const status = best.isRoot || best.type === 'identical' || best.type === 'punctuation' ? 'verbatim' : best.type === 'elision' || best.type === 'truncation' || best.type === 'fragment' ? 'elided' : 'altered';
        return { status, location: { uri: best.uri, range: best.range }, type: best.type };
      }),
    })),
  };
}

function sliceOf<T>(all: readonly T[], offset: number, limit: number): { groups: T[]; total: number } {
  return { groups: all.slice(offset, offset + limit), total: all.length };
}

export function status(index: WorkspaceIndex, uri?: string): StatusResult {
  const result: StatusResult = { ...index.counts() };
  const doc = uri ? index.get(uri) : undefined;
  if (doc) result.story = { articles: doc.story.articles.length, quotes: doc.analysis.quotes.length, actors: doc.analysis.actors.size };
  return result;
}
