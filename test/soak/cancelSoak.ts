// The cancellation soak: 10,000 mixed requests over stdio while edits arrive, 30 % of them cancelled at
// random (at once or a few milliseconds later), with up to 20 requests waiting for an answer at a time.
// Every request must be answered exactly once, and cancelled ones within 50 ms of their cancellation
// (p99; the few that arrive while an analysis runs wait for it: their number is printed).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ResponseMessage } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Requests } from '../../server/src/protocol';
import { editorRequests } from '../lsp/editorRequests';
import { random, RawClient } from '../lsp/reliabilityClient';
import { percentile } from './stats';

const CANCELLED_WITHIN_MS = 50;
const REQUEST_TIMEOUT_MS = 120_000;
const MAX_IN_FLIGHT = 20;

function requestsAt(uri: string, position: { line: number; character: number }): Array<[string, unknown]> {
  return [...editorRequests(uri, position), [Requests.listQuotes, { uri }], [Requests.status, {}], ['workspace/symbol', { query: 'Putin' }]];
}

export async function cancelSoak(total: number): Promise<boolean> {
  const folder = mkdtempSync(join(tmpdir(), 'article-lens-cancel-'));
  const text = readFileSync(join(process.cwd(), 'samples', 'mediate-russia-first.articles'), 'utf8');
  const file = join(folder, 'story.articles');
  writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  const client = new RawClient();
  const next = random(0xca7c);
  const sent: Array<{ id: number; method: string; cancelledAt?: number; response: Promise<ResponseMessage> }> = [];
  const waiting = new Map<number, Promise<ResponseMessage>>();
  let failure: string | undefined;
  const started = performance.now();
  try {
    await client.request('initialize', { processId: process.pid, rootUri: pathToFileURL(folder).href, workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'cancel' }], capabilities: {} });
    client.notify('initialized', {});
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'articles', version: 1, text } });
    await client.request('textDocument/documentSymbol', { textDocument: { uri } });
    let document = TextDocument.create(uri, 'articles', 1, text);
    const pieces = ['a', ' ', '\n', '“', '”', '"', '😀', 'Putin said ', '.'];
    for (let n = 0; n < total; n++) {
      if (next() < 0.3) {
        const start = document.positionAt(Math.floor(next() * document.getText().length));
        const change = { range: { start, end: start }, text: pieces[Math.floor(next() * pieces.length)]! };
        document = TextDocument.update(document, [change], document.version + 1);
        client.notify('textDocument/didChange', { textDocument: { uri, version: document.version }, contentChanges: [change] });
      }
      const all = requestsAt(uri, document.positionAt(Math.floor(next() * document.getText().length)));
      const [method, params] = all[Math.floor(next() * all.length)]!;
      const { id, response } = client.send(method, params);
      const entry: (typeof sent)[number] = { id, method, response };
      sent.push(entry);
      waiting.set(id, response);
      void response.then(() => waiting.delete(id));
      if (next() < 0.3) {
        const cancel = (): void => {
          entry.cancelledAt = performance.now();
          client.notify('$/cancelRequest', { id });
        };
        if (next() < 0.5) cancel();
        else setTimeout(cancel, Math.floor(next() * 5));
      }
      // Up to MAX_IN_FLIGHT requests wait for their answers at any time, as in an editor: a backlog of
      // thousands would make every cancellation wait behind the client's own unsent messages.
      await new Promise((r) => setImmediate(r));
      while (waiting.size >= MAX_IN_FLIGHT) await Promise.race(waiting.values());
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), REQUEST_TIMEOUT_MS)));
    const settled = await Promise.race([Promise.all(sent.map((s) => s.response)), timeout]);
    clearTimeout(timer);
    if (settled === 'timeout') failure = `${sent.filter((s) => !client.responses.has(s.id)).length} requests never answered`;
    // A duplicate answer would come right behind the first.
    await client.request(Requests.status, {});
    await new Promise((r) => setTimeout(r, 300));
  } catch (error) {
    failure = (error as Error).message;
  }
  const alive = client.alive;
  await client.dispose();
  rmSync(folder, { recursive: true, force: true });

  const answeredTwice = sent.filter((s) => (client.responses.get(s.id)?.length ?? 0) > 1).length;
  const unanswered = sent.filter((s) => !client.responses.has(s.id)).length;
  const failed = sent.filter((s) => {
    const error = client.responses.get(s.id)?.[0]?.error;
    return error !== undefined && !(s.cancelledAt !== undefined && error.code === -32800);
  }).length;
  const cancelled = sent.filter((s) => s.cancelledAt !== undefined);
  // How long after its cancellation a request was answered (0 when the answer came first).
  const waits = cancelled.map((s) => Math.max(0, (client.answeredAt.get(s.id) ?? Infinity) - s.cancelledAt!));
  const late = waits.filter((w) => w > CANCELLED_WITHIN_MS).length;
  const asCancelled = cancelled.filter((s) => client.responses.get(s.id)?.[0]?.error?.code === -32800).length;
  const seconds = (performance.now() - started) / 1000;
  const ms = (q: number): string => (waits.length ? `${percentile(waits, q).toFixed(1)} ms` : 'n/a');
  console.log(
    [
      `Cancellation soak: ${total.toLocaleString('en')} mixed requests with edits between them, ${cancelled.length.toLocaleString('en')} cancelled (${((100 * cancelled.length) / Math.max(1, total)).toFixed(0)} %), ${seconds.toFixed(0)} s`,
      `  answered exactly once   ${(total - unanswered - answeredTwice).toLocaleString('en')} of ${total.toLocaleString('en')} (unanswered ${unanswered}, answered twice ${answeredTwice}, failed ${failed})${failure ? ` — ${failure}` : ''}`,
      `  cancelled ones          ${asCancelled.toLocaleString('en')} answered "cancelled", the rest had their result first; answered after the cancel p50 ${ms(50)}, p95 ${ms(95)}, p99 ${ms(99)}, max ${ms(100)}; later than ${CANCELLED_WITHIN_MS} ms: ${late}`,
      `  server alive            ${alive ? 'yes' : 'NO'}`,
    ].join('\n'),
  );
  const misses: string[] = [];
  if (failure || unanswered > 0 || answeredTwice > 0 || failed > 0 || !alive) misses.push('not every request answered exactly once, without an error');
  if (waits.length === 0 || percentile(waits, 99) >= CANCELLED_WITHIN_MS) misses.push(`cancelled requests answered p99 ${ms(99)} after the cancel, not within ${CANCELLED_WITHIN_MS} ms`);
  console.log(misses.length ? `  MISSED: ${misses.join('; ')}` : '  all cancellation targets met');
  return misses.length === 0;
}
