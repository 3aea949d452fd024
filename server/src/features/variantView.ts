import { diffWordsWithSpace } from 'diff';
import { detachedString } from '../core/detachedCopy';
import type { VariantGroup, VariantMember, WorkspaceIndex } from '../core/workspaceIndex';
import type { DiffPart, GroupItem, VariantItem } from '../protocol';
import { articleOf, quoteLocation } from './lookup';

/** One variant group as the comparison view and the coverage matrix show it: every version, with its word differences. */
export function groupItem(index: WorkspaceIndex, group: VariantGroup, withDiffs = true): GroupItem {
  const rootText = index.quote(group.rootKey)!.quote.text;
  const members = group.members.map((m) => variantItem(index, group, m, rootText, withDiffs));
  return { id: group.id, label: group.label, rootKey: group.rootKey, summary: summaryOf(index, members), members };
}

/** One version of a group, with where it is and its word differences from the root. */
export function variantItem(index: WorkspaceIndex, group: VariantGroup, m: VariantMember, rootText = index.quote(group.rootKey)!.quote.text, withDiffs = true): VariantItem {
  const ref = index.quote(m.key)!;
  const article = articleOf(index.get(ref.uri)!, ref.quote);
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
    ...(withDiffs ? { diff: m.key === group.rootKey ? [{ kind: 'equal', text: ref.quote.text }] : wordDiff(rootText, ref.quote.text) } : {}),
  };
}

/** Word-by-word differences of a version against the root; punctuation counts as a word. */
export function wordDiff(root: string, version: string): DiffPart[] {
  // A copy of the root (most versions are): one equal part, as the diff makes it, without diffing.
  if (root === version) return version === '' ? [] : [{ kind: 'equal', text: detachedString(version) }];
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
const RECENT_DIFFS = 200;
const recentDiffs = new Map<string, DiffPart[]>();

/**
 * "quoted by 3 of 4 sources; 1 elision, 1 changed words": from each version's source and type only, so a
 * hover or a code lens on a quote copied thousands of times does not lay out every version.
 */
export function groupSummary(index: WorkspaceIndex, group: VariantGroup): string {
  const sources = index.memberSources(group);
  return summaryOf(
    index,
    group.members.map((m, i) => ({ source: sources[i]!, type: m.comparison.type, isRoot: m.key === group.rootKey })),
  );
}

function summaryOf(index: WorkspaceIndex, versions: ReadonlyArray<{ source: string; type: string; isRoot: boolean }>): string {
  const sources = new Set(versions.map((v) => v.source));
  const counts = new Map<string, number>();
  for (const v of versions) if (!v.isRoot) counts.set(v.type, (counts.get(v.type) ?? 0) + 1);
  const parts = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([type, n]) => `${n} ${type.replace('-', ' ')}`);
  return `quoted by ${sources.size} of ${index.sources().size} sources${parts.length ? `; ${parts.join(', ')}` : ''}`;
}
