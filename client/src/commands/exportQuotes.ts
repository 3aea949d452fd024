import * as vscode from 'vscode';
import type { ExportFormat, ScopeParams } from '../../../server/src/protocol';
import type { ArticleLensContext } from '../context';
import { activeStoryEditor } from '../editors';
import { messageOf, UserError } from '../errors';
import { fileName } from '../locations';
import { writeTextFile, WriteRefusedError } from '../safeWrite';

interface FormatItem extends vscode.QuickPickItem {
  readonly format: ExportFormat;
  readonly extension: string;
}

const FORMATS: readonly FormatItem[] = [
  { label: 'JSON', description: '.json', detail: 'Quotes, speakers, sources and variant groups, for scripts', format: 'json', extension: 'json' },
  { label: 'CSV', description: '.csv', detail: 'One row per quote, for spreadsheets', format: 'csv', extension: 'csv' },
  { label: 'Web Annotation JSON-LD', description: '.jsonld', detail: 'W3C Web Annotations of the quotes, for annotation tools', format: 'web-annotation', extension: 'jsonld' },
];

/**
 * Export…: asks the format (and, with a story active, whether to export it or the whole workspace),
 * has the server write the export, and saves it where the user chooses. Returns the file written.
 */
export async function exportQuotes(ctx: ArticleLensContext): Promise<vscode.Uri | undefined> {
  const format = await vscode.window.showQuickPick(FORMATS, { title: 'Export Quotes', placeHolder: 'Export format' });
  if (!format) return undefined;
  const story = activeStoryEditor(ctx)?.document.uri;
  let scope: ScopeParams = {};
  if (story) {
    const choice = await vscode.window.showQuickPick(
      [
        { label: `This story: ${fileName(story)}`, scope: { uri: story.toString() } as ScopeParams },
        { label: 'The whole workspace', scope: {} as ScopeParams },
      ],
      { title: 'Export Quotes', placeHolder: 'What to export' },
    );
    if (!choice) return undefined;
    scope = choice.scope;
  }
  const text = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Article Lens: exporting…', cancellable: true },
    (_progress, token) => ctx.request('export', { ...scope, format: format.format }, token),
  );
  const base = scope.uri ? fileName(scope.uri).replace(/\.[^.]*$/, '') : 'article-lens';
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? (story && story.scheme === 'file' ? vscode.Uri.joinPath(story, '..') : undefined);
  const target = await vscode.window.showSaveDialog({
    title: 'Export Quotes',
    saveLabel: 'Export',
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `${base}-quotes.${format.extension}`) } : {}),
    filters: { [format.label]: [format.extension] },
  });
  if (!target) return undefined;
  await writePickedFile(target, text);
  void vscode.window.showInformationMessage(`Article Lens: exported to ${fileName(target)}.`, 'Open').then((choice) => {
    if (choice === 'Open') void vscode.window.showTextDocument(target);
  });
  return target;
}

/**
 * Writes a file the user picked in the save dialog. It may be outside the workspace (the user chose
 * it), but not reached through a symbolic link in the workspace that leads out; it is replaced
 * atomically and keeps an existing file's byte order mark and line endings (a CSV saved from a
 * spreadsheet keeps the BOM it needs). Refuses a file open with unsaved changes, which the write would
 * silently overtake.
 */
async function writePickedFile(target: vscode.Uri, text: string): Promise<void> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
  if (open?.isDirty) throw new UserError(`${fileName(target)} is open with unsaved changes. Save or close it, then export again.`);
  try {
    if (target.scheme === 'file') {
      const roots = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
      await writeTextFile(target.fsPath, text, { roots, allowOutside: true }, { keepFormat: true });
    } else {
      // Not a file on this machine's disk (a remote or virtual file system): its provider writes it.
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    }
  } catch (error) {
    if (error instanceof WriteRefusedError) throw new UserError(`Nothing was exported: ${error.message}`);
    throw new Error(`could not write ${target.fsPath}: ${messageOf(error)}`);
  }
}
