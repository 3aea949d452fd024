import * as vscode from 'vscode';
import type { ArticleLensApi } from '../../../client/src/extension';
import { waitFor, within } from './waitFor';

export const EXTENSION_ID = 'article-lens.article-lens';
export const STORY_NAME = 'mediate-russia-first.articles';
export const SOURCES = ['Outlet 000 (unnamed tabloid)', 'Outlet 001 (unnamed wire report)', 'Новая газета Европа', 'Outlet 004 (unnamed news site)'] as const;
/** Trump's line as the Outlet 001 wire report carries it (a variant: it ends with a comma). */
export const TRUMP_QUOTE = 'Vladimir, let’s mediate Russia first. You can worry about this later,';
/** The same line in its fullest version, the root of its variant group (Outlet 004). */
export const TRUMP_ROOT = 'I said, ‘Vladimir, let’s mediate Russia first. You can worry about this later.’';

let api: Promise<ArticleLensApi> | undefined;

/**
 * Activates Article Lens (installed or under development) and waits until its server has indexed the
 * workspace. Checks what every test relies on, so that a wrong setup fails once with a clear message.
 */
export function articleLens(): Promise<ArticleLensApi> {
  api ??= (async () => {
    const extension = vscode.extensions.getExtension<ArticleLensApi>(EXTENSION_ID);
    if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this VS Code`);
    if (!vscode.workspace.getConfiguration('articleLens').get<boolean>('files.includeTxt')) {
      // The references test needs the seed .txt files indexed; the runners write this setting.
      throw new Error('articleLens.files.includeTxt is off: run the suite on a copy of samples/ with it on in .vscode/settings.json');
    }
    const exported = await within(`${EXTENSION_ID} to activate`, extension.activate());
    await within('the language server to start', exported.client);
    await within('the language server to index the workspace', exported.whenIndexed());
    return exported;
  })();
  return api;
}

/** The sample story, opened in an editor (the hover and the diagnostics need an open document). */
export async function openStory(): Promise<vscode.TextEditor> {
  const [uri] = await vscode.workspace.findFiles(STORY_NAME, undefined, 1);
  if (!uri) throw new Error(`${STORY_NAME} is not in the workspace (${vscode.workspace.workspaceFolders?.map((f) => f.uri.fsPath).join(', ') ?? 'no folder open'})`);
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  await waitFor(`${STORY_NAME} to be an Article Lens document`, () => document.languageId === 'articles');
  return editor;
}

/** The position of `needle` in the document, moved `offset` characters into it. */
export function positionOf(document: vscode.TextDocument, needle: string, offset = 0): vscode.Position {
  const at = document.getText().indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" is not in ${document.uri.fsPath}`);
  return document.positionAt(at + offset);
}

/** The plain text of hover contents, Markdown or not. */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}
