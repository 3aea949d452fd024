import * as vscode from 'vscode';
import type { ArticleLensContext } from '../context';
import { UserError } from '../errors';

/** Restart Server: stops the language server, re-reads the settings and starts it again. */
export async function restartServer(ctx: ArticleLensContext): Promise<void> {
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Restarting the Article Lens server' }, () => ctx.restart());
  vscode.window.setStatusBarMessage('$(check) Article Lens server restarted.', 3000);
}

/** Show Output: the server's log and trace. */
export function showOutput(ctx: ArticleLensContext): void {
  ctx.output.show(true);
}

/**
 * Open Samples: opens the `samples` folder shipped with the extension in a new window, or says where
 * to find the samples when this build has none.
 */
export async function openSamples(ctx: ArticleLensContext): Promise<void> {
  const samples = vscode.Uri.joinPath(ctx.extension.extensionUri, 'samples');
  let found = false;
  try {
    found = (await vscode.workspace.fs.stat(samples)).type === vscode.FileType.Directory;
  } catch {
    found = false;
  }
  if (!found) {
    throw new UserError(
      'This build of Article Lens has no samples. They are in the samples/ folder of the Article Lens repository; or start your own with "Article Lens: New Story File".',
    );
  }
  await vscode.commands.executeCommand('vscode.openFolder', samples, { forceNewWindow: true });
}
