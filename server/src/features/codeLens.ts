import type { CodeLens } from 'vscode-languageserver';
import type { WorkspaceIndex } from '../core/workspaceIndex';
import { rangeOf, refOf } from './lookup';
import { groupItem } from './variantView';

/** Above each quote that other sources repeat: its group summary, opening the comparison view. */
export function provideCodeLenses(index: WorkspaceIndex, uri: string): CodeLens[] {
  const doc = index.get(uri);
  if (!doc) return [];
  const lenses: CodeLens[] = [];
  for (const quote of doc.analysis.quotes) {
    if (quote.parentId) continue;
    const group = index.groupsOf(refOf(doc, quote).key)[0];
    if (!group) continue;
    // The lens shows the summary only: no word differences.
    const item = groupItem(index, group, () => false);
    const range = rangeOf(doc, quote.span);
    lenses.push({ range, command: { title: item.summary, command: 'articleLens.compareVariants', arguments: [uri, range.start] } });
  }
  return lenses;
}
