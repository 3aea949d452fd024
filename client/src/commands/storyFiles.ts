import * as vscode from 'vscode';
import type { ArticleLensContext } from '../context';
import { applyDocumentEdit } from '../editors';
import { UserError } from '../errors';
import { fileName } from '../locations';

/** New Story File: an untitled story with a template to fill in (tab moves between the fields). */
export async function newStory(): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language: 'articles', content: '' });
  const editor = await vscode.window.showTextDocument(document);
  const snippet = new vscode.SnippetString()
    .appendPlaceholder('What happened, in one line', 1)
    .appendText('\nNotes about the story go here, before the first "===" line: where the articles came from, when they were collected.\n\n=== ')
    .appendPlaceholder('Name of the outlet', 2)
    .appendText(' ===\ntitle: ')
    .appendPlaceholder('Headline', 3)
    .appendText('\ndate: ')
    .appendPlaceholder(today(), 4)
    .appendText('\nurl: ')
    .appendPlaceholder('https://', 5)
    .appendText('\n\n')
    .appendPlaceholder('Paste the article here, one paragraph per line.', 0)
    .appendText('\n');
  await editor.insertSnippet(snippet, new vscode.Position(0, 0));
  return editor;
}

/** Add Article from Clipboard: appends the clipboard's text, verbatim, as a new article. */
export async function addArticleFromClipboard(ctx: ArticleLensContext): Promise<void> {
  const text = await vscode.env.clipboard.readText();
  if (text.trim() === '') throw new UserError('The clipboard holds no text. Copy the article\'s text first.');
  await addArticle(ctx, text, undefined);
}

/** Add Article from Plain-Text File…: appends a UTF-8 text file's content, verbatim, as a new article. */
export async function addArticleFromFile(ctx: ArticleLensContext): Promise<void> {
  const [uri] =
    (await vscode.window.showOpenDialog({
      title: 'Add Article from Plain-Text File',
      openLabel: 'Add Article',
      canSelectMany: false,
      filters: { 'Text files': ['txt'], 'All files': ['*'] },
    })) ?? [];
  if (!uri) return;
  const bytes = await vscode.workspace.fs.readFile(uri);
  if (bytes.includes(0)) throw new UserError(`${fileName(uri)} does not look like text (it contains NUL bytes).`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UserError(`${fileName(uri)} is not UTF-8 text. Save it as UTF-8 and try again.`);
  }
  text = text.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new UserError(`${fileName(uri)} is empty.`);
  await addArticle(ctx, text, fileName(uri).replace(/\.[^.]*$/, ''));
}

/**
 * Asks the source, date and url, then appends `=== Source ===`, `date:`, `url:`, a blank line and the
 * body (its words verbatim, its line breaks the story's) to the active story, or to a new untitled
 * story when none is active.
 */
async function addArticle(_ctx: ArticleLensContext, body: string, suggestedSource: string | undefined): Promise<void> {
  const active = vscode.window.activeTextEditor;
  const target = active?.document.languageId === 'articles' ? active : undefined;
  const source = await vscode.window.showInputBox({
    title: 'Add Article (1/3): source',
    prompt: 'The outlet that published the article',
    placeHolder: 'e.g. The Daily Ledger',
    ...(suggestedSource ? { value: suggestedSource } : {}),
    ignoreFocusOut: true,
    validateInput: (value) => {
      if (value.trim() === '') return 'Enter the name of the outlet.';
      if (/[\r\n]/.test(value)) return 'The source is one line.';
      if (value.trim().startsWith('=')) return 'The source cannot start with "=".';
      return undefined;
    },
  });
  if (source === undefined) return;
  const date = await vscode.window.showInputBox({
    title: 'Add Article (2/3): date',
    prompt: 'When it was published (optional; YYYY-MM-DD sorts best)',
    placeHolder: 'YYYY-MM-DD',
    ignoreFocusOut: true,
    validateInput: (value) => (/[\r\n]/.test(value) ? 'The date is one line.' : undefined),
  });
  if (date === undefined) return;
  const url = await vscode.window.showInputBox({
    title: 'Add Article (3/3): url',
    prompt: 'Where it was published (optional)',
    placeHolder: 'https://…',
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === '' || isWebAddress(value.trim()) ? undefined : 'Enter an address starting with http:// or https://, or leave it empty.'),
  });
  if (url === undefined) return;

  const finalBody = await escapeDelimiterLines(body);
  if (finalBody === undefined) return;
  const articleText = (eol: string): string => {
    const header = [`=== ${source.trim()} ===`, date.trim() && `date: ${date.trim()}`, url.trim() && `url: ${url.trim()}`].filter(Boolean).join(eol);
    // The body keeps its words; its line breaks become the story's.
    const text = finalBody.replace(/\r\n|\r|\n/g, eol);
    return `${header}${eol}${eol}${text}${/[\r\n]$/.test(text) ? '' : eol}`;
  };

  if (!target) {
    const document = await vscode.workspace.openTextDocument({ language: 'articles', content: articleText('\n') });
    await vscode.window.showTextDocument(document);
    return;
  }
  const document = target.document;
  // Built from the text as it is when the edit is applied (the dialogs took a while); rebuilt if a
  // keystroke gets in first, so the article always goes after the last line the user typed.
  let at = new vscode.Position(0, 0);
  await applyDocumentEdit(document, () => {
    const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    const existing = document.getText();
    const breaks = existing === '' ? 0 : Math.max(0, 2 - trailingLineBreaks(existing));
    const end = document.lineAt(document.lineCount - 1).range.end;
    at = new vscode.Position(end.line + breaks, 0);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, end, eol.repeat(breaks) + articleText(eol));
    return edit;
  });
  at = document.validatePosition(at);
  target.selection = new vscode.Selection(at, at);
  target.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.AtTop);
  vscode.window.setStatusBarMessage(`$(check) Added the article from ${source.trim()}.`, 5000);
}

/**
 * A body line starting with `===` would open a new article. Offers to escape such lines with a
 * backslash, the format's escape (the text is otherwise kept as it is); undefined when cancelled.
 */
async function escapeDelimiterLines(body: string): Promise<string | undefined> {
  const count = (body.match(/^===/gm) ?? []).length;
  if (count === 0) return body;
  const escape = 'Escape with "\\"';
  const keep = 'Add As Is';
  const choice = await vscode.window.showWarningMessage(
    `${count === 1 ? 'One line' : `${count} lines`} of the article start${count === 1 ? 's' : ''} with "===", which would start a new article. Escape ${count === 1 ? 'it' : 'them'} with a backslash ("\\===")? The text is kept otherwise.`,
    { modal: true },
    escape,
    keep,
  );
  if (choice === escape) return body.replace(/^===/gm, '\\===');
  return choice === keep ? body : undefined;
}

/** How many line breaks (CRLF, LF or CR) end the text. */
function trailingLineBreaks(text: string): number {
  let count = 0;
  let i = text.length;
  while (i > 0) {
    if (text.endsWith('\r\n', i)) i -= 2;
    else if (text[i - 1] === '\n' || text[i - 1] === '\r') i -= 1;
    else break;
    count++;
  }
  return count;
}

function isWebAddress(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function today(): string {
  const now = new Date();
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
