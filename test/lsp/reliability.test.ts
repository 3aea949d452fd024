import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ResponseMessage } from 'vscode-jsonrpc/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { WorkspaceIndex } from '../../server/src/core/workspaceIndex';
import { Requests, type QuoteItem } from '../../server/src/protocol';
import { BASE_TEXTS } from '../unit/reliability/storyArbitraries';
import { random, RawClient } from './reliabilityClient';
import { editorRequests } from './editorRequests';

const isEmpty = (result: unknown): boolean =>
  result === null || (Array.isArray(result) && result.length === 0) || (typeof result === 'object' && Array.isArray((result as { data?: unknown[] }).data) && (result as { data: unknown[] }).data.length === 0);

// Once as it runs, and once with every analysis paused after each article (other messages handled in between).
for (const sliceMs of [undefined, '0'] as const) describe(`language server reliability over stdio (dist/server.js)${sliceMs === undefined ? '' : ', analysis paused after every article'}`, function () {
  this.timeout(60000);
  let client: RawClient;
  let folder: string;
  let openUri: string;
  let diskUri: string;
  let document: TextDocument;

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'article-lens-lsp-'));
    writeFileSync(join(folder, 'b.articles'), BASE_TEXTS[1]!);
    openUri = pathToFileURL(join(folder, 'a.articles')).href;
    diskUri = pathToFileURL(join(folder, 'b.articles')).href;
    client = new RawClient(sliceMs === undefined ? {} : { env: { ...process.env, ARTICLE_LENS_ANALYSIS_SLICE_MS: sliceMs } });
    await client.request('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(folder).href,
      workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'reliability' }],
      capabilities: { window: { workDoneProgress: true }, workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
    });
    client.notify('initialized', {});
    const text = BASE_TEXTS[0]! + '\nThe end.\n';
    document = TextDocument.create(openUri, 'articles', 1, text);
    client.notify('textDocument/didOpen', { textDocument: { uri: openUri, languageId: 'articles', version: 1, text } });
    const deadline = Date.now() + 10000;
    while (!client.diagnostics.has(openUri) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.ok(client.diagnostics.has(openUri), `no diagnostics published for the opened story\n${client.stderr}`);
  });

  after(async () => {
    await client.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  /** Every request the server handles for a document and a position, with the params it takes. */

  it('answers every request about an unknown document with an empty result', async () => {
    const unknown = pathToFileURL(join(folder, 'missing.articles')).href;
    for (const [method, params] of [...editorRequests(unknown, { line: 0, character: 0 }), ...editorRequests('untitled:Untitled-1', { line: 3, character: 2 })]) {
      const result = await client.request(method, params);
      assert.ok(isEmpty(result), `${method} on an unknown document: ${JSON.stringify(result)}`);
    }
    assert.deepEqual(await client.request(Requests.listQuotes, { uri: unknown }), []);
    assert.deepEqual(client.errors, [], 'nothing was logged as an error');
  });

  it('answers positions out of range without an error, with ranges inside the document', async () => {
    const positions = [
      { line: 1_000_000, character: 0 },
      { line: 0, character: 1_000_000 },
      { line: -1, character: -1 },
      { line: 2, character: -100 },
      { line: Number.MAX_SAFE_INTEGER, character: Number.MAX_SAFE_INTEGER },
      { line: document.lineCount, character: 0 },
    ];
    for (const position of positions) {
      for (const [method, params] of editorRequests(openUri, position)) {
        const result = await client.request(method, params);
        const ranges = JSON.stringify(result ?? null).match(/"(?:start|end)":\{"line":-?\d+,"character":-?\d+\}/g) ?? [];
        for (const r of ranges) {
          const p = JSON.parse(r.slice(r.indexOf('{'))) as { line: number; character: number };
          assert.ok(p.line >= 0 && p.line < document.lineCount && p.character >= 0, `${method} at ${JSON.stringify(position)} answered a position outside the document: ${r}`);
        }
      }
    }
    assert.deepEqual(client.errors, [], 'nothing was logged as an error');
    assert.ok(client.alive);
  });

  it('survives malformed params, stale versions and changes to documents it does not have', async () => {
    // Malformed requests: answered (empty or an error response), never fatal.
    for (const [method, params] of [
      ['textDocument/hover', {}],
      ['textDocument/hover', { textDocument: { uri: openUri }, position: { line: 'x', character: null } }],
      ['textDocument/documentSymbol', null],
      ['textDocument/codeAction', { textDocument: { uri: openUri }, range: { start: { line: 0, character: 0 } } }],
      [Requests.groupAt, null],
      [Requests.export, { format: 'no-such-format' }],
    ] as Array<[string, unknown]>) {
      const r = await client.send(method, params).response;
      assert.ok(r.error !== undefined || isEmpty(r.result) || typeof r.result === 'string', `${method} with ${JSON.stringify(params)}: ${JSON.stringify(r)}`);
    }
    // Notifications the server cannot act on.
    client.notify('textDocument/didChange', { textDocument: { uri: pathToFileURL(join(folder, 'never-opened.articles')).href, version: 3 }, contentChanges: [{ text: 'x' }] });
    client.notify('textDocument/didClose', { textDocument: { uri: pathToFileURL(join(folder, 'never-opened.articles')).href } });
    client.notify('textDocument/didChange', { textDocument: { uri: openUri }, contentChanges: [{ text: 'no version' }] });
    client.notify('$/unknownNotification', { x: 1 });
    // A stale version (lower than the current one) and ranges past the end are applied as LSP says: clamped.
    const changes = [
      { version: 7, change: { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '@actor Donald Trump [person]: Trump\n' } },
      { version: 2, change: { range: { start: { line: 9999, character: 0 }, end: { line: 9999, character: 5 } }, text: '\n“We are ready to help find a solution,” Trump said.\n' } },
      { version: 3, change: { range: { start: { line: 5, character: 9999 }, end: { line: 4, character: 0 } }, text: '' } },
    ];
    for (const { version, change } of changes) {
      client.notify('textDocument/didChange', { textDocument: { uri: openUri, version }, contentChanges: [change] });
      document = TextDocument.update(document, [change], version);
    }
    const unknownResult = await client.request('textDocument/hover', { textDocument: { uri: pathToFileURL(join(folder, 'never-opened.articles')).href }, position: { line: 0, character: 0 } });
    assert.equal(unknownResult, null);
    // The server's story is exactly the text LSP's own document model computes from those changes.
    const expected = new WorkspaceIndex();
    expected.setDocument(openUri, document.getText());
    expected.setDocument(diskUri, BASE_TEXTS[1]!);
    const quotes = (await client.request(Requests.listQuotes, { uri: openUri })) as QuoteItem[];
    assert.deepEqual(
      quotes.map((q) => [q.text, q.speaker, q.range]),
      [...expected.quotes().values()].filter((r) => r.uri === openUri).map((r) => [r.quote.text, r.quote.speaker, expected.get(openUri)!.lines.rangeOf(r.quote.span)]),
    );
    assert.ok(client.alive, `the server died\n${client.stderr}`);
  });

  it('answers each of 1,000 mixed requests exactly once while edits arrive and 30 % are cancelled', async () => {
    const next = random(0x5eed8);
    const errorsBefore = client.errors.length;
    const sent: Array<{ id: number; method: string; cancelled: boolean; response: Promise<ResponseMessage> }> = [];
    let version = 100;
    const uris = [openUri, diskUri];
    client.notify('textDocument/didOpen', { textDocument: { uri: diskUri, languageId: 'articles', version: 1, text: BASE_TEXTS[1]! } });
    const docs = new Map([
      [openUri, document],
      [diskUri, TextDocument.create(diskUri, 'articles', 1, BASE_TEXTS[1]!)],
    ]);
    const pieces = ['a', ' ', '\n', '“', '”', '"', '😀', 'Putin said ', '\n=== X ===\n', '.'];
    for (let n = 0; n < 1000; n++) {
      if (next() < 0.3) {
        // An edit: insert or delete a few characters somewhere.
        const uri = uris[Math.floor(next() * 2)]!;
        const doc = docs.get(uri)!;
        const start = doc.positionAt(Math.floor(next() * doc.getText().length));
        const end = next() < 0.3 ? doc.positionAt(doc.offsetAt(start) + 1 + Math.floor(next() * 3)) : start;
        const change = { range: { start, end }, text: next() < 0.3 ? '' : pieces[Math.floor(next() * pieces.length)]! };
        version++;
        docs.set(uri, TextDocument.update(doc, [change], version));
        client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      }
      if (n % 97 === 96) {
        // Closed (the server falls back to the file on disk) and opened again, maybe while an analysis is paused.
        client.notify('textDocument/didClose', { textDocument: { uri: diskUri } });
        client.notify('textDocument/didOpen', { textDocument: { uri: diskUri, languageId: 'articles', version: ++version, text: docs.get(diskUri)!.getText() } });
      }
      const uri = uris[Math.floor(next() * 2)]!;
      const doc = docs.get(uri)!;
      const position = doc.positionAt(Math.floor(next() * doc.getText().length));
      const all = [...editorRequests(uri, position), [Requests.listQuotes, {}], [Requests.listGroups, { uri }], [Requests.status, {}], [Requests.coverage, {}], ['workspace/symbol', { query: 'Putin' }]] as Array<[string, unknown]>;
      const [method, params] = all[Math.floor(next() * all.length)]!;
      const { id, response } = client.send(method, params);
      const cancelled = next() < 0.3;
      if (cancelled) {
        // Cancel at once, or after the server may already have answered.
        if (next() < 0.5) client.notify('$/cancelRequest', { id });
        else setTimeout(() => client.notify('$/cancelRequest', { id }), Math.floor(next() * 5));
      }
      sent.push({ id, method, cancelled, response });
    }
    // Last, the second story is edited, read (an analysis begins) and closed at once: the file on disk is what counts.
    const disk = docs.get(diskUri)!;
    const insert = { range: { start: disk.positionAt(0), end: disk.positionAt(0) }, text: '“Closed before it was read,” she said.\n' };
    client.notify('textDocument/didChange', { textDocument: { uri: diskUri, version: ++version }, contentChanges: [insert] });
    const read = client.send(Requests.status, { uri: diskUri });
    sent.push({ id: read.id, method: Requests.status, cancelled: false, response: read.response });
    client.notify('textDocument/didClose', { textDocument: { uri: diskUri } });
    docs.set(diskUri, TextDocument.create(diskUri, 'articles', 1, BASE_TEXTS[1]!));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), 45000)));
    const settled = await Promise.race([Promise.all(sent.map((s) => s.response)), timeout]);
    clearTimeout(timer);
    const unanswered = sent.filter((s) => !client.responses.has(s.id));
    assert.notEqual(settled, 'timeout', `${unanswered.length} requests never answered, e.g. ${unanswered.slice(0, 5).map((s) => s.method).join(', ')}\n${client.stderr}`);
    // Give a duplicate answer time to arrive before counting.
    await client.request(Requests.status, {});
    await new Promise((r) => setTimeout(r, 200));
    const cancelledCount = sent.filter((s) => s.cancelled).length;
    assert.ok(cancelledCount >= 250 && cancelledCount <= 350, `${cancelledCount} cancelled`);
    for (const s of sent) {
      const answers = client.responses.get(s.id)!;
      assert.equal(answers.length, 1, `${s.method} #${s.id} answered ${answers.length} times`);
      const answer = answers[0]!;
      if (s.cancelled) assert.ok(answer.error === undefined || answer.error.code === -32800, `${s.method} #${s.id}: ${JSON.stringify(answer.error)}`);
      else assert.equal(answer.error, undefined, `${s.method} #${s.id}: ${JSON.stringify(answer.error)}`);
    }
    assert.ok(client.alive, `the server died\n${client.stderr}`);
    const status = (await client.request(Requests.status, {})) as { documents: number };
    assert.equal(status.documents, 2);
    // The index still equals a fresh build over the texts LSP's document model holds.
    const expected = new WorkspaceIndex();
    for (const [uri, doc] of docs) expected.setDocument(uri, doc.getText());
    const quotes = (await client.request(Requests.listQuotes, {})) as QuoteItem[];
    assert.deepEqual(
      quotes.map((q) => [q.key, q.text]),
      [...expected.quotes().values()].map((q) => [q.key, q.quote.text]),
    );
    assert.deepEqual(client.errors.slice(errorsBefore), [], 'no handler failed');
  });
});
