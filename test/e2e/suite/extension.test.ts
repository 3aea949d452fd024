import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { ArticleLensApi } from '../../../client/src/extension';
import type { TreeNode } from '../../../client/src/views/serverTree';
import type { ComparisonPanel } from '../../../client/src/webviews/comparisonPanel';
import { articleLens, EXTENSION_ID, openStory, positionOf, SOURCES, TRUMP_QUOTE, TRUMP_ROOT } from './articleLens';
import { waitFor } from './waitFor';

function labelOf(node: TreeNode): string {
  const label = node.item.label;
  return typeof label === 'string' ? label : (label?.label ?? '');
}

/** The rows a view shows, once its first row satisfies `ready` (the views refetch after each index change). */
async function rows(view: Pick<vscode.TreeDataProvider<TreeNode>, 'getChildren'>, what: string, ready: (nodes: TreeNode[]) => boolean): Promise<TreeNode[]> {
  return waitFor(what, async () => {
    const nodes = (await view.getChildren()) ?? [];
    if (!ready(nodes)) throw new Error(`the view shows: ${nodes.map(labelOf).join(' | ') || '(nothing)'}`);
    return nodes;
  });
}

suite('The Article Lens extension', () => {
  let api: ArticleLensApi;

  suiteSetup(async function () {
    this.timeout(120_000);
    api = await articleLens();
  });

  test('registers every command package.json contributes', async () => {
    const contributed = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: Array<{ command: string }> } }).contributes.commands.map((c) => c.command);
    assert.ok(contributed.length >= 20, `package.json contributes only ${contributed.length} commands`);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((id) => !registered.has(id)), [], 'contributed but not registered');
    assert.deepEqual([...api.commands].sort(), [...contributed].sort(), 'the API lists other commands than package.json');
  });

  test('the Quotes view groups the versions of Trump’s line by source', async () => {
    const groups = await rows(api.quotesView, 'the Trump variant group in the Quotes view', (nodes) => nodes.some((n) => labelOf(n).includes('mediate Russia first')));
    const group = groups.find((n) => labelOf(n).includes('mediate Russia first'))!;
    // The versions are fetched when the row is expanded.
    const versions = (await api.quotesView.getChildren(group)) ?? [];
    const sources = versions.map(labelOf);
    for (const source of SOURCES) assert.ok(sources.includes(source), `the group lacks ${source}: ${sources.join(', ')}`);
    assert.equal(versions.filter((n) => n.item.description?.toString().startsWith('root')).length, 1, 'the group has not exactly one root');
    assert.ok(versions.every((n) => n.data.group?.members.every((m) => m.diff === undefined)), 'the Quotes view fetched the word differences');
  });

  test('Compare Variants on a row of the Quotes view shows every version with its word differences', async () => {
    // The view lists groups without the differences; the command fetches the group with them.
    const groups = await rows(api.quotesView, 'the groups in the Quotes view', (nodes) => nodes.some((n) => labelOf(n).includes('mediate Russia first')));
    const node = groups.find((n) => labelOf(n).includes('mediate Russia first'))!;
    assert.ok(node.data.groupRow, 'the row is not a variant group');
    const panel = (await vscode.commands.executeCommand('articleLens.compareVariants', node)) as ComparisonPanel | undefined;
    assert.ok(panel?.group, 'no comparison panel');
    assert.equal(panel.group.id, node.data.groupRow.id);
    assert.ok(panel.group.members.every((m) => Array.isArray(m.diff)), 'a version without its word differences');
    assert.ok(panel.group.members.some((m) => m.diff!.some((part) => part.kind !== 'equal')), 'no version differs from the root');
    panel.dispose();
  });

  test('the Actors view lists Trump and Putin among the people', async () => {
    const kinds = await rows(api.actorsView, 'people in the Actors view', (nodes) => nodes.some((n) => labelOf(n) === 'People'));
    const people = ((await api.actorsView.getChildren(kinds.find((n) => labelOf(n) === 'People'))) ?? []).map(labelOf);
    for (const name of ['Donald Trump', 'Vladimir Putin']) assert.ok(people.includes(name), `no ${name} among ${people.join(', ')}`);
  });

  test('the Sources view lists the four outlets of the story', async () => {
    const outlets = (await rows(api.sourcesView, 'the outlets in the Sources view', (nodes) => nodes.length >= SOURCES.length)).map(labelOf);
    for (const source of SOURCES) assert.ok(outlets.includes(source), `no ${source} among ${outlets.join(', ')}`);
  });

  test('a long list shows a page of rows, then the next page on Show more', async () => {
    const settings = vscode.workspace.getConfiguration('articleLens');
    await settings.update('views.pageSize', 2, vscode.ConfigurationTarget.Workspace);
    try {
      // The view's list of rows, which Show more changes in place: its labels are read now.
      const first = (await rows(api.quotesView, 'two groups and a Show more row', (nodes) => nodes.length === 4 && labelOf(nodes[2]!) === 'Show more…')).map(labelOf);
      assert.equal(first[3], 'Quoted by one source');
      const shown = new Set(first.slice(0, 2));
      await vscode.commands.executeCommand('articleLens.views.showMore', ((await api.quotesView.getChildren()) ?? [])[2]);
      const after = (await api.quotesView.getChildren()) ?? [];
      assert.equal(after.length, 5 + (labelOf(after[4]!) === 'Show more…' ? 1 : 0), `rows after Show more: ${after.map(labelOf).join(' | ')}`);
      for (const node of after.slice(2, 4)) assert.ok(node.data.groupRow && !shown.has(labelOf(node)), `not a new group: ${labelOf(node)}`);
      assert.equal(labelOf(after[after.length - 1]!), 'Quoted by one source');
      // The quotes no other source carries come a page at a time too.
      const singleNode = after[after.length - 1]!;
      const count = Number(singleNode.item.description);
      const single = ((await api.quotesView.getChildren(singleNode)) ?? []).map(labelOf);
      assert.ok(count > 0, 'no count of the quotes no other source carries');
      assert.deepEqual(single.slice(2), count > 2 ? ['Show more…'] : [], `rows under "Quoted by one source": ${single.join(' | ')}`);
      assert.equal(single.filter((label) => label.startsWith('“')).length, Math.min(count, 2));
    } finally {
      await settings.update('views.pageSize', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('Go to Root moves the cursor to the fullest version of the quote', async () => {
    const editor = await openStory();
    const from = positionOf(editor.document, TRUMP_QUOTE, 'Vladimir, let’s med'.length);
    const root = positionOf(editor.document, TRUMP_ROOT);
    editor.selection = new vscode.Selection(from, from);
    await vscode.commands.executeCommand('articleLens.goToRoot');
    await waitFor(`the cursor on line ${root.line + 1}`, () => {
      const line = vscode.window.activeTextEditor?.selection.active.line;
      if (line !== root.line) throw new Error(`the cursor is on line ${line === undefined ? '(no editor)' : line + 1}`);
      return true;
    });
  });
});
