import { detachStrings } from './detachedCopy';
import type { IndexedDocument } from './workspaceIndex';

/** A text kept in a compact form, read back (whole) when asked for. */
export interface CompactedText {
  readonly text: string;
}

/** Keeps a text compact; undefined when it cannot (see `WorkspaceIndex.rememberOnly`). */
export type TextCompactor = (text: string) => CompactedText | undefined;

/** The documents made by `compactDocument`. */
const compacted = new WeakSet<IndexedDocument>();

export function isCompact(doc: IndexedDocument): boolean {
  return compacted.has(doc);
}

/**
 * The document with its text kept compact by `compactor`, read back when asked for; undefined when the
 * text cannot be kept so. The analysis (and the story) stay the same objects, with their strings made
 * copies of their own (`detached` says they are already) so that the text string can go.
 */
export function compactDocument(doc: IndexedDocument, compactor: TextCompactor, detached: boolean): IndexedDocument | undefined {
  const compact = compactor(doc.text);
  if (!compact) return undefined;
  if (!detached) detachStrings(doc.analysis, doc.text);
  // An analysis restored from the persisted index or a worker decodes some fields on first use, from
  // the text it was given: read now, they let go of it.
  else for (const value of [doc.analysis, doc.story]) for (const key of Object.keys(value)) void (value as unknown as Record<string, unknown>)[key];
  Object.defineProperty(doc.story, 'text', { enumerable: true, configurable: true, get: () => compact.text });
  // Built now, while the text is at hand: a hover lists versions from twenty documents, and building
  // their line indexes then would inflate twenty texts (about 4 ms).
  const lines = doc.lines;
  const result: IndexedDocument = {
    uri: doc.uri,
    get text() {
      return compact.text;
    },
    story: doc.story,
    analysis: doc.analysis,
    lines,
  };
  compacted.add(result);
  return result;
}
