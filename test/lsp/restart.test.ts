import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Requests, type QuoteItem, type StatusResult } from '../../server/src/protocol';
import { RawClient } from './reliabilityClient';
import { copyTestWorkspace } from './testWorkspace';

/**
 * A server crash is survived: the extension restarts the server (VS Code's policy, client/src/
 * restartPolicy.ts), which indexes the workspace again and gets the open documents again from the
 * editor. This kills dist/server.js with SIGKILL mid-session and checks the restarted server's index
 * equals the one before, unsaved text included.
 */
describe('language server restart after a crash (dist/server.js over stdio)', function () {
  this.timeout(60000);
  let folder: string;
  let storyUri: string;
  let unsaved: string;
  let files: number;
  const clients: RawClient[] = [];

  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'article-lens-restart-'));
    files = copyTestWorkspace(folder);
    const story = join(folder, 'mediate-russia-first.articles');
    storyUri = pathToFileURL(story).href;
    // The editor holds a version of the story that is not on disk: an article added and not saved.
    unsaved = `${readFileSync(story, 'utf8')}\n=== The Unsaved Ledger ===\ndate: 2025-06-20\n\nTrump told reporters: “Vladimir, let’s mediate Russia first. You can worry about this later.”\n`;
  });

  after(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    rmSync(folder, { recursive: true, force: true });
  });

  /** Starts a server on the folder as the extension does, with the story open in the editor. */
  async function start(openBeforeIndexed: boolean): Promise<RawClient> {
    const client = new RawClient();
    clients.push(client);
    await client.request('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(folder).href,
      workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'restart' }],
      capabilities: { window: { workDoneProgress: true }, workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
      initializationOptions: { files: { includeTxt: true } },
    });
    client.notify('initialized', {});
    const open = (): void => client.notify('textDocument/didOpen', { textDocument: { uri: storyUri, languageId: 'articles', version: 7, text: unsaved } });
    // After a restart, vscode-languageclient sends didOpen for the open documents right away, while the
    // server is still indexing the folder; the first start here opens the story only once it has.
    if (openBeforeIndexed) open();
    await until(`the server to index ${files} files`, async () => ((await client.request(Requests.status, {})) as StatusResult).documents === files, client);
    if (!openBeforeIndexed) open();
    await until('diagnostics for the open story', () => client.diagnostics.get(storyUri)?.version === 7, client);
    return client;
  }

  /** What the views, the commands and the editor features read from the index. */
  async function snapshot(client: RawClient): Promise<Record<string, unknown>> {
    const workspace = {} as Record<string, unknown>;
    for (const [name, method] of Object.entries(Requests)) {
      if (name === 'groupAt' || name === 'variantNeighbor') continue;
      workspace[name] = await client.request(method, name === 'export' ? { format: 'json' } : {});
    }
    workspace['storyStatus'] = await client.request(Requests.status, { uri: storyUri });
    workspace['workspaceSymbols'] = await client.request('workspace/symbol', { query: '' });
    for (const method of ['textDocument/documentSymbol', 'textDocument/codeLens', 'textDocument/foldingRange', 'textDocument/semanticTokens/full']) {
      workspace[method] = await client.request(method, { textDocument: { uri: storyUri } });
    }
    const unsavedQuote = (workspace['listQuotes'] as QuoteItem[]).find((q) => q.source === 'The Unsaved Ledger');
    assert.ok(unsavedQuote, 'the index holds the open story’s unsaved text');
    workspace['hover'] = await client.request('textDocument/hover', { textDocument: { uri: storyUri }, position: unsavedQuote.range.start });
    return workspace;
  }

  it('the server killed with SIGKILL and started again on the same folder has the same index', async () => {
    const first = await start(false);
    const before = await snapshot(first);
    const status = before['status'] as StatusResult;
    assert.ok(status.quotes > 50 && status.groups > 10 && status.actors > 10, `a workspace worth comparing: ${JSON.stringify(status)}`);

    process.kill(first.pid!, 'SIGKILL');
    await until('the server process to end', () => !first.alive, first);

    const second = await start(true);
    assert.ok(second.pid !== first.pid);
    const after = await snapshot(second);
    for (const key of Object.keys(before)) assert.deepEqual(after[key], before[key], `${key} differs after the restart`);
    assert.deepEqual(second.errors, [], 'the restarted server logged no error');
  });
});

/** Polls `probe` every 20 ms until it holds; fails after 20 s with the server's stderr. */
async function until(what: string, probe: () => boolean | Promise<boolean>, client: RawClient): Promise<void> {
  const deadline = Date.now() + 20000;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${client.stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
