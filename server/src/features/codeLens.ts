import type { CodeLens } from 'vscode-languageserver';
import type { WorkspaceIndex } from '../core/workspaceIndex';
import { rangeOf, refOf } from './lookup';
import { groupSummary } from './variantView';

/** Above each quote that other sources repeat: its group summary, opening the comparison view. */
export function provideCodeLenses(index: WorkspaceIndex, uri: string): CodeLens[] {
  const doc = index.get(uri);
  if (!doc) return [];
  const lenses: CodeLens[] = [];
  for (const quote of doc.analysis.quotes) {
    if (quote.parentId) continue;
    const group = index.groupsOf(refOf(doc, quote).key)[0];
    if (!group) continue;
    const summary = groupSummary(index, group);
    const range = rangeOf(doc, quote.span);
    lenses.push({ range, command: { title: summary, command: 'articleLens.compareVariants', arguments: [uri, range.start] } });
  }
  return lenses;
}
