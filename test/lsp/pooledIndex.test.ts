import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateWorkspace, readSeeds, StoryGenerator } from '../../bench/generate';
import { WorkspaceIndex } from '../../server/src/core/workspaceIndex';
import { exportAnalysis } from '../../server/src/features/exporter';
import { collectStoryFiles, readStoryFile } from '../../server/src/fsWorkspace';
import { Requests } from '../../server/src/protocol';
import { BASE_TEXTS } from '../unit/reliability/storyArbitraries';
import { RawClient } from './reliabilityClient';
import { copyTestWorkspace } from './testWorkspace';

/**
 * A workspace large enough for the server's first index to run in worker threads (over 4 MB of text),
 * with a story that declares an actor: the server answers exactly as an index built in one thread.
 */
describe('language server first index with worker threads (dist/server.js over stdio)', function () {
  this.timeout(120000);
  let root: string;
  let folder: string;
  let client: RawClient | undefined;

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'article-lens-pooled-'));
    folder = join(root, 'workspace');
    copyTestWorkspace(folder);
    generateWorkspace(join(folder, 'generated'), 360, new StoryGenerator(readSeeds(join(process.cwd(), 'samples', 'seeds'))));
    writeFileSync(join(folder, 'declares.articles'), BASE_TEXTS[0]!);
  });

  after(async () => {
    await client?.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it('indexes in worker threads and exports what an index built in one thread exports, before and after the closed files keep their text compact', async () => {
    const log = join(root, 'server.log');
    client = new RawClient({ env: { ...process.env, ARTICLE_LENS_SERVER_LOG: log } });
    await client.request('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(folder).href,
      workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'pooled' }],
      capabilities: {},
      initializationOptions: { files: { includeTxt: true } },
    });
    client.notify('initialized', {});
    const deadline = Date.now() + 60000;
    let indexed: string | undefined;
    while (!indexed) {
      indexed = (existsSync(log) ? readFileSync(log, 'utf8') : '').split('\n').find((l) => l.includes(' Indexed '));
      if (Date.now() > deadline) throw new Error(`the server did not index the folder\n${client.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.match(indexed, /Indexed \d+ story files in 1 folder\(s\) with [1-9]\d* worker threads\./);
    // Sent as soon as the index is announced, while the grouping index may still read the quotes in
    // slices: a hover (which needs the groups) waits for them, an outline need not; both are right.
    const first = collectStoryFiles([join(folder, 'generated')]).files[1]!;
    const firstText = readFileSync(first, 'utf8');
    const quoteAt = firstText.indexOf('“') + 3;
    const lineOfQuote = firstText.slice(0, quoteAt).split('\n').length - 1;
    const position = { line: lineOfQuote, character: quoteAt - firstText.lastIndexOf('\n', quoteAt - 1) - 1 };
    const [hover, outline] = await Promise.all([
      client.request('textDocument/hover', { textDocument: { uri: pathToFileURL(first).href }, position }),
      client.request('textDocument/documentSymbol', { textDocument: { uri: pathToFileURL(first).href } }),
    ]);
    assert.match(JSON.stringify(hover), /quoted by \d+ of \d+ sources|Variants|variants/i, 'the hover shows no variants');
    assert.ok(Array.isArray(outline) && outline.length >= 4, 'no outline');

    const index = new WorkspaceIndex();
    index.setDocuments(
      collectStoryFiles([folder]).files.flatMap((file) => {
        const read = readStoryFile(file);
        return read.ok ? [{ uri: pathToFileURL(file).href, text: read.text }] : [];
      }),
    );
    assert.ok(index.declaredActorsKey().includes('Vladimir Putin'));
    const exported = (await client.request(Requests.export, { format: 'json' })) as string;
    assert.ok(exported.length > 100_000);
    assert.equal(exported, exportAnalysis(index, 'json'));
    assert.doesNotMatch(readFileSync(log, 'utf8'), /failed|stopped|damaged/);

    // Once nobody asks for anything, the closed files keep their text compact; the exports are the same.
    let compacted: string | undefined;
    while (!compacted) {
      compacted = readFileSync(log, 'utf8').split('\n').find((l) => l.includes('Compact texts: '));
      if (Date.now() > deadline + 30000) throw new Error(`the server did not make the closed files' texts compact\n${client.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const files = collectStoryFiles([folder]).files.length;
    assert.match(compacted, new RegExp(`Compact texts: ${files} closed story files now keep their text deflated\\.`));
    assert.equal((await client.request(Requests.export, { format: 'json' })) as string, exportAnalysis(index, 'json'));
    // Web annotations quote each quotation with the text around it, cut from the (inflated) texts.
    const annotations = (await client.request(Requests.export, { format: 'web-annotation' })) as string;
    assert.ok(annotations.includes('TextQuoteSelector'));
    assert.equal(annotations, exportAnalysis(index, 'web-annotation'));
    assert.doesNotMatch(readFileSync(log, 'utf8'), /failed|stopped|damaged/);

    // The export is long work done in steps: a request sent after it is answered first, an edit made
    // meanwhile is in what it exports, and it can be cancelled.
    const order: string[] = [];
    const exporting = client.send(Requests.export, { format: 'json' });
    const status = client.send(Requests.status, {});
    const story = collectStoryFiles([join(folder, 'generated')]).files[0]!;
    const uri = pathToFileURL(story).href;
    const edited = `${readFileSync(story, 'utf8')}\n=== Late Outlet\ntitle: Late\n\n“We will talk again after the summit,” Vladimir Putin said.\n`;
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'articles', version: 1, text: edited } });
    const [exportedWhileEdited] = await Promise.all([exporting.response.then((r) => (order.push('export'), r)), status.response.then((r) => (order.push('status'), r))]);
    assert.deepEqual(order, ['status', 'export']);
    index.setDocument(uri, edited);
    assert.equal(exportedWhileEdited.result, exportAnalysis(index, 'json'));
    const cancelled = client.send(Requests.export, { format: 'csv' });
    client.notify('$/cancelRequest', { id: cancelled.id });
    assert.equal((await cancelled.response).error?.code, -32800);
    assert.doesNotMatch(readFileSync(log, 'utf8'), /failed|stopped|damaged/);

    // A new @actor declaration re-reads every story, a story a step; a request sent meanwhile is
    // answered from the index as it was, long before the re-read ends (its diagnostics come then).
    const declaring = pathToFileURL(join(folder, 'late-declares.articles')).href;
    const plain = '=== Wire\ntitle: Notes\n\n“Nothing new,” a spokesman said.\n';
    client.notify('textDocument/didOpen', { textDocument: { uri: declaring, languageId: 'articles', version: 1, text: plain } });
    while (client.diagnostics.get(declaring)?.version !== 1) await new Promise((resolve) => setTimeout(resolve, 5));
    const sent = performance.now();
    client.notify('textDocument/didChange', { textDocument: { uri: declaring, version: 2 }, contentChanges: [{ text: `@actor Maria Lopez [person]: the envoy\n${plain}` }] });
    const asked = client.send(Requests.status, {});
    let rereadDone = 0;
    while (client.diagnostics.get(declaring)?.version !== 2) await new Promise((resolve) => setTimeout(resolve, 5));
    rereadDone = performance.now();
    await asked.response;
    const answered = client.answeredAt.get(asked.id)!;
    assert.ok(rereadDone - sent > 300, `the re-read took only ${(rereadDone - sent).toFixed(0)} ms: too short to tell`);
    assert.ok(rereadDone - answered > 200, `status answered ${(answered - sent).toFixed(0)} ms after the change, the re-read done after ${(rereadDone - sent).toFixed(0)} ms`);
    assert.doesNotMatch(readFileSync(log, 'utf8'), /failed|stopped|damaged/);
  });
});
