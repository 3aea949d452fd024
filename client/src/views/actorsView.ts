import * as vscode from 'vscode';
import type { ActorKind, ActorRow, MentionRow, Page, PageParams, ScopeParams } from '../../../server/src/protocol';
import type { ArticleLensContext } from '../context';
import { fileName, oneLine } from '../locations';
import { quoteNode, revealCommand, ServerTreeView, TreeNode } from './serverTree';

const KINDS: ReadonlyArray<{ kind: ActorKind; label: string; icon: string }> = [
  { kind: 'person', label: 'People', icon: 'person' },
  { kind: 'organization', label: 'Organizations', icon: 'organization' },
  { kind: 'country', label: 'Countries', icon: 'globe' },
  { kind: 'place', label: 'Places', icon: 'location' },
];

/** The Actors view: kind → actor (most quoted first) → the actor's quotes and mentions. */
export class ActorsView extends ServerTreeView {
  constructor(ctx: ArticleLensContext) {
    super(ctx, 'articleLens.actors', 'actors');
  }

  protected override async load(scope: ScopeParams, token: vscode.CancellationToken): Promise<TreeNode[]> {
    // No rows: only how many actors of each kind there are.
    const { kinds } = await this.ctx.request('actorRows', { ...scope, limit: 0 }, token);
    return KINDS.filter(({ kind }) => kinds[kind] > 0).map(({ kind, label, icon }) => {
      const id = `kind/${kind}`;
      const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = id;
      item.description = `${kinds[kind]}`;
      item.iconPath = new vscode.ThemeIcon(icon);
      item.contextValue = 'actorKind';
      return this.pagedNode(item, (page, t) => this.ctx.request('actorRows', { ...scope, ...page, kind }, t), (actor) => this.actorNode(scope, actor, icon));
    });
  }

  private actorNode(scope: ScopeParams, actor: ActorRow, icon: string): TreeNode {
    const id = `actor/${actor.kind}/${actor.name}`;
    const item = new vscode.TreeItem(actor.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = id;
    item.description = `${plural(actor.quoteCount, 'quote')} · ${plural(actor.sourceCount, 'source')}`;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(`${actor.name} (${actor.kind}, ${actor.declared ? 'declared with @actor' : 'found in the text'})`);
    if (actor.aliases.length > 0) tooltip.appendMarkdown('\n\n').appendText(`Also called: ${actor.aliases.join(', ')}`);
    item.tooltip = tooltip;
    item.iconPath = new vscode.ThemeIcon(icon);
    item.contextValue = actor.declared ? 'actor.declared' : 'actor';

    const children: TreeNode[] = [];
    if (actor.quoteCount > 0) {
      children.push(
        this.folderNode(`${id}/quotes`, 'Quotes', actor.quoteCount, 'quote', vscode.TreeItemCollapsibleState.Expanded, (page, t) => this.ctx.request('quotePage', { ...scope, ...page, speaker: actor.name }, t), (quote, folderId) =>
          quoteNode(quote, folderId, [quote.source, quote.date].filter(Boolean).join(' · ')),
        ),
      );
    }
    if (actor.mentionCount > 0) {
      children.push(
        this.folderNode(`${id}/mentions`, 'Mentions', actor.mentionCount, 'mention', vscode.TreeItemCollapsibleState.Collapsed, (page, t) => this.ctx.request('actorMentions', { ...scope, ...page, name: actor.name }, t), mentionNode),
      );
    }
    return new TreeNode(item, children);
  }

  /** "Quotes" or "Mentions" under an actor: its rows are fetched, a page at a time, when it is expanded. */
  private folderNode<T>(
    id: string,
    label: string,
    count: number,
    icon: string,
    state: vscode.TreeItemCollapsibleState,
    fetch: (page: PageParams, token: vscode.CancellationToken) => Promise<Page<T>>,
    make: (row: T, folderId: string) => TreeNode,
  ): TreeNode {
    const folder = new vscode.TreeItem(label, state);
    folder.id = id;
    folder.description = `${count}`;
    folder.iconPath = new vscode.ThemeIcon(icon);
    return this.pagedNode(folder, fetch, (row) => make(row, id));
  }
}

function mentionNode(mention: MentionRow, folderId: string): TreeNode {
  const row = new vscode.TreeItem(oneLine(mention.text, 60), vscode.TreeItemCollapsibleState.None);
  row.id = `${folderId}/${mention.uri}/${mention.range.start.line}:${mention.range.start.character}`;
  row.description = `${fileName(mention.uri)}:${mention.range.start.line + 1}`;
  row.iconPath = new vscode.ThemeIcon('symbol-reference');
  const location = { uri: mention.uri, range: mention.range };
  row.command = revealCommand(location);
  return new TreeNode(row, [], { location });
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
