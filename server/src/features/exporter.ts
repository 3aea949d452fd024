import { reportSteps } from '../core/analysisReport';
import { allSteps } from '../core/steps';
import type { QuoteRef, WorkspaceIndex } from '../core/workspaceIndex';
import type { ExportFormat } from '../protocol';
import { recordJsonPieces } from '../jsonStream';
import { articleOf } from './lookup';

/**
 * The analysis as JSON (the CLI's shape), CSV (one row per quote) or W3C Web Annotation JSON-LD, where
 * each quote is anchored by a TextQuoteSelector (exact words with their prefix and suffix).
 */
export function exportAnalysis(index: WorkspaceIndex, format: ExportFormat, scope?: string): string {
  return allSteps(exportSteps(index, format, scope));
}

/** Records written between two steps of `exportSteps`. */
const RECORDS_PER_STEP = 2000;

/**
 * The work of `exportAnalysis` as steps (each `yield`) of a few hundred to a few thousand records: at
 * 10,000 articles the export is seconds of work, and a server answers other requests in between. The
 * index must not change until the last step (see `reportSteps`).
 */
export function* exportSteps(index: WorkspaceIndex, format: ExportFormat, scope?: string): Generator<void, string> {
  if (format === 'web-annotation') return yield* webAnnotationSteps(index, scope);
  const report = yield* reportSteps(index, (u) => u, scope);
  const pieces: string[] = [];
  if (format === 'json') {
    // As `analyze --json` writes it: one article, quote, actor or group per line.
    for (const piece of recordJsonPieces(report)) {
      pieces.push(piece);
      yield;
    }
    return pieces.join('');
  }
  pieces.push(['id', 'file', 'source', 'title', 'date', 'speaker', 'kind', 'groups', 'line', 'character', 'text'].join(','));
  const articles = new Map(report.articles.map((a) => [a.id, a]));
  for (const [i, q] of report.quotes.entries()) {
    const article = articles.get(q.articleId)!;
    const row = [q.id, q.file, article.source, article.title ?? '', article.date ?? '', q.speaker ?? '', q.kind, q.groups.join(' '), String(q.range.start.line + 1), String(q.range.start.character + 1), q.text];
    pieces.push(row.map(csvCell).join(','));
    if ((i + 1) % RECORDS_PER_STEP === 0) yield;
  }
  return pieces.join('\r\n') + '\r\n';
}

function* webAnnotationSteps(index: WorkspaceIndex, scope: string | undefined): Generator<void, string> {
  const refs = scope === undefined ? [...index.quotes().values()] : index.quotesOf(scope);
  const items: unknown[] = [];
  for (const [i, ref] of refs.entries()) {
    items.push(webAnnotation(index, ref, i));
    if ((i + 1) % RECORDS_PER_STEP === 0) yield;
  }
  return JSON.stringify({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection', label: 'Article Lens quotes', total: items.length, first: { type: 'AnnotationPage', items } }, null, 2);
}

/** One quote as a W3C Web Annotation, anchored by its exact words with their prefix and suffix. */
function webAnnotation(index: WorkspaceIndex, ref: QuoteRef, i: number): object {
  const doc = index.get(ref.uri)!;
  const article = articleOf(doc, ref.quote);
  const { start, end } = ref.quote.span;
  return {
    id: `urn:article-lens:quote:${i + 1}`,
    type: 'Annotation',
    motivation: 'identifying',
    body: [
      { type: 'TextualBody', purpose: 'tagging', value: ref.quote.kind },
      ...(ref.quote.speaker ? [{ type: 'TextualBody', purpose: 'identifying', value: `speaker: ${ref.quote.speaker}` }] : []),
      ...index.groupsOf(ref.key).map((g) => ({ type: 'TextualBody', purpose: 'linking', value: `variant group: ${g.label}` })),
    ],
    target: {
      source: ref.uri,
      ...(article.url ? { scope: article.url } : {}),
      selector: { type: 'TextQuoteSelector', exact: doc.text.slice(start, end), prefix: doc.text.slice(Math.max(0, start - 32), start), suffix: doc.text.slice(end, end + 32) },
    },
  };
}

function csvCell(value: string): string {
  // A leading = + - @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
