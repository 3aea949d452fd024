// Latency through the real language server (dist/server.js over stdio), with the LSP client the tests use.
import { readdirSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  DefinitionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  HoverRequest,
  ReferencesRequest,
  WorkspaceSymbolRequest,
  type Position,
} from 'vscode-languageserver-protocol';
import { WorkspaceIndex } from '../server/src/core/workspaceIndex';
import { Requests, type ActorRowsResult, type GroupRowsResult, type Page, type SourceRow, type SpeakerRow } from '../server/src/protocol';
import { LspClient } from '../test/lsp/lspClient';
import { hash, random } from './generate';
import { editOffset, replaceLetter, type EditPlace } from './indexPhase';
import { latencies, type Latencies } from './stats';

export interface ViewRequest {
  readonly name: string;
  readonly ms: number;
  readonly mb: number;
  /** A page or a row of a view's tree, not a whole list. */
  readonly tree: boolean;
}

export interface LspResult {
  readonly files: number;
  /** From initialize to the server's "Indexed N story files" (it reads and analyses every file). */
  readonly startMs: number;
  /** The first hover after indexing: the grouping index reads every quote first (the server does it in idle slices). */
  readonly firstHoverMs: number;
  readonly hover: Latencies;
  readonly hoverActor: Latencies;
  readonly definition: Latencies;
  readonly referencesQuote: Latencies;
  readonly referencesActor: Latencies;
  readonly workspaceSymbols: Latencies;
  /** A one-character edit (didChange) outside quotation marks in an open story, then a hover in another story. */
  readonly proseEditThenHover: Latencies;
  /** The same inside a quotation: the hover waits for the changed quotes to be regrouped. */
  readonly quoteEditThenHover: Latencies;
  /** Any of these edits until its diagnostics arrive (the server debounces them by 50 ms). */
  readonly editToDiagnostics: Latencies;
  /** The first edits after the server started, then a hover (not in the figures above): its main thread has analysed little yet. */
  readonly firstEditsThenHover: Latencies;
  /** One request of each view over the whole workspace: how long it took and how many megabytes of JSON it answered. */
  readonly views: readonly ViewRequest[];
  /** The server's peak RSS once it answered them. */
  readonly rssAfterViewsMB: number;
  readonly rssMB: number;
  readonly peakRssMB: number;
  /**
   * With a cache folder: a second server on the same folder, from initialize to "Indexed …" (it reads,
   * hashes and restores the files the first one saved), its log line, and its first hover.
   */
  readonly warm?: { readonly startMs: number; readonly indexed: string; readonly firstHoverMs: number };
}

interface Target {
  readonly uri: string;
  readonly position: Position;
}

/** The language server started by this process (a child whose command line runs dist/server.js). */
function serverPid(): number | undefined {
  for (const task of readdirSync(`/proc/${process.pid}/task`)) {
    let children = '';
    try {
      children = readFileSync(`/proc/${process.pid}/task/${task}/children`, 'utf8');
    } catch {
      continue;
    }
    for (const pid of children.trim().split(/\s+/).filter(Boolean).map(Number)) {
      try {
        if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('dist/server.js')) return pid;
      } catch {
        // gone meanwhile
      }
    }
  }
  return undefined;
}

function memoryOf(pid: number | undefined): { rssMB: number; peakRssMB: number } {
  if (pid === undefined) return { rssMB: Number.NaN, peakRssMB: Number.NaN };
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMB: kb('VmRSS') / 1024, peakRssMB: kb('VmHWM') / 1024 };
}

async function time(work: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await work();
  return performance.now() - t0;
}

/** Starts the server on `dir`; resolves once it has indexed, with the time that took and its "Indexed" line. */
async function startIndexed(client: LspClient, dir: string, options: Record<string, unknown>, alsoWaitFor?: string): Promise<{ ms: number; indexed: string }> {
  let indexed = '';
  let indexedAt = Number.NaN;
  const done = new Promise<void>((resolve) => {
    let waiting = alsoWaitFor ? 2 : 1;
    client.connection.onNotification('window/logMessage', (p: { message?: string }) => {
      if (p.message?.startsWith('Indexed ')) {
        indexed = p.message;
        indexedAt = performance.now();
      }
      if (p.message?.startsWith('Indexed ') || (alsoWaitFor && p.message?.startsWith(alsoWaitFor))) waiting--;
      if (waiting === 0) resolve();
    });
  });
  const t0 = performance.now();
  await client.initialize(dir, options);
  await done;
  // Timed to "Indexed": what comes after it (the wait for the cache to be saved) is not the start.
  return { ms: indexedAt - t0, indexed };
}

