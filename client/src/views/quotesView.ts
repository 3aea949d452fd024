import * as vscode from 'vscode';
import type { GroupRow, QuoteItem, ScopeParams, SpeakerRow } from '../../../server/src/protocol';
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
    if (this.groupingValue === 'speaker') return this.paged(undefined, 'speakers', (page, t) => this.ctx.request('speakerRows', { ...scope, ...page }, t), (row) => this.speakerNode(scope, row), token);
    let ungrouped = 0;
    const nodes = await this.paged(
      undefined,
      'groups',
      async (page, t) => {
        const result = await this.ctx.request('groupRows', { ...scope, ...page }, t);
        ungrouped = result.ungroupedQuotes;
        return result;
      },
      (row) => this.groupNode(row),
      token,
    );
    if (ungrouped > 0) nodes.push(this.ungroupedNode(scope, ungrouped));
    return nodes;
  }

  /** A group's row; its versions are fetched when it is expanded (without word differences: the comparison panel's). */
  private groupNode(row: GroupRow): TreeNode {
    const id = `group/${row.id}`;
    const item = new vscode.TreeItem(oneLine(row.label, 80), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = id;
    item.description = row.summary;
    item.tooltip = row.summary;
    item.iconPath = new vscode.ThemeIcon(row.negationChanged ? 'warning' : 'layers');
    item.contextValue = 'variantGroup';
    return new TreeNode(
      item,
      async (token) => {
        const group = await this.ctx.request('group', { id: row.id, rootKey: row.rootKey, withDiffs: false }, token);
        return group ? group.members.map((member) => variantNode(member, group, id)) : [];
      },
      { groupRow: row, location: row.root },
    );
  }

  private ungroupedNode(scope: ScopeParams, count: number): TreeNode {
    const item = new vscode.TreeItem('Quoted by one source', vscode.TreeItemCollapsibleState.Collapsed);
    item.id = 'single';
    item.description = `${count}`;
    item.tooltip = 'Quotes no other source carries in a similar wording.';
    item.iconPath = new vscode.ThemeIcon('circle-outline');
    return this.pagedNode(item, (page, t) => this.ctx.request('quotePage', { ...scope, ...page, ungrouped: true }, t), (quote) => quoteNode(quote, 'single', quoteFacts(quote, true)));
  }

  private speakerNode(scope: ScopeParams, row: SpeakerRow): TreeNode {
    const id = `speaker/${row.speaker ?? ''}`;
    const item = new vscode.TreeItem(row.speaker ?? 'Unattributed', vscode.TreeItemCollapsibleState.Collapsed);
    item.id = id;
    item.description = `${row.quoteCount}`;
    item.iconPath = new vscode.ThemeIcon(row.speaker === null ? 'question' : 'person');
    item.contextValue = 'speaker';
    return this.pagedNode(item, (page, t) => this.ctx.request('quotePage', { ...scope, ...page, speaker: row.speaker }, t), (quote) => quoteNode(quote, id, quoteFacts(quote, false)));
  }
}

function quoteFacts(quote: QuoteItem, withSpeaker: boolean): string {
  return [withSpeaker ? (quote.speaker ?? 'unattributed') : undefined, quote.source, quote.date].filter(Boolean).join(' · ');
}
