import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { Requests, type QuoteItem, type StatusResult } from '../../../server/src/protocol';
import { articleLens, EXTENSION_ID } from './articleLens';
import { waitFor, within } from './waitFor';

/** The language server processes this extension host started (Linux: read from /proc). */
function serverProcesses(): number[] {
  const script = join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'server.js');
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((name) => {
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return parent === process.pid && readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').includes(script) ? [Number(name)] : [];
      } catch {
        return []; // the process ended while we looked
      }
    });
}

/** What the views and commands read from the index. */
async function snapshot(client: LanguageClient): Promise<Record<string, unknown>> {
  const result: Record<string, unknown> = {};
  for (const name of ['status', 'listQuotes', 'listGroups', 'listActors', 'listSources', 'coverage'] as const) result[name] = await client.sendRequest(Requests[name], {});
  result['export'] = await client.sendRequest(Requests.export, { format: 'json' });
  return result;
}

suite('Writes and crashes', () => {
  suiteSetup(async function () {
    this.timeout(120_000);
    await articleLens();
  });

  test('an annotation written into a story with a BOM and CRLF line endings keeps both once saved', async () => {
    const folder = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    const path = join(folder, 'bom-crlf.articles');
    const lines = ['=== The CRLF Courier ===', 'date: 2025-06-20', '', 'Trump said: “Vladimir, let’s mediate Russia first.” Reporters asked again.', ''];
    const client = await (await articleLens()).client;
    writeFileSync(path, `\uFEFF${lines.join('\r\n')}`);
    try {
      const document = await vscode.workspace.openTextDocument(path);
      const editor = await vscode.window.showTextDocument(document, { preview: false });
      await waitFor('the server to list the quote of the new story', async () => ((await client.sendRequest(Requests.listQuotes, { uri: document.uri.toString() })) as QuoteItem[]).length > 0);
      const inQuote = document.positionAt(document.getText().indexOf('mediate'));
      editor.selection = new vscode.Selection(inQuote, inQuote);
      await vscode.commands.executeCommand('articleLens.ignoreQuote');
      await waitFor('the @ignore line in the header', () => document.getText().includes('@ignore "Vladimir, let’s mediate Russia first'));
      assert.ok(await document.save(), 'the story was not saved');
      const bytes = readFileSync(path);
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the byte order mark is gone');
      const text = bytes.toString('utf8');
      assert.match(text, /^\uFEFF=== The CRLF Courier ===\r\ndate: 2025-06-20\r\n@ignore .+\r\n\r\nTrump said/u);
      assert.equal((text.match(/\n/g) ?? []).length, (text.match(/\r\n/g) ?? []).length, `a line ends without CR: ${JSON.stringify(text)}`);
    } finally {
      // The story stays in the workspace (a copy of samples/): deleting it now would change the index
      // while the next test compares it before and after a crash.
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });

  test('the server killed mid-session is restarted, and its index equals the one before', async function () {
    this.timeout(120_000);
    if (!existsSync('/proc/self/stat')) this.skip();
    const api = await articleLens();
    const client = await api.client;
    const [pid, ...others] = serverProcesses();
    assert.ok(pid !== undefined && others.length === 0, `not exactly one server process: ${[pid, ...others].join(', ')}`);
    const indexedFiles = (await client.sendRequest<StatusResult>(Requests.status, {})).documents;
    const before = await snapshot(client);

    const states: State[] = [];
    const watching = client.onDidChangeState((event) => states.push(event.newState));
    try {
      process.kill(pid, 'SIGKILL');
      await waitFor('the client to notice the crash and start the server again', () => states.includes(State.Starting));
      await waitFor('the restarted server to run', () => client.state === State.Running);
      await within('the restarted server to index the workspace', api.whenIndexed());
      // The first index notification can come from a reopened document before the folder is read.
      await waitFor(`the restarted server to index ${indexedFiles} files`, async () => (await client.sendRequest<StatusResult>(Requests.status, {})).documents === indexedFiles);
    } finally {
      watching.dispose();
    }
    const [restarted] = serverProcesses();
    assert.ok(restarted !== undefined && restarted !== pid, `the server process is ${restarted}, was ${pid}`);
    const after = await snapshot(client);
    for (const key of Object.keys(before)) assert.deepEqual(after[key], before[key], `${key} differs after the restart`);
  });
});
