import * as vscode from 'vscode';
import type { ExportFormat, ScopeParams } from '../../../server/src/protocol';
import type { ArticleLensContext } from '../context';
import { activeStoryEditor } from '../editors';
import { messageOf } from '../errors';
import { fileName } from '../locations';

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
  try {
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  } catch (error) {
    throw new Error(`could not write ${target.fsPath}: ${messageOf(error)}`);
  }
  void vscode.window.showInformationMessage(`Article Lens: exported to ${fileName(target)}.`, 'Open').then((choice) => {
    if (choice === 'Open') void vscode.window.showTextDocument(target);
  });
  return target;
}
