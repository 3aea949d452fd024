import * as vscode from 'vscode';
import type { QuoteItem } from '../../../server/src/protocol';
import type { ArticleLensContext } from '../context';
import { asLocation, groupForCommand, quotePosition, requireStoryEditor } from '../editors';
import { messageOf, UserError } from '../errors';
import { oneLine, openLocation, toLspPosition } from '../locations';

interface QuotePickItem extends vscode.QuickPickItem {
  readonly quote: QuoteItem;
}

/**
 * Go to Quote…: a quick pick of every quote in the workspace, searchable by its words (label),
 * speaker (description) and source (detail). Moving through it previews the quote; accepting opens it;
 * dismissing it goes back to where the cursor was.
 */
export async function goToQuote(ctx: ArticleLensContext): Promise<void> {
  const quotes = await ctx.request('listQuotes', {});
  if (quotes.length === 0) throw new UserError('No quotes found in the workspace yet. Open a story file (.articles), or run "Article Lens: Open Samples".');
  const picker = vscode.window.createQuickPick<QuotePickItem>();
  picker.title = 'Go to Quote';
  picker.placeholder = 'Type words of the quote, a speaker or a source';
  picker.matchOnDescription = true;
  picker.matchOnDetail = true;
  picker.items = quotes.map((quote) => ({
    label: oneLine(quote.text, 140),
    description: quote.speaker ?? 'unattributed',
    detail: [quote.source, quote.date, quote.articleTitle].filter(Boolean).join(' · '),
    quote,
  }));

  const origin = vscode.window.activeTextEditor;
  const originSelection = origin?.selection;
  let previewed = false;
  let accepted = false;
  picker.onDidChangeActive(([item]) => {
    if (!item) return;
    previewed = true;
    openLocation(item.quote, { preview: true, preserveFocus: true }).catch((error: unknown) => ctx.output.warn(`Previewing a quote: ${messageOf(error)}`));
  });
  picker.onDidAccept(() => {
    const item = picker.selectedItems[0];
    if (!item) return;
    accepted = true;
    picker.hide();
    openLocation(item.quote).catch((error: unknown) => void vscode.window.showErrorMessage(`Article Lens: could not open the quote: ${messageOf(error)}.`));
  });
  picker.onDidHide(() => {
    picker.dispose();
    if (accepted || !previewed || !origin || !originSelection) return;
    void vscode.window.showTextDocument(origin.document, { selection: originSelection, ...(origin.viewColumn ? { viewColumn: origin.viewColumn } : {}) }).then(undefined, () => undefined);
  });
  picker.show();
}

/** Next Variant / Previous Variant: the same quote in the next (or previous) source. */
export async function goToVariant(ctx: ArticleLensContext, direction: 1 | -1): Promise<void> {
  const editor = requireStoryEditor(ctx, 'go to its version in another source');
  const location = await ctx.request('variantNeighbor', {
    uri: editor.document.uri.toString(),
    position: toLspPosition(quotePosition(editor)),
    direction,
  });
  if (!location) throw new UserError('No other source carries the quote at the cursor (or the cursor is not on a quote).');
  await openLocation(location);
}

/** Go to Root: the fullest version of the quote at the cursor, or of the tree row it was run on. */
export async function goToRoot(ctx: ArticleLensContext, argument?: unknown): Promise<void> {
  const group = await groupForCommand(ctx, argument);
  if (!group) throw new UserError('The cursor is not on a quote that another source also carries, so it has no root to go to.');
  const root = group.members.find((m) => m.isRoot) ?? group.members[0];
  if (!root) throw new UserError('This variant group has no members.');
  await openLocation(root);
}

/** Opens a location given as `{ uri, range }` (from tree rows); anything else is ignored. */
export async function openLocationCommand(_ctx: ArticleLensContext, location?: unknown, options?: unknown): Promise<void> {
  const target = asLocation(location);
  if (!target) return;
  const { preview, preserveFocus } = typeof options === 'object' && options !== null ? (options as { preview?: unknown; preserveFocus?: unknown }) : {};
  await openLocation(target, { preview: preview === true, preserveFocus: preserveFocus === true });
}
