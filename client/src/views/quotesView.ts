import * as vscode from 'vscode';
import type { GroupItem, QuoteItem, ScopeParams } from '../../../server/src/protocol';
import type { ArticleLensContext } from '../context';
import { oneLine } from '../locations';
import { quoteNode, ServerTreeView, TreeNode, variantNode } from './serverTree';

/** How the Quotes view arranges quotes: by variant group (root wording → one row per source) or by speaker. */
export type QuoteGrouping = 'variant' | 'speaker';

const MEMENTO_KEY = 'articleLens.quotesGrouping';

/** The Quotes view: every quote of the scope, by variant group or by speaker. */
export class QuotesView extends ServerTreeView {
  private groupingValue: QuoteGrouping;

  constructor(ctx: ArticleLensContext) {
    super(ctx, 'articleLens.quotes', 'quotes', true);
    this.groupingValue = ctx.extension.workspaceState.get<QuoteGrouping>(MEMENTO_KEY) === 'speaker' ? 'speaker' : 'variant';
    void vscode.commands.executeCommand('setContext', 'articleLens.quotesGrouping', this.groupingValue);
  }

  get grouping(): QuoteGrouping {
    return this.groupingValue;
  }

  /** Switches the arrangement and remembers it for this workspace. */
  async setGrouping(grouping: QuoteGrouping): Promise<void> {
    this.groupingValue = grouping;
    await this.ctx.extension.workspaceState.update(MEMENTO_KEY, grouping);
    await vscode.commands.executeCommand('setContext', 'articleLens.quotesGrouping', grouping);
    this.refresh();
  }

  protected override async load(scope: ScopeParams, token: vscode.CancellationToken): Promise<TreeNode[]> {
    if (this.groupingValue === 'speaker') return bySpeaker(await this.ctx.request('listQuotes', scope, token));
    // The word differences are the comparison panel's: without them the list is a fifth of the work.
    const [groups, quotes] = await Promise.all([this.ctx.request('listGroups', { ...scope, withDiffs: false }, token), this.ctx.request('listQuotes', scope, token)]);
    return byVariantGroup(groups, quotes);
  }
}

function byVariantGroup(groups: GroupItem[], quotes: QuoteItem[]): TreeNode[] {
  const nodes = groups.map((group) => {
    const id = `group/${group.id}`;
    const item = new vscode.TreeItem(oneLine(group.label, 80), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = id;
    item.description = group.summary;
    item.tooltip = group.summary;
    item.iconPath = new vscode.ThemeIcon(group.members.some((m) => m.negationChanged) ? 'warning' : 'layers');
    item.contextValue = 'variantGroup';
    const root = group.members.find((m) => m.isRoot) ?? group.members[0];
    const location = root ? { uri: root.uri, range: root.range } : undefined;
    return new TreeNode(item, group.members.map((member) => variantNode(member, group, id)), { group, ...(location ? { location } : {}) });
  });
  const single = quotes.filter((quote) => quote.groupIds.length === 0);
  if (single.length > 0) {
    const item = new vscode.TreeItem('Quoted by one source', vscode.TreeItemCollapsibleState.Collapsed);
    item.id = 'single';
    item.description = `${single.length}`;
    item.tooltip = 'Quotes no other source carries in a similar wording.';
    item.iconPath = new vscode.ThemeIcon('circle-outline');
    nodes.push(new TreeNode(item, single.map((quote) => quoteNode(quote, 'single', quoteFacts(quote, true)))));
  }
  return nodes;
}

function bySpeaker(quotes: QuoteItem[]): TreeNode[] {
  const bySpeakerName = new Map<string | null, QuoteItem[]>();
  for (const quote of quotes) {
    const list = bySpeakerName.get(quote.speaker);
    if (list) list.push(quote);
    else bySpeakerName.set(quote.speaker, [quote]);
  }
  return [...bySpeakerName.entries()]
    .sort(([a, qa], [b, qb]) => (a === null ? 1 : 0) - (b === null ? 1 : 0) || qb.length - qa.length || (a ?? '').localeCompare(b ?? ''))
    .map(([speaker, list]) => {
      const id = `speaker/${speaker ?? ''}`;
      const item = new vscode.TreeItem(speaker ?? 'Unattributed', vscode.TreeItemCollapsibleState.Collapsed);
      item.id = id;
      item.description = `${list.length}`;
      item.iconPath = new vscode.ThemeIcon(speaker === null ? 'question' : 'person');
      item.contextValue = 'speaker';
      return new TreeNode(item, list.map((quote) => quoteNode(quote, id, quoteFacts(quote, false))));
    });
}

function quoteFacts(quote: QuoteItem, withSpeaker: boolean): string {
  return [withSpeaker ? (quote.speaker ?? 'unattributed') : undefined, quote.source, quote.date].filter(Boolean).join(' · ');
}
