import * as vscode from 'vscode';
import { MAX_PAGE, type GroupItem } from '../../../server/src/protocol';
import type { ArticleLensContext } from '../context';
import { activeStoryEditor, groupForCommand } from '../editors';
import { UserError } from '../errors';
import { fileName, oneLine } from '../locations';
import { TreeNode } from '../views/serverTree';
import { ComparisonPanel, currentGroup } from '../webviews/comparisonPanel';
import { CoverageMatrix } from '../webviews/coverageMatrix';

/**
 * Compare Variants: the group of the tree row it was run on, or of the quote at the cursor; else a
 * quick pick of the groups of the active story (or of the workspace).
 */
export async function compareVariants(ctx: ArticleLensContext, argument?: unknown): Promise<ComparisonPanel | undefined> {
  const group = (await groupForCommand(ctx, argument)) ?? (argument instanceof TreeNode ? undefined : await pickGroup(ctx));
  if (!group) return undefined;
  // A group from a list that leaves the word differences out (the Quotes view, the pick) is fetched with them.
  const shown = group.members.every((m) => m.diff !== undefined) ? group : ((await currentGroup(ctx, group)) ?? group);
  return ComparisonPanel.show(ctx, shown);
}

async function pickGroup(ctx: ArticleLensContext): Promise<GroupItem | undefined> {
  const editor = activeStoryEditor(ctx);
  const scope = editor ? { uri: editor.document.uri.toString() } : {};
  // A workspace may have tens of thousands of groups: the first thousand, in the order they are first quoted.
  const rows = await ctx.request('groupRows', { ...scope, limit: MAX_PAGE });
  if (rows.total === 0) {
    throw new UserError(`No quote is carried by two sources ${editor ? `in ${fileName(editor.document.uri)}` : 'in the workspace'} yet, so there is nothing to compare.`);
  }
  const picked = await vscode.window.showQuickPick(
    rows.items.map((row) => ({
      label: oneLine(row.label, 120),
      description: row.summary,
      detail: `${row.memberCount} versions`,
      row,
    })),
    {
      title: rows.total > rows.items.length ? `Compare Variants (the first ${rows.items.length} of ${rows.total} groups)` : 'Compare Variants',
      placeHolder: editor ? 'The cursor is not on a quote other sources carry: pick a quote to compare' : 'Pick a quote to compare across sources',
      matchOnDescription: true,
    },
  );
  if (!picked) return undefined;
  const group = await ctx.request('group', { id: picked.row.id, rootKey: picked.row.rootKey });
  if (!group) throw new UserError('That group changed while the list was open: run Compare Variants again.');
  return group;
}

/** Coverage Matrix: which source quotes which group, for the active story, else the views' scope. */
export async function showCoverageMatrix(ctx: ArticleLensContext): Promise<CoverageMatrix> {
  const editor = activeStoryEditor(ctx);
  const scope = editor ? { uri: editor.document.uri.toString() } : (ctx.scope.params ?? {});
  return CoverageMatrix.show(ctx, scope);
}
