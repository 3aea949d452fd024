import * as vscode from 'vscode';
import type { StatusResult } from '../../server/src/protocol';
import type { ArticleLensContext } from './context';
import { isCancellation, messageOf } from './errors';

/**
 * The `{}` item next to the language mode of story files: whether the server runs, and the counts of
 * the story in the active editor (from the `articleLens/status` request).
 */
export class ServerStatus implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private readonly disposables: vscode.Disposable[] = [];
  private pending: vscode.CancellationTokenSource | undefined;

  constructor(private readonly ctx: ArticleLensContext) {
    this.item = vscode.languages.createLanguageStatusItem('articleLens.status', { language: 'articles' });
    this.item.name = 'Article Lens';
    this.disposables.push(
      this.item,
      ctx.onDidChangeServerState(() => void this.update()),
      ctx.onIndexChanged(() => void this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => void this.update()),
    );
    void this.update();
  }

  /** Shows the server state, then asks the server for the counts when it runs. */
  async update(): Promise<void> {
    this.pending?.cancel();
    const state = this.ctx.serverState;
    this.item.busy = state === 'starting';
    if (state === 'starting') {
      this.show('$(sync) Article Lens', 'starting the language server…', vscode.LanguageStatusSeverity.Information, 'articleLens.showOutput', 'Show Output');
      return;
    }
    if (state === 'stopped') {
      const why = this.ctx.serverError ? `: ${this.ctx.serverError}` : '';
      this.show('$(error) Article Lens stopped', `the language server is not running${why}`, vscode.LanguageStatusSeverity.Error, 'articleLens.restartServer', 'Restart Server');
      return;
    }
    const source = new vscode.CancellationTokenSource();
    this.pending = source;
    const editor = vscode.window.activeTextEditor;
    const uri = editor?.document.languageId === 'articles' ? editor.document.uri.toString() : undefined;
    try {
      const result = await this.ctx.request('status', uri ? { uri } : {}, source.token);
      if (source.token.isCancellationRequested) return;
      this.show(...describe(result));
    } catch (error) {
      if (source.token.isCancellationRequested || isCancellation(error)) return;
      this.show('$(warning) Article Lens', `no counts: ${messageOf(error)}`, vscode.LanguageStatusSeverity.Warning, 'articleLens.showOutput', 'Show Output');
    }
  }

  private show(text: string, detail: string, severity: vscode.LanguageStatusSeverity, command: string, title: string): void {
    this.item.text = text;
    this.item.detail = detail;
    this.item.severity = severity;
    this.item.command = { command, title };
  }

  dispose(): void {
    this.pending?.cancel();
    for (const d of this.disposables) d.dispose();
  }
}

function describe(result: StatusResult): [string, string, vscode.LanguageStatusSeverity, string, string] {
  const workspace = `workspace: ${count(result.documents, 'story', 'stories')}, ${count(result.quotes, 'quote')}, ${count(result.groups, 'variant group')}`;
  const story = result.story;
  const text = story ? `$(quote) ${count(story.quotes, 'quote')}` : '$(check) Article Lens';
  const detail = story ? `${count(story.articles, 'article')} · ${count(story.actors, 'actor')} in this story; ${workspace}` : workspace;
  return [text, detail, vscode.LanguageStatusSeverity.Information, 'articleLens.goToQuote', 'Go to Quote…'];
}

function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
