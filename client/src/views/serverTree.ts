import * as vscode from 'vscode';
import type { GroupItem, LspLocation, QuoteItem, ScopeParams, VariantItem } from '../../../server/src/protocol';
import type { ArticleLensContext } from '../context';
import { isCancellation, messageOf } from '../errors';
import { oneLine } from '../locations';

/** What a row stands for, so that commands run on it (Compare, Go to Root) need no second lookup. */
export interface NodeData {
  readonly location?: LspLocation;
  readonly quote?: QuoteItem;
  /** The variant group the row is, or belongs to. */
  readonly group?: GroupItem;
}

/** One row of an Article Lens tree; children are built with the row, from data already fetched. */
export class TreeNode {
  constructor(
    readonly item: vscode.TreeItem,
    readonly children: readonly TreeNode[] = [],
    readonly data: NodeData = {},
  ) {}
}

/**
 * A tree view fed by server requests: it lists nothing itself, refetches its roots when the index
 * changes, the scope changes or the server starts, and shows a message instead of failing.
 */
export abstract class ServerTreeView implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  /** The view, for tests and for `reveal`. */
  readonly treeView: vscode.TreeView<TreeNode>;
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: Promise<TreeNode[]> | undefined;
  private pending: vscode.CancellationTokenSource | undefined;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(
    protected readonly ctx: ArticleLensContext,
    viewId: string,
    /** "quotes", "actors": used in messages. */
    private readonly listing: string,
    /** The view has a `viewsWelcome` that explains an empty list, so no message is set for one. */
    private readonly hasWelcome = false,
  ) {
    this.treeView = vscode.window.createTreeView(viewId, { treeDataProvider: this, showCollapseAll: true });
    this.treeView.description = ctx.scope.description;
    this.disposables.push(
      this.treeView,
      ctx.onIndexChanged(() => this.refresh()),
      ctx.scope.onDidChange(() => this.refresh()),
      ctx.onDidChangeServerState(() => this.refresh()),
    );
  }

  /** Drops the cached rows; VS Code asks for them again when the view is visible. */
  refresh(): void {
    this.pending?.cancel();
    this.pending = undefined;
    this.roots = undefined;
    this.changed.fire(undefined);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.item;
  }

  getChildren(node?: TreeNode): vscode.ProviderResult<TreeNode[]> {
    if (node) return [...node.children];
    this.roots ??= this.loadRoots();
    return this.roots;
  }

  /** Fetches and builds the top-level rows for a scope. */
  protected abstract load(scope: ScopeParams, token: vscode.CancellationToken): Promise<TreeNode[]>;

  private async loadRoots(): Promise<TreeNode[]> {
    this.treeView.description = this.ctx.scope.description;
    const scope = this.ctx.scope.params;
    const say = (message: string | undefined): TreeNode[] => {
      this.treeView.message = this.hasWelcome ? undefined : message;
      return [];
    };
    if (!scope) return say(`Open a story file to list its ${this.listing}, or show the whole workspace.`);
    if (this.ctx.serverState === 'stopped') return say('The Article Lens language server is not running: run "Article Lens: Restart Server".');
    const source = new vscode.CancellationTokenSource();
    this.pending = source;
    try {
      const nodes = await this.load(scope, source.token);
      if (source.token.isCancellationRequested) return [];
      this.treeView.message = undefined;
      if (nodes.length === 0 && !this.hasWelcome) this.treeView.message = `No ${this.listing} in ${scope.uri ? 'this story' : 'the workspace'}.`;
      return nodes;
    } catch (error) {
      if (source.token.isCancellationRequested || isCancellation(error)) return [];
      this.ctx.output.error(`Listing ${this.listing}: ${messageOf(error)}`);
      this.treeView.message = `Could not list the ${this.listing}: ${messageOf(error)}.`;
      return [];
    }
  }

  dispose(): void {
    this.pending?.cancel();
    for (const d of this.disposables) d.dispose();
  }
}

/** The command a row runs when selected: reveal the location without taking the focus from the tree. */
export function revealCommand(location: LspLocation): vscode.Command {
  return { command: 'articleLens.openLocation', title: 'Open', arguments: [location, { preview: true, preserveFocus: true }] };
}

/** A row for one quote. */
export function quoteNode(quote: QuoteItem, parentId: string, description: string): TreeNode {
  const item = new vscode.TreeItem(`“${oneLine(quote.text, 80)}”`, vscode.TreeItemCollapsibleState.None);
  item.id = `${parentId}/${quote.key}`;
  item.description = description;
  item.tooltip = quoteTooltip(quote.text, [quote.speaker ?? 'unattributed', quote.source, quote.date, quote.articleTitle]);
  item.iconPath = new vscode.ThemeIcon(quote.kind === 'speech' ? 'quote' : 'symbol-text');
  item.contextValue = quote.groupIds.length > 0 ? 'quote.grouped' : 'quote';
  const location = { uri: quote.uri, range: quote.range };
  item.command = revealCommand(location);
  return new TreeNode(item, [], { location, quote });
}

/** A row for one source's version of a quote, under its variant group. */
export function variantNode(member: VariantItem, group: GroupItem, parentId: string): TreeNode {
  const item = new vscode.TreeItem(member.source, vscode.TreeItemCollapsibleState.None);
  item.id = `${parentId}/${member.key}`;
  item.description = [member.isRoot ? 'root' : variantTypeLabel(member.type), member.negationChanged ? 'negation changed' : undefined, member.date]
    .filter(Boolean)
    .join(' · ');
  item.tooltip = quoteTooltip(member.text, [member.speaker ?? 'unattributed', member.source, member.date]);
  item.iconPath = member.negationChanged
    ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
    : new vscode.ThemeIcon(member.isRoot ? 'star-full' : 'quote');
  item.contextValue = 'variantMember';
  const location = { uri: member.uri, range: member.range };
  item.command = revealCommand(location);
  return new TreeNode(item, [], { location, group });
}

/** "changed words" for `changed-words`. */
export function variantTypeLabel(type: VariantItem['type']): string {
  return type.replace(/-/g, ' ');
}

function quoteTooltip(text: string, facts: Array<string | null | undefined>): vscode.MarkdownString {
  // appendText escapes the article's words, so nothing in them is read as Markdown.
  const tooltip = new vscode.MarkdownString();
  tooltip.appendText(text);
  tooltip.appendMarkdown('\n\n---\n\n');
  tooltip.appendText(facts.filter(Boolean).join(' · '));
  return tooltip;
}
