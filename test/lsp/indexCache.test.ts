import { strict as assert } from 'node:assert';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Requests, type QuoteItem } from '../../server/src/protocol';
import { RawClient } from './reliabilityClient';
import { copyTestWorkspace } from './testWorkspace';

/**
 * The persisted index through the real server: started with `initializationOptions.cacheDirectory` (as
 * the extension does), it writes the index at shutdown, and the next start restores every unchanged
 * file from it and answers exactly as a server that analysed everything.
 */
describe('language server warm start from the persisted index (dist/server.js over stdio)', function () {
  this.timeout(60000);
  let root: string;
  let folder: string;
  let cacheDirectory: string;
  let files: number;
  const clients: RawClient[] = [];

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'article-lens-warm-'));
    folder = join(root, 'workspace');
    cacheDirectory = join(root, 'storage');
    files = copyTestWorkspace(folder);
  });

  after(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    rmSync(root, { recursive: true, force: true });
  });

  /** Starts a server on the folder; resolves with it and its "Indexed …" log line once it has indexed. */
  async function start(options: Record<string, unknown>): Promise<{ client: RawClient; indexed: string }> {
    const log = join(root, `server-${clients.length}.log`);
    const client = new RawClient({ env: { ...process.env, ARTICLE_LENS_SERVER_LOG: log } });
    clients.push(client);
    await client.request('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(folder).href,
      workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'warm' }],
      capabilities: { window: { workDoneProgress: true }, workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
      initializationOptions: { files: { includeTxt: true }, ...options },
    });
    client.notify('initialized', {});
    const deadline = Date.now() + 20000;
    for (;;) {
      const line = (existsSync(log) ? readFileSync(log, 'utf8') : '').split('\n').find((l) => l.includes(' Indexed '));
      if (line) return { client, indexed: line };
      if (Date.now() > deadline) throw new Error(`the server did not index the folder\n${client.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** What the views and the editor features read from the index. */
  async function answers(client: RawClient): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const [name, method] of Object.entries(Requests)) {
      if (name !== 'groupAt' && name !== 'variantNeighbor') out[name] = await client.request(method, name === 'export' ? { format: 'json' } : {});
    }
    out['workspaceSymbols'] = await client.request('workspace/symbol', { query: '' });
    const quotes = out['listQuotes'] as QuoteItem[];
    assert.ok(quotes.length > 50, `${quotes.length} quotes`);
    for (const quote of quotes.filter((_, i) => i % 10 === 0)) {
      out[`hover ${quote.uri} ${quote.range.start.line}:${quote.range.start.character}`] = await client.request('textDocument/hover', { textDocument: { uri: quote.uri }, position: quote.range.start });
      out[`symbols ${quote.uri}`] = await client.request('textDocument/documentSymbol', { textDocument: { uri: quote.uri } });
    }
    return out;
  }

  it('restores unchanged files, analyses changed ones, and answers as a server without the cache', async () => {
    const cold = await start({ cacheDirectory });
    assert.match(cold.indexed, new RegExp(`Indexed ${files} story files in 1 folder\\(s\\) \\(0 restored from the index cache, ${files} analysed\\)`));
    await cold.client.dispose();
    const written = readdirSync(cacheDirectory);
    assert.equal(written.length, 1, `one cache file: ${written.join(', ')}`);
    assert.match(written[0]!, /^index-[0-9a-f]{16}\.bin$/);

    const warm = await start({ cacheDirectory });
    assert.match(warm.indexed, new RegExp(`\\(${files} restored from the index cache, 0 analysed\\)`));
    const reference = await start({});
    assert.doesNotMatch(reference.indexed, /index cache/);
    const expected = await answers(reference.client);
    assert.deepEqual(await answers(warm.client), expected);
    await Promise.all([warm.client.dispose(), reference.client.dispose()]);

    // A file changed on disk while no server ran.
    appendFileSync(join(folder, 'mediate-russia-first.articles'), '\n=== The Late Ledger ===\n\nThe minister said: “We will not sign this agreement today.”\n');
    const changed = await start({ cacheDirectory });
    assert.match(changed.indexed, new RegExp(`\\(${files - 1} restored from the index cache, 1 analysed\\)`));
    const fresh = await start({});
    const afterChange = await answers(changed.client);
    assert.ok((afterChange['listQuotes'] as QuoteItem[]).some((q) => q.text === 'We will not sign this agreement today.'), 'the changed file was read again');
    assert.deepEqual(afterChange, await answers(fresh.client));
    for (const client of clients) assert.deepEqual(client.errors, [], 'no server logged an error');
  });
});
