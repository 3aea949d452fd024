import * as vscode from 'vscode';
import type { ArticleLensContext } from '../context';
import { messageOf } from '../errors';
import { openLocation, textEditorColumn } from '../locations';
import type { ShownLocations } from './html';

/**
 * Opens the place a webview message names, if it is one the panel is showing; anything else is logged
 * and ignored, so a webview can never make the extension open an arbitrary file.
 */
export async function openShownLocation(ctx: ArticleLensContext, shown: ShownLocations, message: unknown, panelName: string): Promise<void> {
  const location = shown.resolve(message);
  if (!location) {
    ctx.output.warn(`Ignored a message from the ${panelName} that does not name one of the places it shows.`);
    return;
  }
  try {
    await openLocation(location, { viewColumn: textEditorColumn() });
  } catch (error) {
    void vscode.window.showErrorMessage(`Article Lens: could not open the article: ${messageOf(error)}.`);
  }
}
