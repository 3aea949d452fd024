import * as vscode from 'vscode';
import type { GroupItem, GroupRow, LspLocation, Page, PageParams, QuoteItem, ScopeParams, VariantItem } from '../../../server/src/protocol';
import type { ArticleLensContext } from '../context';
import { isCancellation, messageOf } from '../errors';
import { oneLine } from '../locations';

/** What a row stands for, so that commands run on it (Compare, Go to Root) need no second lookup. */
export interface NodeData {
  readonly location?: LspLocation;
  readonly quote?: QuoteItem;
  /** The variant group the row belongs to, with its versions. */
  readonly group?: GroupItem;
  /** The variant group the row is, whose versions are fetched when it is expanded. */
  readonly groupRow?: GroupRow;
  /** A "Show more" row: fetches the next page of its list in its place. */
  readonly showMore?: () => Promise<void>;
}

/** Fetches a row's children when it is first expanded. */
export type ChildLoader = (token: vscode.CancellationToken) => Promise<TreeNode[]>;

/** One row of an Article Lens tree: its children are given with it, or fetched on first expansion. */
export class TreeNode {
  /** The children as fetched so far (a "Show more" row replaces itself with the next page here). */
  loaded: TreeNode[] | undefined;
  private readonly loader: ChildLoader | undefined;
  private loading: Promise<TreeNode[]> | undefined;

  constructor(
    readonly item: vscode.TreeItem,
    children: readonly TreeNode[] | ChildLoader = [],
    readonly data: NodeData = {},
  ) {
    if (typeof children === 'function') this.loader = children;
    else this.loaded = [...children];
  }

  /** The children, fetched once: again only after the view refreshes (and makes new rows). */
  children(token: vscode.CancellationToken): Promise<TreeNode[]> {
    if (this.loaded) return Promise.resolve(this.loaded);
    this.loading ??= this.loader!(token).then(
      (nodes) => (this.loaded = nodes),
      (error: unknown) => {
        this.loading = undefined;
        throw error;
      },
    );
    return this.loading;
  }
}

/**
 * A tree view fed by server requests: it lists nothing itself, refetches its roots when the index
 * changes, the scope changes or the server starts, and shows a message instead of failing. Long lists
 * come a page at a time, with a "Show more" row, and a row's children only when it is expanded: a
 * workspace of 10,000 articles has tens of thousands of groups and quotes.
 */
export abstract class ServerTreeView implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  /** The view, for tests and for `reveal`. */
  readonly treeView: vscode.TreeView<TreeNode>;
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: Promise<TreeNode[]> | undefined;
  /** Cancels every fetch of the current rows when they are dropped. */
  private pending = new vscode.CancellationTokenSource();
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
    this.pending.cancel();
    this.pending.dispose();
    this.pending = new vscode.CancellationTokenSource();
    this.roots = undefined;
    this.changed.fire(undefined);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.item;
  }

  getChildren(node?: TreeNode): vscode.ProviderResult<TreeNode[]> {
    if (node) return this.childrenOf(node);
    this.roots ??= this.loadRoots();
    return this.roots;
  }

  /** Fetches and builds the top-level rows for a scope. */
  protected abstract load(scope: ScopeParams, token: vscode.CancellationToken): Promise<TreeNode[]>;

  /**
   * The rows of a paged list: the first page, then a "Show more" row that fetches the next in its place.
   * `parent` is the row whose children they are (undefined for the roots).
   */
  protected async paged<T>(
    parent: TreeNode | undefined,
    parentId: string,
    fetch: (page: PageParams, token: vscode.CancellationToken) => Promise<Page<T>>,
    make: (item: T) => TreeNode,
    token: vscode.CancellationToken,
    offset = 0,
  ): Promise<TreeNode[]> {
    const page = await fetch({ offset, limit: this.ctx.config.pageSize }, token);
    const nodes = page.items.map(make);
    const next = offset + page.items.length;
    if (next < page.total && page.items.length > 0) nodes.push(this.moreNode(parent, parentId, next, page.total, (token) => this.paged(parent, parentId, fetch, make, token, next)));
    return nodes;
  }

  /** A row whose children are a paged list (its `item.id` is their parent id), fetched when it is first expanded. */
  protected pagedNode<T>(
    item: vscode.TreeItem,
    fetch: (page: PageParams, token: vscode.CancellationToken) => Promise<Page<T>>,
    make: (row: T) => TreeNode,
    data: NodeData = {},
  ): TreeNode {
    const node: TreeNode = new TreeNode(item, (token) => this.paged(node, item.id ?? '', fetch, make, token), data);
    return node;
  }

  private moreNode(parent: TreeNode | undefined, parentId: string, shown: number, total: number, fetchNext: ChildLoader): TreeNode {
    const item = new vscode.TreeItem('Show more…', vscode.TreeItemCollapsibleState.None);
    item.id = `${parentId}/more/${shown}`;
    item.description = `${shown.toLocaleString('en')} of ${total.toLocaleString('en')} shown`;
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.contextValue = 'showMore';
    const token = this.pending.token;
    const node: TreeNode = new TreeNode(item, [], {
      showMore: async () => {
        const list = parent ? parent.loaded : await this.roots;
        const at = list?.indexOf(node) ?? -1;
        if (!list || at < 0 || token.isCancellationRequested) return;
        const nodes = await fetchNext(token);
        if (token.isCancellationRequested || list[at] !== node) return;
        list.splice(at, 1, ...nodes);
        this.changed.fire(parent);
      },
    });
    item.command = { command: 'articleLens.views.showMore', title: 'Show More', arguments: [node] };
    return node;
  }

  private async childrenOf(node: TreeNode): Promise<TreeNode[]> {
    try {
      return await node.children(this.pending.token);
    } catch (error) {
      if (isCancellation(error)) return [];
      this.ctx.output.error(`Listing ${this.listing}: ${messageOf(error)}`);
      const item = new vscode.TreeItem(`Could not list these ${this.listing}: ${messageOf(error)}`, vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon('error');
      return [new TreeNode(item)];
    }
  }

  private async loadRoots(): Promise<TreeNode[]> {
    this.treeView.description = this.ctx.scope.description;
    const scope = this.ctx.scope.params;
    const say = (message: string | undefined): TreeNode[] => {
      this.treeView.message = this.hasWelcome ? undefined : message;
      return [];
    };
    if (!scope) return say(`Open a story file to list its ${this.listing}, or show the whole workspace.`);
    if (this.ctx.serverState === 'stopped') return say('The Article Lens language server is not running: run "Article Lens: Restart Server".');
    const token = this.pending.token;
    try {
      const nodes = await this.load(scope, token);
      if (token.isCancellationRequested) return [];
      this.treeView.message = undefined;
      if (nodes.length === 0 && !this.hasWelcome) this.treeView.message = `No ${this.listing} in ${scope.uri ? 'this story' : 'the workspace'}.`;
      return nodes;
    } catch (error) {
      if (token.isCancellationRequested || isCancellation(error)) return [];
      this.ctx.output.error(`Listing ${this.listing}: ${messageOf(error)}`);
      this.treeView.message = `Could not list the ${this.listing}: ${messageOf(error)}.`;
      return [];
    }
  }

  dispose(): void {
    this.pending.cancel();
    this.pending.dispose();
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
