import { TreeNode } from '../views/serverTree';
import type { ArticleLensContext } from '../context';
import type { QuoteGrouping } from '../views/quotesView';
import type { ScopeMode } from '../views/viewScope';

/** Group Quotes by Speaker / by Variant Group: the two icons of the Quotes view's toggle. */
export async function setQuoteGrouping(ctx: ArticleLensContext, grouping: QuoteGrouping): Promise<void> {
  await ctx.views.quotes.setGrouping(grouping);
}

/** Show the Active Story Only / Show the Whole Workspace: the scope toggle shared by the three views. */
export async function setViewScope(ctx: ArticleLensContext, mode: ScopeMode): Promise<void> {
  await ctx.scope.setMode(mode);
}

/** Refresh: asks the server again for every view's rows. */
export function refreshViews(ctx: ArticleLensContext): void {
  ctx.views.quotes.refresh();
  ctx.views.actors.refresh();
  ctx.views.sources.refresh();
}

/** Show More: the row at the end of a long list fetches the next page of it in its place. */
export async function showMoreRows(_ctx: ArticleLensContext, node?: unknown): Promise<void> {
  if (node instanceof TreeNode) await node.data.showMore?.();
}
