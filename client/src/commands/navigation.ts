import * as vscode from 'vscode';
import type { QuoteItem } from '../../../server/src/protocol';
import type { ArticleLensContext } from '../context';
import { asLocation, groupForCommand, quotePosition, requireStoryEditor } from '../editors';
import { isCancellation, messageOf, UserError } from '../errors';
import { oneLine, openLocation, toLspPosition } from '../locations';

interface QuotePickItem extends vscode.QuickPickItem {
  readonly quote: QuoteItem;
}

/** How long Go to Quote waits after a keystroke before it asks the server (one request per pause). */
const SEARCH_DELAY_MS = 120;

/** Quotes a Go to Quote list shows at once: the server finds them as the user types. */
const GO_TO_QUOTE_ROWS = 200;

/**
 * Go to Quote…: a quick pick of the workspace's quotes, searchable by their words, speaker and source.
 * The server finds the quotes holding every word typed (a workspace of 10,000 articles has 95,000
 * quotes, 60 MB as one list); the first 200 are listed. Moving through it previews the quote;
 * accepting opens it; dismissing it goes back to where the cursor was.
 */
export async function goToQuote(ctx: ArticleLensContext): Promise<void> {
  const first = await ctx.request('quotePage', { limit: GO_TO_QUOTE_ROWS });
  if (first.total === 0) throw new UserError('No quotes found in the workspace yet. Open a story file (.articles), or run "Article Lens: Open Samples".');
  const picker = vscode.window.createQuickPick<QuotePickItem>();
  picker.placeholder = 'Type words of the quote, a speaker or a source';
  picker.matchOnDescription = true;
  picker.matchOnDetail = true;
  const show = (page: { items: QuoteItem[]; total: number }): void => {
    picker.title = page.total > page.items.length ? `Go to Quote (${page.items.length} of ${page.total}: type more words)` : 'Go to Quote';
    picker.items = page.items.map((quote) => ({
      label: oneLine(quote.text, 140),
      description: quote.speaker ?? 'unattributed',
      detail: [quote.source, quote.date, quote.articleTitle].filter(Boolean).join(' · '),
      // Found by the server, whose match (every word, anywhere) is not the quick pick's own.
      alwaysShow: true,
      quote,
    }));
  };
  show(first);
  let asked = 0;
  let timer: NodeJS.Timeout | undefined;
  let pending: vscode.CancellationTokenSource | undefined;
  picker.onDidChangeValue((value) => {
    if (timer) clearTimeout(timer);
    pending?.cancel();
    timer = setTimeout(() => {
      const ask = ++asked;
      pending = new vscode.CancellationTokenSource();
      picker.busy = true;
      ctx.request('quotePage', { query: value, limit: GO_TO_QUOTE_ROWS }, pending.token).then(
        (page) => {
          if (ask !== asked) return;
          picker.busy = false;
          show(page);
        },
        (error: unknown) => {
          if (ask !== asked) return;
          picker.busy = false;
          if (!isCancellation(error)) ctx.output.warn(`Go to Quote: ${messageOf(error)}`);
        },
      );
    }, SEARCH_DELAY_MS);
  });

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
    if (timer) clearTimeout(timer);
    pending?.cancel();
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
