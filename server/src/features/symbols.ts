import { SymbolKind, type DocumentSymbol, type WorkspaceSymbol } from 'vscode-languageserver';
import type { Quote } from '../core/storyAnalyzer';
import { documentTrigramsOf, TrigramQuery } from '../core/symbolTrigrams';
import type { WorkspaceIndex } from '../core/workspaceIndex';
import { articleOf, rangeOf } from './lookup';

const ACTOR_SYMBOL = { person: SymbolKind.Constructor, organization: SymbolKind.Module, country: SymbolKind.Namespace, place: SymbolKind.Namespace } as const;

export function quoteSymbolName(quote: Quote): string {
  const words = quote.text.replace(/\s+/g, ' ').trim();
  const short = words.length > 48 ? `${words.slice(0, 48).trimEnd()}…` : words;
  return `${quote.speaker ?? 'Unattributed'}: “${short}”`;
}

/**
 * The outline: each article (source — title) with its quotes (nested quotes under their quote) and the
 * actors it mentions. Empty for an unknown document.
 */
export function provideDocumentSymbols(index: WorkspaceIndex, uri: string): DocumentSymbol[] {
  const doc = index.get(uri);
  if (!doc) return [];
  return doc.story.articles.map((article) => {
    const quotes = doc.analysis.quotes.filter((q) => q.articleIndex === article.index);
    const symbolOf = (q: Quote): DocumentSymbol => ({
      name: quoteSymbolName(q),
      detail: q.kind,
      kind: q.kind === 'name' ? SymbolKind.Key : SymbolKind.String,
      range: rangeOf(doc, q.outerSpan),
      selectionRange: rangeOf(doc, q.span),
      children: quotes.filter((c) => c.parentId === q.id).map(symbolOf),
    });
    const mentions = doc.analysis.mentions.filter((m) => m.articleIndex === article.index);
    const actorNames = [...new Set(mentions.map((m) => m.actor))];
    const actorSymbols: DocumentSymbol[] = actorNames.map((name) => {
      const first = mentions.find((m) => m.actor === name)!;
      const kind = doc.analysis.actors.get(name)?.kind ?? 'person';
      return { name, detail: kind, kind: ACTOR_SYMBOL[kind], range: rangeOf(doc, first), selectionRange: rangeOf(doc, first) };
    });
    const selection = article.sourceSpan && article.sourceSpan.end > article.sourceSpan.start ? article.sourceSpan : { start: article.span.start, end: article.span.start };
    return {
      name: `${article.source}${article.title ? ` — ${article.title}` : ''}`,
      detail: article.date ?? '',
      kind: SymbolKind.File,
      range: rangeOf(doc, article.span),
      selectionRange: rangeOf(doc, selection),
      children: [...quotes.filter((q) => !q.parentId).map(symbolOf), ...(actorSymbols.length ? [{ name: 'Actors', kind: SymbolKind.Package, range: rangeOf(doc, article.span), selectionRange: rangeOf(doc, selection), children: actorSymbols }] : [])],
    };
  });
}

/**
 * Quotes by their words or speaker, and actors by any alias: those whose text contains the query, ignoring
 * case. Actors first (by name), then quotes in document order; at most `limit` results. An empty query
 * lists the first `limit`. Only documents and actors whose trigram sketch may hold the query are tested.
 */
export function provideWorkspaceSymbols(index: WorkspaceIndex, query: string, limit = 200): WorkspaceSymbol[] {
  const out: WorkspaceSymbol[] = [];
  const search = new TrigramQuery(query);
  // A case-insensitive pattern tests names and quotes without making lower-case copies of them.
  const pattern = new RegExp(query.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'iu');
  const documents = index.documents();
  const candidates = new Set<string>();
  if (!search.empty) for (const doc of documents) search.addActorCandidates(documentTrigramsOf(doc.analysis), candidates);
  // Each matching actor, in name order, where it is first named (the index works that out with the actors, once per change).
  let actorsLeft = limit;
  for (const actor of index.actors()) {
    if (actorsLeft <= 0) break;
    if (!search.empty && !(candidates.has(actor.name) && (pattern.test(actor.name) || actor.aliases.some((x) => pattern.test(x))))) continue;
    actorsLeft--;
    const first = index.firstMentionOf(actor.name);
    const doc = first ? index.get(first.uri) : undefined;
    if (first && doc) out.push({ name: actor.name, kind: ACTOR_SYMBOL[actor.kind], containerName: actor.kind, location: { uri: first.uri, range: rangeOf(doc, first.mention) } });
  }
  for (const doc of documents) {
    if (out.length >= limit) break;
    if (!search.empty && !search.mayMatchQuotes(documentTrigramsOf(doc.analysis))) continue;
    for (const q of doc.analysis.quotes) {
      if (out.length >= limit) break;
      if (!search.empty && !pattern.test(q.text) && !pattern.test(q.speaker ?? '')) continue;
      out.push({ name: quoteSymbolName(q), kind: SymbolKind.String, containerName: articleOf(doc, q).source, location: { uri: doc.uri, range: rangeOf(doc, q.span) } });
    }
  }
  return out;
}