/** Edits made (and timed apart) before the edit samples. */
const WARM_UP_EDITS = 10;

export async function runLspPhase(dir: string, files: readonly string[], samples: number, edits: { prose: number; quote: number }, cacheDirectory?: string): Promise<LspResult> {
  const next = random(hash(`lsp ${files.length}`));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;

  // Where to click: quotes and actor mentions of a sample of the stories, found by the core itself.
  const quoteTargets: Target[] = [];
  const mentionTargets: Target[] = [];
  const queries: string[] = [];
  for (let k = 0; k < Math.min(60, files.length); k++) {
    const file = pick(files);
    const uri = pathToFileURL(file).href;
    const local = new WorkspaceIndex();
    local.setDocument(uri, readFileSync(file, 'utf8'));
    const doc = local.get(uri)!;
    for (const q of doc.analysis.quotes) quoteTargets.push({ uri, position: doc.lines.positionAt(q.span.start + 1) });
    for (const m of doc.analysis.mentions) mentionTargets.push({ uri, position: doc.lines.positionAt(m.start + 1) });
    const words = doc.analysis.quotes.flatMap((q) => q.text.split(/[^\p{L}]+/u)).filter((w) => w.length >= 6);
    if (words.length) queries.push(pick(words).toLowerCase());
    const speakers = doc.analysis.quotes.map((q) => q.speaker).filter((s): s is string => !!s);
    if (speakers.length) queries.push(pick(speakers).split(' ').pop()!);
  }

  const client = new LspClient();
  let result: LspResult;
  try {
    // With a cache folder, the server writes its persisted index after indexing: the latencies below
    // are measured once it has (startMs is still timed to "Indexed": see startIndexed).
    const { ms: startMs } = await startIndexed(client, dir, cacheDirectory ? { cacheDirectory } : {}, cacheDirectory ? 'Index cache: saved' : undefined);
    const pid = serverPid();

    const hover = (t: Target): Promise<unknown> => client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: t.uri }, position: t.position });
    const firstHoverMs = await time(() => hover(pick(quoteTargets)));

    const measure = async (n: number, request: () => Promise<unknown>): Promise<Latencies> => {
      const out: number[] = [];
      for (let k = 0; k < n; k++) out.push(await time(request));
      return latencies(out);
    };
    const hoverL = await measure(samples, () => hover(pick(quoteTargets)));
    const hoverActor = await measure(Math.ceil(samples / 4), () => hover(pick(mentionTargets)));
    const definition = await measure(samples, () => {
      const t = pick(quoteTargets);
      return client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: t.uri }, position: t.position });
    });
    const references = (targets: readonly Target[]) => () => {
      const t = pick(targets);
      return client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri: t.uri }, position: t.position, context: { includeDeclaration: true } });
    };
    const referencesQuote = await measure(samples, references(quoteTargets));
    const referencesActor = await measure(Math.ceil(samples / 4), references(mentionTargets));
    const workspaceSymbols = await measure(Math.min(samples, 60), () => client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: pick(queries) }));

    // Edits: one open story, a letter replaced at a time, as someone typing.
    const editFile = pick(files);
    const editUri = pathToFileURL(editFile).href;
    let text = readFileSync(editFile, 'utf8');
    let version = 1;
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: editUri, languageId: 'articles', version, text } });
    await client.waitForDiagnostics(editUri, (p) => p.version === version, 600000);
    const local = new WorkspaceIndex();
    local.setDocument(editUri, text);
    const others = quoteTargets.filter((t) => t.uri !== editUri);
    const editThenHover: Record<EditPlace, number[]> = { prose: [], quote: [] };
    const editToDiagnostics: number[] = [];
    // The first edits warm the server's main thread (the workers did the cold index): timed apart.
    const warmUp: EditPlace[] = Array.from({ length: WARM_UP_EDITS }, (_, k) => (k % 2 === 0 ? 'prose' : 'quote'));
    const firstEdits: number[] = [];
    const plan: EditPlace[] = [...Array.from({ length: edits.prose }, () => 'prose' as const), ...Array.from({ length: edits.quote }, () => 'quote' as const)];
    for (const [k, place] of [...warmUp, ...plan].entries()) {
      const doc = local.get(editUri)!;
      const at = editOffset(doc, place, next);
      if (at === undefined) continue;
      const range = { start: doc.lines.positionAt(at), end: doc.lines.positionAt(at + 1) };
      text = replaceLetter(text, at);
      version++;
      const t0 = performance.now();
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: editUri, version }, contentChanges: [{ range, text: text[at]! }] });
      await hover(pick(others));
      const warming = k < warmUp.length;
      if (warming) firstEdits.push(performance.now() - t0);
      else editThenHover[place].push(performance.now() - t0);
      const v = version;
      await client.waitForDiagnostics(editUri, (p) => p.version === v, 600000);
      if (!warming) editToDiagnostics.push(performance.now() - t0);
      local.setDocument(editUri, text);
    }

    // Memory before the views' requests below, which build answers of tens of megabytes.
    const memory = memoryOf(pid);
    // The views' requests over the whole workspace, as the Quotes, Actors and Sources views make them
    // when they open and a row of each level is expanded (a page of 200 rows, their default), and Go to Quote as words
    // are typed, and the coverage matrix; then whole lists (listQuotes, the coverage of every group):
    // one of each, their time and size.
    const views: ViewRequest[] = [];
    const ask = async <T>(name: string, method: string, params: object, tree = true): Promise<T> => {
      const t0 = performance.now();
      const answer = await client.connection.sendRequest<T>(method, params);
      views.push({ name, ms: performance.now() - t0, mb: JSON.stringify(answer).length / 1e6, tree });
      return answer;
    };
    const page = { offset: 0, limit: 200 };
    const groupRows = await ask<GroupRowsResult>('group rows', Requests.groupRows, page);
    await ask('a group', Requests.group, { id: groupRows.items[0]?.id ?? '', withDiffs: false });
    await ask('single quotes', Requests.quotePage, { ...page, ungrouped: true });
    const speakers = await ask<Page<SpeakerRow>>('speakers', Requests.speakerRows, page);
    await ask('a speaker\'s quotes', Requests.quotePage, { ...page, speaker: speakers.items[0]?.speaker ?? null });
    await ask('actor kinds', Requests.actorRows, { limit: 0 });
    const people = await ask<ActorRowsResult>('people', Requests.actorRows, { ...page, kind: 'person' });
    await ask('mentions', Requests.actorMentions, { ...page, name: people.items[0]?.name ?? '' });
    const sources = await ask<Page<SourceRow>>('sources', Requests.sourceRows, page);
    await ask('articles', Requests.articleRows, { ...page, source: sources.items[0]?.source ?? '' });
    // Go to Quote as a word is typed: the server searches every quote.
    await ask('Go to Quote search', Requests.quotePage, { query: 'the', limit: 200 });
    await ask('Go to Quote search, two words', Requests.quotePage, { query: 'the president', limit: 200 });
    await ask('all quotes (listQuotes, the export and the CLI tests)', Requests.listQuotes, {}, false);
    await ask('coverage matrix (200 groups)', Requests.coverage, { limit: 200 });
    await ask('coverage of every group', Requests.coverage, {}, false);

    result = {
      files: files.length,
      startMs,
      views,
      firstHoverMs,
      hover: hoverL,
      hoverActor,
      definition,
      referencesQuote,
      referencesActor,
      workspaceSymbols,
      proseEditThenHover: latencies(editThenHover.prose),
      quoteEditThenHover: latencies(editThenHover.quote),
      editToDiagnostics: latencies(editToDiagnostics),
      firstEditsThenHover: latencies(firstEdits),
      ...memory,
      rssAfterViewsMB: memoryOf(pid).peakRssMB,
    };
  } finally {
    await client.dispose();
  }
  if (!cacheDirectory) return result;
  // The same folder again, as after reopening the workspace: the edited story was open (so not saved).
  const second = new LspClient();
  try {
    const { ms, indexed } = await startIndexed(second, dir, { cacheDirectory });
    const firstHoverMs = await time(() => second.connection.sendRequest(HoverRequest.type, { textDocument: { uri: quoteTargets[0]!.uri }, position: quoteTargets[0]!.position }));
    return { ...result, warm: { startMs: ms, indexed, firstHoverMs } };
  } finally {
    await second.dispose();
  }
}
