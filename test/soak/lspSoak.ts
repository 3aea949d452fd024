// The language-server soak: thousands of incremental edits at full speed to a 200 KB, 50-article story
// over stdio, a hover every 10 edits and an outline every 50; prints latencies, event-loop delay and the
// heap after GC before and after, and exits 1 when a target is missed.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SERVER_NODE_FLAGS } from '../../server/src/protocol';
import { random, RawClient } from '../lsp/reliabilityClient';
import { bigStory } from './bigStory';
import { percentile } from './stats';

const TARGETS = { hoverP95: 50, outlineP95: 150, loopDelayP99: 50, heapGrowth: 0.1 };
/** Edits before the heap baseline is taken: caches and memos have filled by then. */
const WARM_UP_EDITS = 1000;
const OPEN_CLOSE_CYCLES = 1000;
const REQUEST_TIMEOUT_MS = 60000;

interface Probe {
  heapUsed: number;
  rss: number;
  gcExposed: boolean;
  loopDelay: { p50: number; p95: number; p99: number; max: number };
}

async function probe(client: RawClient, file: string): Promise<Probe | undefined> {
  if (existsSync(file)) rmSync(file);
  process.kill(client.pid!, 'SIGUSR2');
  for (let i = 0; i < 200 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 25));
  await new Promise((r) => setTimeout(r, 25));
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Probe) : undefined;
}

/** Resolves with the response time, or rejects when the server has not answered in time. */
async function timed(client: RawClient, method: string, params: unknown): Promise<{ sentAt: number; answeredAt: number; id: number; result: unknown }> {
  const sentAt = performance.now();
  const { id, response } = client.send(method, params);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), REQUEST_TIMEOUT_MS)));
  const r = await Promise.race([response, timeout]);
  clearTimeout(timer);
  if (r === 'timeout') throw new Error(`${method} not answered within ${REQUEST_TIMEOUT_MS / 1000} s: the server is stuck`);
  if (r.error) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
  return { sentAt, answeredAt: client.answeredAt.get(id)!, id, result: r.result };
}

function growth(before: Probe, after: Probe): string {
  const change = (after.heapUsed / before.heapUsed - 1) * 100;
  return `${change >= 0 ? '+' : ''}${change.toFixed(1)} %`;
}

