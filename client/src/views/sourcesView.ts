import * as vscode from 'vscode';
import type { QuoteItem, ScopeParams } from '../../../server/src/protocol';
import type { ArticleLensContext } from '../context';
import { fileName } from '../locations';
import { quoteNode, revealCommand, ServerTreeView, TreeNode } from './serverTree';

/** The Sources view: outlet → its articles → their quotes. */
export class SourcesView extends ServerTreeView {
  constructor(ctx: ArticleLensContext) {
    super(ctx, 'articleLens.sources', 'sources');
  }

  protected override async load(scope: ScopeParams, token: vscode.CancellationToken): Promise<TreeNode[]> {
    const [sources, quotes] = await Promise.all([this.ctx.request('listSources', scope, token), this.ctx.request('listQuotes', scope, token)]);
    const quoteByKey = new Map(quotes.map((quote) => [quote.key, quote]));
    return sources.map((source) => {
      const id = `source/${source.source}`;
      const item = new vscode.TreeItem(source.source, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = id;
      item.description = `${source.articles.length} article${source.articles.length === 1 ? '' : 's'}`;
      item.iconPath = new vscode.ThemeIcon('book');
      item.contextValue = 'source';
      const articles = source.articles.map((article, index) => {
        const articleId = `${id}/${article.uri}/${index}`;
        const quotesOfArticle = article.quoteKeys.map((key) => quoteByKey.get(key)).filter((q): q is QuoteItem => q !== undefined);
        const row = new vscode.TreeItem(article.title ?? 'Untitled article', quotesOfArticle.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        row.id = articleId;
        row.description = [article.date, fileName(article.uri), `${quotesOfArticle.length} quotes`].filter(Boolean).join(' · ');
        row.iconPath = new vscode.ThemeIcon('file-text');
        row.contextValue = 'article';
        const location = { uri: article.uri, range: { start: article.range.start, end: article.range.start } };
        row.command = revealCommand(location);
        const children = quotesOfArticle.map((quote) => quoteNode(quote, articleId, quote.speaker ?? 'unattributed'));
        return new TreeNode(row, children, { location });
      });
      return new TreeNode(item, articles);
    });
  }
}
