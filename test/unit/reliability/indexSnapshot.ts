import { WorkspaceIndex } from '../../../server/src/core/workspaceIndex';
import { applyEdit, BASE_TEXTS, STORY_URIS, type Op } from './storyArbitraries';

/** Everything the index derives, as plain data, so two indexes can be compared with deepEqual. */
export function snapshot(index: WorkspaceIndex): unknown {
  return {
    uris: index.uris(),
    documents: index.documents().map((d) => ({
      uri: d.uri,
      quotes: d.analysis.quotes,
      ignoredQuotes: d.analysis.ignoredQuotes,
      mentions: d.analysis.mentions,
      problems: d.analysis.problems,
      actors: [...d.analysis.actors.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
    })),
    quoteKeys: [...index.quotes().keys()],
    groups: index.variantGroups().map((g) => ({ id: g.id, label: g.label, rootKey: g.rootKey, members: g.members.map((m) => ({ key: m.key, container: m.container, comparison: m.comparison })) })),
    actors: index.actors(),
    sources: [...index.sources()].sort(),
  };
}

/** Applies one operation to the index and to the map of texts it should now hold. */
export function applyOp(index: WorkspaceIndex, texts: Map<string, string>, op: Op): void {
  const uri = STORY_URIS[op.doc]!;
  if (op.kind === 'delete') {
    texts.delete(uri);
    index.removeDocument(uri);
    return;
  }
  const current = texts.get(uri);
  const next = op.kind === 'create' || current === undefined ? BASE_TEXTS[op.kind === 'create' ? op.base : op.doc]! : applyEdit(current, op);
  texts.set(uri, next);
  index.setDocument(uri, next);
}

/** Replays a scenario on one index, change by change; returns the index and the final texts. */
export function replay(initial: readonly boolean[], ops: readonly Op[], between?: (index: WorkspaceIndex) => void, index = new WorkspaceIndex()): { index: WorkspaceIndex; texts: Map<string, string> } {
  const texts = new Map<string, string>();
  initial.forEach((present, i) => {
    if (!present) return;
    texts.set(STORY_URIS[i]!, BASE_TEXTS[i]!);
    index.setDocument(STORY_URIS[i]!, BASE_TEXTS[i]!);
  });
  for (const op of ops) {
    between?.(index);
    applyOp(index, texts, op);
  }
  return { index, texts };
}

/** A fresh index over the texts, added in an order of its own (reverse), so order cannot matter. */
export function freshIndex(texts: ReadonlyMap<string, string>): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const uri of [...texts.keys()].sort().reverse()) index.setDocument(uri, texts.get(uri)!);
  return index;
}