export async function lspSoak(edits: number): Promise<boolean> {
  const folder = mkdtempSync(join(tmpdir(), 'article-lens-soak-'));
  const probeFile = join(folder, 'probe.json');
  const text = bigStory(50, 200 * 1024);
  const file = join(folder, 'story.articles');
  writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  const client = new RawClient({
    // SOAK_SERVER_PROFILE=DIR writes a CPU profile of the server there (for finding where the time goes).
    execArgv: [
      ...SERVER_NODE_FLAGS,
      '--expose-gc',
      '--import',
      pathToFileURL(join(process.cwd(), 'test', 'soak', 'heapProbe.mjs')).href,
      ...(process.env['SOAK_SERVER_PROFILE'] ? ['--cpu-prof', `--cpu-prof-dir=${process.env['SOAK_SERVER_PROFILE']}`] : []),
    ],
    env: { ...process.env, SOAK_PROBE_FILE: probeFile },
  });
  const next = random(0x50a4);
  let document = TextDocument.create(uri, 'articles', 1, text);
  const hoverTotal: number[] = [];
  const hoverOwn: number[] = [];
  const outlineTotal: number[] = [];
  const outlineOwn: number[] = [];
  let survived = 0;
  let hoverHits = 0;
  let failure: string | undefined;
  let openCloseCycles = 0;
  // The heap is compared on the same text: 10,000 random edits add quotes and names, which take room.
  let baselineText = text;
  const started = performance.now();
  let before: Probe | undefined;
  let after: Probe | undefined;
  try {
    await timed(client, 'initialize', { processId: process.pid, rootUri: pathToFileURL(folder).href, workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'soak' }], capabilities: {} });
    client.notify('initialized', {});
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'articles', version: 1, text } });
    await timed(client, 'textDocument/documentSymbol', { textDocument: { uri } });
    const pieces = ['a', 'e', ' ', ' ', '.', ',', '“', '”', '"', '\n', 'Putin ', '😀'];
    let version = 1;
    /** A position just inside a quotation near a random place, for hovers that have something to show. */
    const quotePosition = (): { line: number; character: number } => {
      const t = document.getText();
      const from = Math.floor(next() * t.length);
      const at = t.indexOf('“', from);
      return document.positionAt(at >= 0 ? at + 2 : from);
    };
    for (let n = 1; n <= edits; n++) {
      const length = document.getText().length;
      const offset = Math.floor(next() * length);
      const start = document.positionAt(offset);
      const remove = next() < 0.3 ? 1 + Math.floor(next() * 3) : 0;
      const change = { range: { start, end: document.positionAt(offset + remove) }, text: remove > 0 && next() < 0.5 ? '' : pieces[Math.floor(next() * pieces.length)]! };
      version++;
      document = TextDocument.update(document, [change], version);
      client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      if (n % 10 === 0) {
        // A cheap request sent just before tells how long the hover itself took once the edits ahead were done.
        const barrier = client.send('textDocument/foldingRange', { textDocument: { uri } });
        const hover = await timed(client, 'textDocument/hover', { textDocument: { uri }, position: quotePosition() });
        hoverTotal.push(hover.answeredAt - hover.sentAt);
        if (hover.result !== null) hoverHits++;
        hoverOwn.push(hover.answeredAt - (client.answeredAt.get(barrier.id) ?? hover.sentAt));
      }
      if (n % 50 === 0) {
        const barrier = client.send('textDocument/foldingRange', { textDocument: { uri } });
        const outline = await timed(client, 'textDocument/documentSymbol', { textDocument: { uri } });
        outlineTotal.push(outline.answeredAt - outline.sentAt);
        outlineOwn.push(outline.answeredAt - (client.answeredAt.get(barrier.id) ?? outline.sentAt));
      }
      survived = n;
      if (n === Math.min(WARM_UP_EDITS, edits)) {
        await client.request('articleLens/status', { uri });
        before = await probe(client, probeFile);
        baselineText = document.getText();
      }
      if (n % 1000 === 0) process.stderr.write(`  lsp soak: ${n} edits, ${((performance.now() - started) / 1000).toFixed(0)} s, hover p95 so far ${percentile(hoverTotal, 95).toFixed(0)} ms\n`);
    }
    // Open and close: the story saved first, so closing reloads the same text from disk; and a second,
    // unsaved story that closing removes from the index.
    writeFileSync(file, document.getText());
    const scratch = `${pathToFileURL(join(folder, 'scratch.articles')).href}`;
    for (let n = 0; n < OPEN_CLOSE_CYCLES; n++) {
      client.notify('textDocument/didClose', { textDocument: { uri } });
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'articles', version: ++version, text: document.getText() } });
      client.notify('textDocument/didOpen', { textDocument: { uri: scratch, languageId: 'articles', version: 1, text: text.slice(0, 4000 + n) } });
      await timed(client, 'textDocument/documentSymbol', { textDocument: { uri: scratch } });
      client.notify('textDocument/didClose', { textDocument: { uri: scratch } });
    }
    openCloseCycles = OPEN_CLOSE_CYCLES;
    // The server's text must be the client's after all those edits.
    const status = (await client.request('articleLens/status', { uri })) as { story?: { articles: number } };
    if (!status.story) throw new Error('the story is gone from the index');
    const fullRange = { start: { line: 0, character: 0 }, end: document.positionAt(document.getText().length) };
    document = TextDocument.update(document, [{ text: baselineText }], ++version);
    client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: fullRange, text: baselineText }] });
    await client.request('articleLens/status', { uri });
    await timed(client, 'textDocument/hover', { textDocument: { uri }, position: quotePosition() });
    await new Promise((r) => setTimeout(r, 1000));
    after = await probe(client, probeFile);
  } catch (error) {
    failure = (error as Error).message;
  }
  const alive = client.alive;
  await client.dispose();
  rmSync(folder, { recursive: true, force: true });

  const mb = (b: number | undefined): string => (b === undefined ? 'n/a' : `${(b / 1024 / 1024).toFixed(1)} MB`);
  const p = (xs: number[], q: number): string => (xs.length ? `${percentile(xs, q).toFixed(1)} ms` : 'n/a');
  const seconds = (performance.now() - started) / 1000;
  const lines = [
    `LSP soak: ${text.length.toLocaleString('en')}-character story of 50 articles, ${edits.toLocaleString('en')} incremental edits at full speed`,
    `  edits survived          ${survived.toLocaleString('en')} of ${edits.toLocaleString('en')} in ${seconds.toFixed(0)} s (${(survived / seconds).toFixed(1)} edits/s)${failure ? ` — ${failure}` : ''}`,
    `  server alive            ${alive ? 'yes' : 'NO'}`,
    `  hover   (${hoverTotal.length} requests, ${hoverHits} on a quote)   p50 ${p(hoverTotal, 50)}, p95 ${p(hoverTotal, 95)}, max ${p(hoverTotal, 100)}  (sent behind up to 10 queued edits; target p95 < ${TARGETS.hoverP95} ms)`,
    `          own time          p50 ${p(hoverOwn, 50)}, p95 ${p(hoverOwn, 95)}, max ${p(hoverOwn, 100)}  (after the edits ahead of it were processed)`,
    `  outline (${outlineTotal.length} requests)   p50 ${p(outlineTotal, 50)}, p95 ${p(outlineTotal, 95)}, max ${p(outlineTotal, 100)}  (target p95 < ${TARGETS.outlineP95} ms)`,
    `          own time          p50 ${p(outlineOwn, 50)}, p95 ${p(outlineOwn, 95)}, max ${p(outlineOwn, 100)}`,
    `  open/close cycles       ${openCloseCycles.toLocaleString('en')} (the story and a second, unsaved one)`,
    `  event-loop delay        ${[before, after].map((x, i) => (x ? `${i === 0 ? 'warm-up' : 'rest'}: p50 ${x.loopDelay.p50} ms, p95 ${x.loopDelay.p95} ms, p99 ${x.loopDelay.p99} ms, max ${x.loopDelay.max} ms` : 'n/a')).join('; ')} (server; target p99 < ${TARGETS.loopDelayP99} ms)`,
    `  heap after GC           after ${WARM_UP_EDITS.toLocaleString('en')} edits ${mb(before?.heapUsed)}, at the end (same text again) ${mb(after?.heapUsed)}${before && after ? ` (${growth(before, after)})` : ''}${before && !before.gcExposed ? ' (gc not exposed: without GC)' : ''}`,
    `  RSS                     before ${mb(before?.rss)}, after ${mb(after?.rss)}`,
  ];
  console.log(lines.join('\n'));
  const misses: string[] = [];
  if (failure || survived < edits || !alive) misses.push('not every edit survived');
  if (hoverTotal.length === 0 || percentile(hoverTotal, 95) >= TARGETS.hoverP95) misses.push(`hover p95 ${p(hoverTotal, 95)} ≥ ${TARGETS.hoverP95} ms`);
  if (outlineTotal.length === 0 || percentile(outlineTotal, 95) >= TARGETS.outlineP95) misses.push(`outline p95 ${p(outlineTotal, 95)} ≥ ${TARGETS.outlineP95} ms`);
  if (!before || !after) misses.push('no heap figures');
  else if (after.heapUsed > before.heapUsed * (1 + TARGETS.heapGrowth)) misses.push(`heap grew ${growth(before, after)}, more than ${TARGETS.heapGrowth * 100} %`);
  const worstP99 = Math.max(before?.loopDelay.p99 ?? Infinity, after?.loopDelay.p99 ?? Infinity);
  if (worstP99 >= TARGETS.loopDelayP99) misses.push(`event-loop delay p99 ${worstP99} ms ≥ ${TARGETS.loopDelayP99} ms`);
  console.log(misses.length ? `  MISSED: ${misses.join('; ')}` : '  all LSP targets met');
  return misses.length === 0;
}
