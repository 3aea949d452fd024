import { buildReport } from '../core/analysisReport';
import type { WorkspaceIndex } from '../core/workspaceIndex';
import type { ExportFormat } from '../protocol';
import { recordJsonPieces } from '../jsonStream';
import { articleOf } from './lookup';

/**
 * The analysis as JSON (the CLI's shape), CSV (one row per quote) or W3C Web Annotation JSON-LD, where
 * each quote is anchored by a TextQuoteSelector (exact words with their prefix and suffix).
 */
export function exportAnalysis(index: WorkspaceIndex, format: ExportFormat, scope?: string): string {
  const report = buildReport(index, (u) => u, scope);
  if (format === 'json') {
    // As `analyze --json` writes it: one article, quote, actor or group per line.
    return [...recordJsonPieces(report)].join('');
  }
  if (format === 'csv') {
    const rows = [['id', 'file', 'source', 'title', 'date', 'speaker', 'kind', 'groups', 'line', 'character', 'text']];
    const articles = new Map(report.articles.map((a) => [a.id, a]));
    for (const q of report.quotes) {
      const article = articles.get(q.articleId)!;
      rows.push([q.id, q.file, article.source, article.title ?? '', article.date ?? '', q.speaker ?? '', q.kind, q.groups.join(' '), String(q.range.start.line + 1), String(q.range.start.character + 1), q.text]);
    }
    return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
  }
  const items = [...index.quotes().values()].filter((r) => scope === undefined || r.uri === scope).map((ref, i) => {
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
  });
  return JSON.stringify({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection', label: 'Article Lens quotes', total: items.length, first: { type: 'AnnotationPage', items } }, null, 2);
}

function csvCell(value: string): string {
  // A leading = + - @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
