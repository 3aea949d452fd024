import * as vscode from 'vscode';
import type { ArticleRow, ScopeParams, SourceRow } from '../../../server/src/protocol';
import type { ArticleLensContext } from '../context';
import { fileName } from '../locations';
import { quoteNode, revealCommand, ServerTreeView, TreeNode } from './serverTree';

/** The Sources view: outlet → its articles → their quotes. */
export class SourcesView extends ServerTreeView {
  constructor(ctx: ArticleLensContext) {
    super(ctx, 'articleLens.sources', 'sources');
  }

  protected override load(scope: ScopeParams, token: vscode.CancellationToken): Promise<TreeNode[]> {
    return this.paged(undefined, 'sources', (page, t) => this.ctx.request('sourceRows', { ...scope, ...page }, t), (source) => this.sourceNode(scope, source), token);
  }

  private sourceNode(scope: ScopeParams, source: SourceRow): TreeNode {
    const id = `source/${source.source}`;
    const item = new vscode.TreeItem(source.source, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = id;
    item.description = `${source.articleCount} article${source.articleCount === 1 ? '' : 's'}`;
    item.iconPath = new vscode.ThemeIcon('book');
    item.contextValue = 'source';
    return this.pagedNode(item, (page, t) => this.ctx.request('articleRows', { ...scope, ...page, source: source.source }, t), (article) => this.articleNode(id, article));
  }

  private articleNode(parentId: string, article: ArticleRow): TreeNode {
    const id = `${parentId}/${article.uri}/${article.index}`;
    const row = new vscode.TreeItem(article.title ?? 'Untitled article', article.quoteCount > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    row.id = id;
    row.description = [article.date, fileName(article.uri), `${article.quoteCount} quotes`].filter(Boolean).join(' · ');
    row.iconPath = new vscode.ThemeIcon('file-text');
    row.contextValue = 'article';
    const location = { uri: article.uri, range: { start: article.range.start, end: article.range.start } };
    row.command = revealCommand(location);
    const scope = { uri: article.uri };
    return this.pagedNode(row, (page, t) => this.ctx.request('quotePage', { ...scope, ...page, articleIndex: article.index }, t), (quote) => quoteNode(quote, id, quote.speaker ?? 'unattributed'), { location });
  }
}
