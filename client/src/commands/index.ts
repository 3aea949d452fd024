import * as vscode from 'vscode';
import type { ArticleLensContext } from '../context';
import { isCancellation, messageOf, UserError } from '../errors';
import { ServerNotRunningError } from '../serverApi';
import { addActorAlias, attributeQuote, ignoreQuote } from './annotations';
import { compareVariants, showCoverageMatrix } from './comparison';
import { exportQuotes } from './exportQuotes';
import { goToQuote, goToRoot, goToVariant, openLocationCommand } from './navigation';
import { openSamples, restartServer, showOutput } from './server';
import { addArticleFromClipboard, addArticleFromFile, newStory } from './storyFiles';
import { refreshViews, setQuoteGrouping, setViewScope, showMoreRows } from './viewCommands';

/** Prefix of every command id. */
export const COMMAND_PREFIX = 'articleLens.';

/** One command of the table. */
export interface CommandSpec {
  /** As in package.json, for messages ("Compare Variants needs the language server…"). */
  readonly title: string;
  /** Refuses, saying so, while the language server is not running. */
  readonly needsServer: boolean;
  /** Changes a document or writes a file: refused in an untrusted (Restricted Mode) workspace. */
  readonly writes?: boolean;
  run(ctx: ArticleLensContext, ...args: unknown[]): unknown;
}

/**
 * Every command, by id without the `articleLens.` prefix. package.json contributes the same ids with
 * their titles, menus and keybindings.
 */
export const commandTable: Readonly<Record<string, CommandSpec>> = {
  goToQuote: { title: 'Go to Quote…', needsServer: true, run: goToQuote },
  nextVariant: { title: 'Next Variant', needsServer: true, run: (ctx) => goToVariant(ctx, 1) },
  previousVariant: { title: 'Previous Variant', needsServer: true, run: (ctx) => goToVariant(ctx, -1) },
  goToRoot: { title: 'Go to Root', needsServer: true, run: goToRoot },
  compareVariants: { title: 'Compare Variants', needsServer: true, run: compareVariants },
  showCoverageMatrix: { title: 'Coverage Matrix', needsServer: true, run: showCoverageMatrix },
  attributeQuote: { title: 'Attribute Quote to…', needsServer: true, writes: true, run: attributeQuote },
  addActorAlias: { title: 'Add Actor Alias…', needsServer: true, writes: true, run: addActorAlias },
  ignoreQuote: { title: 'Ignore Quote', needsServer: true, writes: true, run: ignoreQuote },
  newStory: { title: 'New Story File', needsServer: false, run: newStory },
  addArticleFromClipboard: { title: 'Add Article from Clipboard', needsServer: false, writes: true, run: addArticleFromClipboard },
  addArticleFromFile: { title: 'Add Article from Plain-Text File…', needsServer: false, writes: true, run: addArticleFromFile },
  export: { title: 'Export…', needsServer: true, writes: true, run: exportQuotes },
  restartServer: { title: 'Restart Server', needsServer: false, run: restartServer },
  showOutput: { title: 'Show Output', needsServer: false, run: showOutput },
  openSamples: { title: 'Open Samples', needsServer: false, run: openSamples },
  'quotes.groupBySpeaker': { title: 'Group Quotes by Speaker', needsServer: false, run: (ctx) => setQuoteGrouping(ctx, 'speaker') },
  'quotes.groupByVariant': { title: 'Group Quotes by Variant Group', needsServer: false, run: (ctx) => setQuoteGrouping(ctx, 'variant') },
  'views.showActiveStory': { title: 'Show the Active Story Only', needsServer: false, run: (ctx) => setViewScope(ctx, 'story') },
  'views.showWorkspace': { title: 'Show the Whole Workspace', needsServer: false, run: (ctx) => setViewScope(ctx, 'workspace') },
  'views.refresh': { title: 'Refresh', needsServer: false, run: refreshViews },
  'views.showMore': { title: 'Show More', needsServer: true, run: showMoreRows },
  openLocation: { title: 'Open Location', needsServer: false, run: openLocationCommand },
};

/** Registers every command of the table; returns their full ids. */
export function registerCommands(ctx: ArticleLensContext): string[] {
  return Object.entries(commandTable).map(([name, spec]) => {
    const id = COMMAND_PREFIX + name;
    ctx.extension.subscriptions.push(vscode.commands.registerCommand(id, (...args: unknown[]) => runCommand(ctx, spec, args)));
    return id;
  });
}

/**
 * Runs a command so that it never fails silently or obscurely: it refuses writes in Restricted Mode
 * and says when the server is down; a {@link UserError} becomes an information message, any other
 * error an error message with the command's title, and a cancellation nothing.
 */
async function runCommand(ctx: ArticleLensContext, spec: CommandSpec, args: unknown[]): Promise<unknown> {
  if (spec.writes && !vscode.workspace.isTrusted) {
    const manage = 'Manage Workspace Trust';
    const choice = await vscode.window.showWarningMessage(
      `Article Lens: "${spec.title}" writes to your files, which is turned off in Restricted Mode. Trust this workspace to use it.`,
      manage,
    );
    if (choice === manage) await vscode.commands.executeCommand('workbench.trust.manage');
    return undefined;
  }
  if (spec.needsServer && ctx.serverState === 'stopped') {
    await serverDown(ctx, spec, ctx.serverError);
    return undefined;
  }
  try {
    return await spec.run(ctx, ...args);
  } catch (error) {
    if (isCancellation(error)) return undefined;
    if (error instanceof UserError) {
      void vscode.window.showInformationMessage(`Article Lens: ${error.message}`);
      return undefined;
    }
    if (error instanceof ServerNotRunningError) {
      await serverDown(ctx, spec, undefined);
      return undefined;
    }
    ctx.output.error(`${spec.title} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    const show = 'Show Output';
    void vscode.window.showErrorMessage(`Article Lens: ${spec.title} failed: ${messageOf(error)}.`, show).then((choice) => {
      if (choice === show) ctx.output.show();
    });
    return undefined;
  }
}

async function serverDown(ctx: ArticleLensContext, spec: CommandSpec, reason: string | undefined): Promise<void> {
  const restart = 'Restart Server';
  const show = 'Show Output';
  const choice = await vscode.window.showWarningMessage(
    `Article Lens: "${spec.title}" needs the language server, which is not running${reason ? ` (${reason})` : ''}. Restart it, or see the output for what went wrong.`,
    restart,
    show,
  );
  if (choice === restart) await vscode.commands.executeCommand(`${COMMAND_PREFIX}restartServer`);
  if (choice === show) ctx.output.show();
}
