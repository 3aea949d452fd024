import { diffWordsWithSpace } from 'diff';
import { detachedString } from '../core/detachedCopy';
import type { VariantGroup, WorkspaceIndex } from '../core/workspaceIndex';
import type { DiffPart, GroupItem, VariantItem } from '../protocol';
import { articleOf, quoteLocation } from './lookup';

/**
 * One variant group as the hover, the comparison view and the coverage matrix show it. Only the members
 * `diffed` (by key and place) get their word differences from the root: a hover shows a few of a viral
 * quote's thousands of versions, and a code lens none.
 */
export function groupItem(index: WorkspaceIndex, group: VariantGroup, diffed: (key: string, at: number) => boolean = () => true): GroupItem {
  const root = index.quote(group.rootKey)!;
  const members: VariantItem[] = group.members.map((m, at) => {
    const ref = index.quote(m.key)!;
    const doc = index.get(ref.uri)!;
    const article = articleOf(doc, ref.quote);
    return {
      key: m.key,
      ...quoteLocation(index, ref),
      text: ref.quote.text,
      source: article.source,
      date: article.date ?? null,
      speaker: ref.quote.speaker,
      type: m.comparison.type,
      container: m.container,
      negationChanged: m.comparison.negationChanged,
      isRoot: m.key === group.rootKey,
      diff: m.key === group.rootKey ? [{ kind: 'equal', text: ref.quote.text }] : diffed(m.key, at) ? wordDiff(root.quote.text, ref.quote.text) : [],
    };
  });
  return { id: group.id, label: group.label, rootKey: group.rootKey, summary: summaryOf(index, members), members };
}

/** Word-by-word differences of a version against the root; punctuation counts as a word. */
export function wordDiff(root: string, version: string): DiffPart[] {
  // A key of its own: one made of the quotes' texts would keep the whole story text of their version alive.
  const key = detachedString(`${root}\u0000${version}`);
  let parts = recentDiffs.get(key);
  if (parts) recentDiffs.delete(key);
  else parts = diffWordsWithSpace(root, version, { ignoreCase: true }).map((part) => ({ kind: part.added ? 'inserted' : part.removed ? 'dropped' : 'equal', text: detachedString(part.value) }));
  recentDiffs.set(key, parts);
  if (recentDiffs.size > RECENT_DIFFS) recentDiffs.delete(recentDiffs.keys().next().value!);
  return parts;
}

/** Hovers over one group ask for the same differences again and again: the latest are kept. */
const RECENT_DIFFS = 500;
const recentDiffs = new Map<string, DiffPart[]>();

/** "quoted by 3 of 4 sources; 1 elision, 1 changed words" */
function summaryOf(index: WorkspaceIndex, members: readonly VariantItem[]): string {
  const sources = new Set(members.map((m) => m.source));
  const allSources = index.sources();
  const counts = new Map<string, number>();
  for (const m of members) if (!m.isRoot) counts.set(m.type, (counts.get(m.type) ?? 0) + 1);
  const parts = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([type, n]) => `${n} ${type.replace('-', ' ')}`);
  return `quoted by ${sources.size} of ${allSources.size} sources${parts.length ? `; ${parts.join(', ')}` : ''}`;
}
