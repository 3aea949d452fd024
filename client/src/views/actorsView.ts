import * as vscode from 'vscode';
import type { ActorItem, QuoteItem, ScopeParams } from '../../../server/src/protocol';
import type { ArticleLensContext } from '../context';
import { fileName, oneLine } from '../locations';
import { quoteNode, revealCommand, ServerTreeView, TreeNode } from './serverTree';

const KINDS: ReadonlyArray<{ kind: ActorItem['kind']; label: string; icon: string }> = [
  { kind: 'person', label: 'People', icon: 'person' },
  { kind: 'organization', label: 'Organizations', icon: 'organization' },
  { kind: 'country', label: 'Countries', icon: 'globe' },
  { kind: 'place', label: 'Places', icon: 'location' },
];

/** The Actors view: kind → actor → the actor's quotes and mentions. */
export class ActorsView extends ServerTreeView {
  constructor(ctx: ArticleLensContext) {
    super(ctx, 'articleLens.actors', 'actors');
  }

  protected override async load(scope: ScopeParams, token: vscode.CancellationToken): Promise<TreeNode[]> {
    const [actors, quotes] = await Promise.all([this.ctx.request('listActors', scope, token), this.ctx.request('listQuotes', scope, token)]);
    const quoteByKey = new Map(quotes.map((quote) => [quote.key, quote]));
    return KINDS.flatMap(({ kind, label, icon }) => {
      const ofKind = actors
        .filter((actor) => actor.kind === kind)
        .sort((a, b) => b.quoteCount - a.quoteCount || b.mentions.length - a.mentions.length || a.name.localeCompare(b.name));
      if (ofKind.length === 0) return [];
      const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `kind/${kind}`;
      item.description = `${ofKind.length}`;
      item.iconPath = new vscode.ThemeIcon(icon);
      item.contextValue = 'actorKind';
      return [new TreeNode(item, ofKind.map((actor) => actorNode(actor, icon, quoteByKey)))];
    });
  }
}

function actorNode(actor: ActorItem, icon: string, quoteByKey: Map<string, QuoteItem>): TreeNode {
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
  const quotes = actor.quoteKeys.map((key) => quoteByKey.get(key)).filter((q): q is QuoteItem => q !== undefined);
  if (quotes.length > 0) {
    const folderId = `${id}/quotes`;
    const folder = new vscode.TreeItem('Quotes', vscode.TreeItemCollapsibleState.Expanded);
    folder.id = folderId;
    folder.description = `${quotes.length}`;
    folder.iconPath = new vscode.ThemeIcon('quote');
    children.push(new TreeNode(folder, quotes.map((quote) => quoteNode(quote, folderId, [quote.source, quote.date].filter(Boolean).join(' · ')))));
  }
  if (actor.mentions.length > 0) {
    const folderId = `${id}/mentions`;
    const folder = new vscode.TreeItem('Mentions', vscode.TreeItemCollapsibleState.Collapsed);
    folder.id = folderId;
    folder.description = `${actor.mentions.length}`;
    folder.iconPath = new vscode.ThemeIcon('mention');
    children.push(
      new TreeNode(
        folder,
        actor.mentions.map((mention, index) => {
          const row = new vscode.TreeItem(oneLine(mention.text, 60), vscode.TreeItemCollapsibleState.None);
          row.id = `${folderId}/${index}`;
          row.description = `${fileName(mention.uri)}:${mention.range.start.line + 1}`;
          row.iconPath = new vscode.ThemeIcon('symbol-reference');
          const location = { uri: mention.uri, range: mention.range };
          row.command = revealCommand(location);
          return new TreeNode(row, [], { location });
        }),
      ),
    );
  }
  return new TreeNode(item, children);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
