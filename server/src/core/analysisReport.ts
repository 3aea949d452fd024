import type { Range } from './lineIndex';
import { allSteps } from './steps';
import type { WorkspaceIndex } from './workspaceIndex';

/** The JSON shape of `article-lens analyze --json` (version 1), which other tools rely on. */
export interface AnalysisReport {
  readonly version: 1;
  readonly articles: ReadonlyArray<{ id: string; file: string; source: string; title: string | null; date: string | null; url: string | null; range: Range }>;
  readonly quotes: ReadonlyArray<{ id: string; articleId: string; file: string; text: string; range: Range; speaker: string | null; kind: string; groups: string[] }>;
  readonly actors: ReadonlyArray<{ id: string; name: string; kind: string; aliases: string[]; mentions: Array<{ file: string; range: Range; text: string }> }>;
  readonly variantGroups: ReadonlyArray<{ id: string; label: string; root: string | null; quoteIds: string[]; variants: Array<{ quoteId: string; type: string }> }>;
}

/**
 * Builds the report for every document of the index. `fileOf` turns a document URI into the path the
 * user gave. Ids are short and sequential (a1, q1, actor1, g1) in document order.
 */
export function buildReport(index: WorkspaceIndex, fileOf: (uri: string) => string = (u) => u, scope?: string): AnalysisReport {
  return allSteps(reportSteps(index, fileOf, scope));
}

/** Records made between two steps of `reportSteps`. */
const RECORDS_PER_STEP = 500;

/**
 * The work of `buildReport` as steps of a few hundred records (each `yield`), so that a server can
 * answer other requests in between. The index must not change until the last step: a caller that
 * yields checks for changes and starts again.
 */
export function* reportSteps(index: WorkspaceIndex, fileOf: (uri: string) => string = (u) => u, scope?: string): Generator<void, AnalysisReport> {
  let sinceStep = 0;
  /** Counts `records` made; true when a step's worth was made since the last. */
  const step = (records = 1): boolean => {
    sinceStep += records;
    if (sinceStep < RECORDS_PER_STEP) return false;
    sinceStep = 0;
    return true;
  };
  const inScope = (uri: string): boolean => scope === undefined || uri === scope;
  const articles: AnalysisReport['articles'][number][] = [];
  const quotes: AnalysisReport['quotes'][number][] = [];
  const articleIds = new Map<string, string>();
  const quoteIds = new Map<string, string>();
  const groups = index.variantGroups().filter((g) => g.members.some((m) => inScope(index.quote(m.key)!.uri)));
  const groupIds = new Map(groups.map((g, i) => [g.id, `g${i + 1}`]));

  for (const doc of index.documents().filter((d) => inScope(d.uri))) {
    for (const article of doc.story.articles) {
      const id = `a${articles.length + 1}`;
      articleIds.set(`${doc.uri}#${article.index}`, id);
      articles.push({
        id,
        file: fileOf(doc.uri),
        source: article.source,
        title: article.title ?? null,
        date: article.date ?? null,
        url: article.url ?? null,
        range: doc.lines.rangeOf(article.span),
      });
      if (step()) yield;
    }
  }
  for (const ref of [...index.quotes().values()].filter((r) => inScope(r.uri))) {
    const doc = index.get(ref.uri)!;
    const id = `q${quotes.length + 1}`;
    quoteIds.set(ref.key, id);
    quotes.push({
      id,
      articleId: articleIds.get(`${ref.uri}#${ref.quote.articleIndex}`)!,
      file: fileOf(ref.uri),
      text: ref.quote.text,
      range: doc.lines.rangeOf(ref.quote.span),
      speaker: ref.quote.speaker,
      kind: ref.quote.kind,
      groups: index.groupsOf(ref.key).map((g) => groupIds.get(g.id)!),
    });
    if (step()) yield;
  }
  const mentionsByActor = new Map<string, Array<{ file: string; range: Range; text: string }>>();
  for (const doc of index.documents().filter((d) => inScope(d.uri))) {
    for (const m of doc.analysis.mentions) {
      let list = mentionsByActor.get(m.actor);
      if (!list) mentionsByActor.set(m.actor, (list = []));
      list.push({ file: fileOf(doc.uri), range: doc.lines.rangeOf(m), text: m.text });
      if (step()) yield;
    }
  }
  const actors = index.actors().filter((a) => mentionsByActor.has(a.name)).map((a, i) => ({
    id: `actor${i + 1}`,
    name: a.name,
    kind: a.kind,
    aliases: a.aliases.filter((x) => x !== a.name),
    mentions: mentionsByActor.get(a.name) ?? [],
  }));
  const variantGroups: Array<AnalysisReport['variantGroups'][number]> = [];
  for (const g of groups) {
    variantGroups.push({
      id: groupIds.get(g.id)!,
      label: g.label,
      root: quoteIds.get(g.rootKey) ?? null,
      quoteIds: g.members.filter((m) => quoteIds.has(m.key)).map((m) => quoteIds.get(m.key)!),
      // Comparing a version with its root is most of this loop's work.
      variants: g.members.filter((m) => quoteIds.has(m.key)).map((m) => ({ quoteId: quoteIds.get(m.key)!, type: m.comparison.type })),
    });
    if (step(g.members.length)) yield;
  }
  return { version: 1, articles, quotes, actors, variantGroups };
}
