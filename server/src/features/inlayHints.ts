import type { InlayHint, Range } from 'vscode-languageserver';
import type { WorkspaceIndex } from '../core/workspaceIndex';
import { offsetOf } from './lookup';

/** The resolved speaker after a quote whose speaker the nearby text does not name (a pronoun, a previous quote). */
export function provideInlayHints(index: WorkspaceIndex, uri: string, range: Range): InlayHint[] {
  const doc = index.get(uri);
  if (!doc) return [];
  const from = offsetOf(doc, range.start);
  const to = offsetOf(doc, range.end);
  return doc.analysis.quotes
    .filter((q) => q.speaker && q.outerSpan.end >= from && q.outerSpan.start <= to)
    .filter((q) => q.attribution && (q.attribution.method === 'pronoun' || q.attribution.method === 'previous-quote' || q.attribution.method === 'sentence-subject'))
    .map((q) => ({ position: doc.lines.positionAt(q.outerSpan.end), label: ` — ${q.speaker}`, paddingLeft: true, tooltip: `Speaker found by ${q.attribution!.method.replace('-', ' ')}` }));
}
