import * as vscode from 'vscode';
import type { GroupItem, LspLocation } from '../../server/src/protocol';
import type { ArticleLensContext } from './context';
import { isStoryDocument } from './config';
import { UserError } from './errors';
import { fileName, isLspRange, toLspPosition } from './locations';
import { applyVersionedEdit, type VersionedEditOptions } from './versionedEdit';
import { TreeNode } from './views/serverTree';

/** The active editor when it shows a story the server reads, else undefined. */
export function activeStoryEditor(ctx: ArticleLensContext): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor && isStoryDocument(editor.document, ctx.config) ? editor : undefined;
}

/** The active story editor, or a {@link UserError} saying to open one. */
export function requireStoryEditor(ctx: ArticleLensContext, action: string): vscode.TextEditor {
  const editor = activeStoryEditor(ctx);
  if (!editor) throw new UserError(`Open a story file (.articles) and put the cursor on a quote to ${action}.`);
  return editor;
}

/**
 * The active editor when annotations can be written into it: a story file (`articles`), not a plain
 * .txt article, which has no header.
 */
export function requireAnnotatableEditor(ctx: ArticleLensContext): vscode.TextEditor {
  const editor = vscode.window.activeTextEditor;
  if (editor && editor.document.languageId !== 'articles' && isStoryDocument(editor.document, ctx.config)) {
    throw new UserError(
      'Annotations are written in a story file\'s article headers, and a plain .txt article has none. Copy the article into a .articles story (Article Lens: Add Article from Plain-Text File…) to annotate it.',
    );
  }
  if (!editor || editor.document.languageId !== 'articles') throw new UserError('Open a story file (.articles) and put the cursor inside an article first.');
  return editor;
}

/**
 * The position a command about "the quote at the cursor" asks about: the start of the selection when
 * there is one. Go to Quote and the views select a whole quote, and its end can also be the end of a
 * quote nested in it, while its start is inside only the quote that was selected.
 */
export function quotePosition(editor: vscode.TextEditor): vscode.Position {
  return editor.selection.isEmpty ? editor.selection.active : editor.selection.start;
}

/** A location passed to a command: an object with a string `uri` and a well-formed `range`. */
export function asLocation(value: unknown): LspLocation | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { uri, range } = value as { uri?: unknown; range?: unknown };
  return typeof uri === 'string' && isLspRange(range) ? { uri, range } : undefined;
}

/**
 * The variant group a command is about: the tree row it was run on, else the quote at the cursor.
 * Undefined when the cursor is not on a quote that another source also carries.
 */
export async function groupForCommand(ctx: ArticleLensContext, argument: unknown): Promise<GroupItem | undefined> {
  if (argument instanceof TreeNode) {
    if (argument.data.group) return argument.data.group;
    const row = argument.data.groupRow;
    if (row) return (await ctx.request('group', { id: row.id, rootKey: row.rootKey })) ?? undefined;
    const location = argument.data.location;
    return location ? ((await ctx.request('groupAt', { uri: location.uri, position: location.range.start })) ?? undefined) : undefined;
  }
  const editor = activeStoryEditor(ctx);
  if (!editor) return undefined;
  const group = await ctx.request('groupAt', { uri: editor.document.uri.toString(), position: toLspPosition(quotePosition(editor)) });
  return group ?? undefined;
}

/**
 * Applies a WorkspaceEdit built from the document's current text, never over a change it did not see
 * (see {@link applyVersionedEdit}); says plainly, as a {@link UserError}, when the document changed or
 * closed first, so that the user runs the command again.
 */
export async function applyDocumentEdit(document: vscode.TextDocument, build: () => vscode.WorkspaceEdit, options: VersionedEditOptions = {}): Promise<void> {
  const outcome = await applyVersionedEdit(document, build, (edit) => vscode.workspace.applyEdit(edit), options);
  const name = fileName(document.uri);
  if (outcome === 'changed') throw new UserError(`${name} changed while the edit was being prepared, so nothing was written. Run the command again.`);
  if (outcome === 'closed') throw new UserError(`${name} was closed before the edit could be written. Open it and run the command again.`);
  if (outcome === 'refused') throw new Error(`VS Code did not apply the edit to ${name} (is the file read-only?)`);
}
