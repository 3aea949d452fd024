import * as vscode from 'vscode';
import type { LspLocation, LspPosition, LspRange } from '../../server/src/protocol';

/** Converts a protocol range to an editor range. */
export function toRange(range: LspRange): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

/** Converts an editor position to a protocol position. */
export function toLspPosition(position: vscode.Position): LspPosition {
  return { line: position.line, character: position.character };
}

/** True when a value has the shape of a protocol range (non-negative integer lines and characters). */
export function isLspRange(value: unknown): value is LspRange {
  if (typeof value !== 'object' || value === null) return false;
  const { start, end } = value as { start?: unknown; end?: unknown };
  return isLspPosition(start) && isLspPosition(end);
}

function isLspPosition(value: unknown): value is LspPosition {
  if (typeof value !== 'object' || value === null) return false;
  const { line, character } = value as { line?: unknown; character?: unknown };
  return Number.isSafeInteger(line) && Number.isSafeInteger(character) && (line as number) >= 0 && (character as number) >= 0;
}

/** A string that identifies a location exactly, for sets of the locations a view may open. */
export function locationKey(location: LspLocation): string {
  const { start, end } = location.range;
  return `${location.uri}#${start.line}:${start.character}-${end.line}:${end.character}`;
}

/** How {@link openLocation} shows the document. */
export interface OpenOptions {
  /** Keep the editor a preview (replaced by the next preview); defaults to false. */
  preview?: boolean;
  /** Leave the focus where it is (in a tree, a quick pick, a webview); defaults to false. */
  preserveFocus?: boolean;
  viewColumn?: vscode.ViewColumn;
}

/** Opens a document with the given range selected and revealed in the centre. */
export async function openLocation(location: LspLocation, options: OpenOptions = {}): Promise<vscode.TextEditor> {
  const range = toRange(location.range);
  const editor = await vscode.window.showTextDocument(vscode.Uri.parse(location.uri), {
    selection: range,
    preview: options.preview ?? false,
    preserveFocus: options.preserveFocus ?? false,
    ...(options.viewColumn !== undefined ? { viewColumn: options.viewColumn } : {}),
  });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}

/** The editor column to open a document in from a panel beside it: the last text editor's, else the first. */
export function textEditorColumn(): vscode.ViewColumn {
  return vscode.window.activeTextEditor?.viewColumn ?? vscode.window.visibleTextEditors[0]?.viewColumn ?? vscode.ViewColumn.One;
}

/** The file name of a uri, for labels (`story.articles`). */
export function fileName(uri: string | vscode.Uri): string {
  const path = typeof uri === 'string' ? vscode.Uri.parse(uri).path : uri.path;
  return path.slice(path.lastIndexOf('/') + 1) || path;
}

/** One line of at most `max` characters, for labels: line breaks and runs of spaces become one space. */
export function oneLine(text: string, max = 100): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}
