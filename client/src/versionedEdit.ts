// Edits of open documents. VS Code sends a WorkspaceEdit with the version the extension host last saw
// of each document and refuses it when the editor is already past that version, so an edit built
// from stale text never overwrites a keystroke. This decides what to do then. No `vscode` import: the
// unit tests run it in plain Node with a stand-in document.

/** What an edit needs of the document it changes (a `vscode.TextDocument` has both). */
export interface VersionedDocument {
  readonly version: number;
  readonly isClosed: boolean;
}

/**
 * - `applied`: the edit is in the document (and on its undo stack);
 * - `changed`: the document moved past the text the edit was built from, and nothing was applied;
 * - `closed`: the document was closed, and nothing was applied;
 * - `refused`: VS Code refused the edit for another reason (a read-only file).
 */
export type EditOutcome = 'applied' | 'changed' | 'closed' | 'refused';

export interface VersionedEditOptions {
  /**
   * The version the caller read positions at (before asking the user something, say). When given,
   * the edit is applied only at that version: a later one means the positions may be stale.
   */
  readonly expectedVersion?: number;
  /** Without `expectedVersion`: how many times to rebuild the edit from the current text (default 3). */
  readonly attempts?: number;
}

/**
 * Builds an edit from the document as it is now and applies it. When VS Code refuses it because a
 * keystroke got in first, rebuilds it from the new text and tries again, or, with an expected version,
 * gives up: the caller says so and the user runs the command again. Never applies a stale edit.
 */
export async function applyVersionedEdit<E>(
  document: VersionedDocument,
  build: () => E,
  apply: (edit: E) => PromiseLike<boolean>,
  options: VersionedEditOptions = {},
): Promise<EditOutcome> {
  const attempts = options.expectedVersion === undefined ? Math.max(1, options.attempts ?? 3) : 1;
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (document.isClosed) return 'closed';
    if (options.expectedVersion !== undefined && document.version !== options.expectedVersion) return 'changed';
    const builtAt = document.version;
    const edit = build();
    if (await apply(edit)) return 'applied';
    if (document.isClosed) return 'closed';
    if (document.version === builtAt) return 'refused';
  }
  return 'changed';
}
