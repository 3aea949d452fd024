import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { ArticleLensContext } from './context';
import { messageOf } from './errors';
import type { ActorsView } from './views/actorsView';
import type { QuotesView } from './views/quotesView';
import type { SourcesView } from './views/sourcesView';

/** What `activate()` returns, so tests can wait for the server instead of sleeping. */
export interface ArticleLensApi {
  /** The language client of the current run, once the server answered `initialize`; rejects when it could not start. */
  readonly client: Promise<LanguageClient>;
  readonly quotesView: QuotesView;
  readonly actorsView: ActorsView;
  readonly sourcesView: SourcesView;
  /** The ids of every registered command (`articleLens.…`). */
  readonly commands: readonly string[];
  /** Resolves once the server has indexed the workspace (its first `articleLens/indexChanged`). */
  whenIndexed(): Promise<void>;
}

let context: ArticleLensContext | undefined;

/** Sets up the views, commands and status, starts the language server and returns the test API. */
export function activate(extension: vscode.ExtensionContext): ArticleLensApi {
  try {
    const ctx = new ArticleLensContext(extension);
    context = ctx;
    extension.subscriptions.push(ctx);
    const commands = registerCommands(ctx);
    // A failed start is shown to the user by the context (with how to fix it); the API's promises carry it to tests.
    ctx.start().catch(() => undefined);
    return {
      get client() {
        return ctx.clientReady;
      },
      quotesView: ctx.views.quotes,
      actorsView: ctx.views.actors,
      sourcesView: ctx.views.sources,
      commands,
      whenIndexed: () => ctx.whenIndexed(),
    };
  } catch (error) {
    void vscode.window.showErrorMessage(
      `Article Lens could not start: ${messageOf(error)}. Reload the window (Developer: Reload Window); if it happens again, reinstall the extension and report the message from the "Article Lens" output.`,
    );
    throw error;
  }
}

/** Stops the language server; VS Code waits for the returned promise. */
export function deactivate(): Promise<void> | undefined {
  const ctx = context;
  context = undefined;
  return ctx?.shutdown();
}
