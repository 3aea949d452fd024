import type { FoldingRange } from 'vscode-languageserver';
import type { WorkspaceIndex } from '../core/workspaceIndex';

/** One fold per article, from its delimiter to its last line. */
export function provideFoldingRanges(index: WorkspaceIndex, uri: string): FoldingRange[] {
  const doc = index.get(uri);
  if (!doc) return [];
  return doc.story.articles
    .map((a) => ({ startLine: doc.lines.positionAt(a.span.start).line, endLine: doc.lines.positionAt(a.span.end).line }))
    .filter((r) => r.endLine > r.startLine);
}
