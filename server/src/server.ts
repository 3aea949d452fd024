import { appendFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CancellationToken,
  CodeActionKind,
  DiagnosticSeverity,
  ErrorCodes,
  LSPErrorCodes,
  type Diagnostic,
  type ConnectionStrategy,
  type RequestMessage,
  ResponseError,
  createConnection,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { AnalysisPool, poolSizeFor, type PooledAnalysis } from './analysisPool';
import { DEFAULT_GROUPING } from './core/variantGrouper';
import { WorkspaceIndex, type DocumentEntry } from './core/workspaceIndex';
import { provideCodeActions } from './features/codeActions';
import { provideDiagnostics } from './features/diagnostics';
import { provideCodeLenses } from './features/codeLens';
import { provideCompletion } from './features/completion';
import { provideFoldingRanges } from './features/folding';
import { provideInlayHints } from './features/inlayHints';
import { provideSemanticTokens, SEMANTIC_LEGEND } from './features/semanticTokens';
import { exportSteps } from './features/exporter';
import { provideHover } from './features/hover';
import { provideDefinition, provideDocumentHighlights, provideReferences } from './features/navigation';
import { prepareRename, provideRename } from './features/rename';
import { prepareWorkspaceSymbols, provideDocumentSymbols, provideWorkspaceSymbols } from './features/symbols';
import { pageBounds, ViewRows } from './features/viewRows';
import { coverage, groupAt, listActors, listGroups, listQuotes, listSources, status, variantNeighbor } from './features/views';
import { collectStoryFiles, MAX_FILE_BYTES, readStoryFile } from './fsWorkspace';
import { ProblemCode } from './core/model';
import { buildFingerprint, cacheFileFor, IndexCache } from './indexCache';
import { PIECE_TEXT_DOCUMENTS } from './pieceTextDocument';
import { indexWithPool, turn } from './pooledIndexing';
import { compactText } from './compactText';
import {
  Notifications,
  Requests,
  type ActorMentionsParams,
  type ActorRowsParams,
  type ArticleRowsParams,
  type ExportFormat,
  type GroupParams,
  type ListGroupsParams,
  type PageParams,
  type PositionParams,
  type QuotePageParams,
  type ScopeParams,
} from './protocol';
import { DEFAULT_SETTINGS, isStoryPath, readSettings, type ServerSettings } from './settings';

// The work done in idle time after the first index comes in slices of a few milliseconds: a request
// that arrives meanwhile waits at most for the slice under way (the hover's target is 10 ms).
/** Documents handed to the grouping index per slice after the first index (~8 ms of work). */
const GROUPING_SLICE_DOCUMENTS = 20;
/** Documents read, or actors worked out, per slice after the first index (a few milliseconds of work). */
const ACTOR_SLICE = 200;
/** Wordings related (or components assembled) per slice: p95 1 ms, at most 12 ms (a quote thousands of articles repeat) at 10,000 articles. */
const RELATE_SLICE_WORDINGS = 100;
/** Documents counted per slice for the views (about 0.05 ms each). */
const VIEW_SLICE_DOCUMENTS = 50;
/** Work done in steps (the export) runs this long between turns of the event loop. */
const STEP_SLICE_MS = 20;
/** Attempts of stepped work before it runs without a pause (see answerInSteps). */
const STEPPED_ATTEMPTS = 3;
/** Documents whose workspace-symbol sketches are made per slice after the first index (~1–3 ms of work). */
const SKETCH_SLICE_DOCUMENTS = 10;
/**
 * Closed documents whose text is made compact per slice (~1.5 ms of work), how long after a change,
 * and how long without a request or an edit before a slice (it is work for when nobody is waiting).
 */
const COMPACT_SLICE_DOCUMENTS = 5;
const COMPACT_DELAY_MS = 2000;
const COMPACT_QUIET_MS = 1000;

/** Diagnostics wait for a pause this long in the changes, so a burst of keystrokes is analysed and published once. */
const PUBLISH_DELAY_MS = 50;
/** …but no longer than this after the first change they have not shown, however fast the changes come. */
const PUBLISH_MAX_WAIT_MS = 400;
/** The persisted index is written at most this often after closed files change (and at shutdown). */
const CACHE_SAVE_DELAY_MS = 30_000;
/**
 * An analysis lets other messages be handled after this long (between articles). Tests set
 * ARTICLE_LENS_ANALYSIS_SLICE_MS=0 to pause it after every article read.
 */
const ANALYSIS_SLICE_MS = Number(process.env['ARTICLE_LENS_ANALYSIS_SLICE_MS'] ?? 10);
/** Encoding the persisted index yields to requests after this long. */
const CACHE_SLICE_MS = 5;

/**
 * A request cancelled while it still waits in the queue is answered "cancelled" at once and never run:
 * behind a burst of edits, the editor's cancelled hovers must not wait for the analysis they no longer need.
 */
const CANCEL_QUEUED_REQUESTS: ConnectionStrategy = {
  cancelUndispatched: (message) => ({
    jsonrpc: '2.0',
    id: (message as RequestMessage).id,
    error: { code: LSPErrorCodes.RequestCancelled, message: 'Cancelled before it was handled.' },
  }),
};

function tooLargeDiagnostic(length: number): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Warning,
    code: ProblemCode.FileTooLarge,
    source: 'article-lens',
    message: `This story is ${(length / 1024 / 1024).toFixed(1)} MB: Article Lens analyses files up to ${MAX_FILE_BYTES / 1024 / 1024} MB. Split it into several files.`,
  };
}

/** Starts the language server on the process's stdio or IPC channel (chosen by the command line). */
export function startServer(connection: Connection = createConnection(ProposedFeatures.all, CANCEL_QUEUED_REQUESTS)): void {
  const documents = new TextDocuments(PIECE_TEXT_DOCUMENTS);
  const index = new WorkspaceIndex();
  const rows = new ViewRows(index);
  // Per-article results are kept for the stories being edited: the open ones. The others keep their
  // text compact (made so in idle time, see scheduleCompaction).
  const isOpen = (uri: string): boolean => documents.get(uri) !== undefined;
  const rememberOpenOnly = (): void => index.rememberOnly(isOpen, { compact: compactText });
  rememberOpenOnly();
  let settings: ServerSettings = DEFAULT_SETTINGS;
  let folders: string[] = [];
  let canWatch = false;
  const published = new Set<string>();
  /** Where the client keeps the persisted index (`initializationOptions.cacheDirectory`); none: no cache. */
  let cacheDirectory: string | undefined;
  let cache: IndexCache | undefined;
  /** Analyses the closed files during the first index only. */
  let pool: AnalysisPool | undefined;
  /** Files opened, changed or deleted while the first index runs: the results of reading them at start are stale. */
  const touchedDuringIndex = new Set<string>();
  let shuttingDown = false;
  /** When the last request or edit came (performance.now()): idle-time work waits for a pause. */
  let lastActivity = 0;

  // Tests (and users chasing a problem) can also have the log written to a file.
  const logFile = process.env['ARTICLE_LENS_SERVER_LOG'];
  const toFile = (level: string, message: string): void => {
    if (logFile) appendFileSync(logFile, `[${new Date().toISOString()}] ${level} ${message}\n`);
  };
  const log = (message: string): void => {
    connection.console.log(message);
    toFile('info', message);
  };
  const logError = (message: string): void => {
    connection.console.error(message);
    toFile('error', message);
  };
  const guard = <T>(name: string, empty: T, work: () => T): T => {
    try {
      return work();
    } catch (error) {
      logError(`${name} failed: ${(error as Error).stack ?? String(error)}`);
      return empty;
    }
  };
  /**
   * Runs `step` (true when nothing is left) between turns of the event loop, so requests are answered
   * meanwhile; with `quietMs`, each step waits until that long has passed without a request or an edit.
   */
  const inSlices = async (name: string, step: () => boolean, quietMs = 0): Promise<void> => {
    for (;;) {
      const quietFor = performance.now() - lastActivity;
      if (quietFor < quietMs) await new Promise((resolve) => setTimeout(resolve, quietMs - quietFor));
      else if (guard(name, true, step)) return;
      else await turn();
    }
  };

  // A story file: under a workspace folder, matching the include globs and none of the exclude globs.
  const applyGroupingSettings = (): void =>
    index.configure({ grouping: { ...DEFAULT_GROUPING, minShared: settings.similarityThreshold }, minimumWords: settings.minimumWords });
  const isStoryUri = (uri: string): boolean => {
    if (!uri.startsWith('file:')) return /\.(articles|article)$/i.test(uri);
    const folder = folders.find((f) => uri.startsWith(f.endsWith('/') ? f : `${f}/`));
    const relative = folder ? decodeURIComponent(uri.slice(folder.replace(/\/$/, '').length + 1)) : decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
    return isStoryPath(relative, settings);
  };

  // Edits only mark their document: it is analysed once for a burst of keystrokes, before the next
  // request that reads the index or when the burst pauses, so typing never queues one analysis per key.
  const unanalysed = new Set<string>();
  /** Open documents too large to analyse, with their length. */
  const tooLarge = new Map<string, number>();
  let pending = new Set<string>();
  /** The version of each open document the index holds: its diagnostics are those of that version. */
  const analysedVersions = new Map<string, number>();
  let indexWork: Promise<void> = Promise.resolve();
  /**
   * Changes to the index run one after the other, in the order asked: an analysis paused between
   * articles is never overtaken by a later change to its document (a close, a file event).
   */
  const queueIndexWork = (name: string, work: () => Promise<void> | void): Promise<void> => {
    indexWork = indexWork.then(work).catch((error: unknown) => logError(`${name} failed: ${(error as Error).stack ?? String(error)}`));
    return indexWork;
  };
  /** Called when the analysis starts re-reading every story under new declarations. */
  const rereadWaiters = new Set<() => void>();
  /**
   * Resolves when the documents changed so far are in the index, or when the analysis is re-reading
   * every story under new @actor declarations: that takes seconds at 10,000 articles, and the index
   * stays as it was until its end, so requests are answered from it meanwhile.
   */
  const indexReady = (): Promise<void> => {
    const pendingWork = analysePending();
    if (index.rereadingDeclarations) return Promise.resolve();
    let waiter: () => void = () => undefined;
    const rereading = new Promise<void>((resolve) => rereadWaiters.add((waiter = resolve)));
    return Promise.race([pendingWork, rereading]).finally(() => rereadWaiters.delete(waiter));
  };
  /** Resolves when the documents changed so far (and everything queued before) are in the index. */
  const analysePending = (): Promise<void> => {
    if (unanalysed.size === 0) return indexWork;
    const uris = [...unanalysed];
    unanalysed.clear();
    return queueIndexWork('analysis', () => analyseInSlices(uris));
  };
  // A story of hundreds of articles takes tens of milliseconds to read again after a burst of edits:
  // the event loop is let go between articles, so messages (a cancellation, another request) are handled.
  const analyseInSlices = async (uris: readonly string[]): Promise<void> => {
    for (const uri of uris) {
      const document = documents.get(uri);
      if (!document) continue;
      const text = document.getText();
      const version = document.version;
      if (text.length > MAX_FILE_BYTES) {
        // An open document over the file limit is not analysed (it would hold every request for seconds).
        if (!tooLarge.has(uri)) log(`Not analysing ${uri}: ${(text.length / 1024 / 1024).toFixed(1)} MB is over the limit.`);
        tooLarge.set(uri, text.length);
        for (const u of index.removeDocument(uri)) pending.add(u);
        pending.add(uri);
        continue;
      }
      tooLarge.delete(uri);
      const changed = await stepThrough(index.settingDocument(uri, text));
      if (changed) {
        for (const u of changed) pending.add(u);
        analysedVersions.set(uri, version);
      }
    }
  };
  /**
   * Runs a change to the index made of steps (a story read an article at a time, every story read again
   * under new declarations), letting the event loop go every ANALYSIS_SLICE_MS; undefined when it failed
   * (logged). Requests waiting for the index go on once a re-read under new declarations begins.
   */
  const stepThrough = async (steps: Generator<void, string[], void>): Promise<string[] | undefined> => {
    try {
      return (await inTurns(steps, ANALYSIS_SLICE_MS))?.value;
    } catch (error) {
      logError(`analysis failed: ${(error as Error).stack ?? String(error)}`);
      return undefined;
    }
  };
  /**
   * Runs `steps` to their end, letting the event loop go every `sliceMs`; undefined when `stop`, asked
   * after each turn, says to stop. A step's error is thrown.
   */
  const inTurns = async <T>(steps: Generator<void, T, void>, sliceMs: number, stop: () => boolean = () => false): Promise<{ value: T } | undefined> => {
    let sliceStart = performance.now();
    for (;;) {
      const step = steps.next();
      if (index.rereadingDeclarations) for (const waiter of rereadWaiters) waiter();
      if (step.done) return { value: step.value };
      if (performance.now() - sliceStart < sliceMs) continue;
      await turn();
      if (stop()) return undefined;
      sliceStart = performance.now();
    }
  };
  /** Resolves when `token` is cancelled (never without a token). */
  const whenCancelled = (token: CancellationToken | null | undefined): { promise: Promise<void>; dispose: () => void } => {
    if (!CancellationToken.is(token)) return { promise: new Promise<void>(() => undefined), dispose: () => undefined };
    let subscription: { dispose(): void } | undefined;
    const promise = new Promise<void>((resolve) => (subscription = token.onCancellationRequested(() => resolve())));
    return { promise, dispose: () => subscription?.dispose() };
  };
  /**
   * The start-up's reading of every quote by the grouping index, while it runs (a second at 10,000
   * articles, in slices). A request that needs the groups waits for it instead of finishing it in one
   * block, so the server meanwhile answers the others and takes cancellations.
   */
  let startupGrouping: Promise<void> | undefined;
  // A request cancelled while it waited (in the queue, or for the analysis) is answered at once, without the work.
  const answer = async <T>(name: string, empty: T, token: CancellationToken | null | undefined, work: () => T, needsGroups = true): Promise<T | ResponseError<void>> => {
    lastActivity = performance.now();
    const cancelled = (): boolean => CancellationToken.is(token) && token.isCancellationRequested;
    if (!cancelled()) {
      const cancellation = whenCancelled(token);
      await Promise.race([indexReady(), cancellation.promise]);
      if (needsGroups && startupGrouping && !cancelled()) await Promise.race([startupGrouping, cancellation.promise]);
      cancellation.dispose();
    }
    if (cancelled()) return new ResponseError(LSPErrorCodes.RequestCancelled, `${name} cancelled`);
    return guard(name, empty, work);
  };

  /**
   * Answers with long work made of steps (a generator), run between turns of the event loop about
   * STEP_SLICE_MS at a time, so that hovers and edits are answered meanwhile. The work reads the index:
   * when the index changes (or an edit comes) before the last step it starts again with the edit, and
   * its last attempt runs without a pause (one version of the index, whatever the edits).
   */
  const answerInSteps = async <T>(name: string, token: CancellationToken, make: () => Generator<void, T>): Promise<T | ResponseError<void>> => {
    lastActivity = performance.now();
    for (let attempt = 1; ; attempt++) {
      await analysePending();
      if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, `${name} cancelled`);
      let changed = false;
      const stopWatching = index.onDidUpdate(() => {
        changed = true;
      });
      try {
        // An edit meanwhile, analysed or not yet, stops the work: it starts again with the edit.
        const ran = await inTurns(make(), attempt === STEPPED_ATTEMPTS ? Number.POSITIVE_INFINITY : STEP_SLICE_MS, () => token.isCancellationRequested || changed || unanalysed.size > 0);
        if (ran) return ran.value;
        if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, `${name} cancelled`);
      } catch (error) {
        logError(`${name} failed: ${(error as Error).stack ?? String(error)}`);
        return new ResponseError(ErrorCodes.InternalError, `${name} failed: ${(error as Error).message}`);
      } finally {
        stopWatching();
      }
    }
  };

  let timer: NodeJS.Timeout | undefined;
  /** When the first change not yet published came (performance.now()). */
  let waitingSince: number | undefined;
  let firstIndexDone = false;
  // Every change restarts the wait: publishing in the middle of a burst would hold the requests that
  // come with it (a hover after a paste) behind diagnostics about to be stale.
  const schedulePublish = (uris: readonly string[]): void => {
    for (const u of uris) pending.add(u);
    const now = performance.now();
    waitingSince ??= now;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      waitingSince = undefined;
      // Until the first index is complete, diagnostics and "index changed" would tell half the story.
      if (!firstIndexDone) return schedulePublish([]);
      // Diagnostics in a task of their own: a request that came in during the analysis is answered first.
      void analysePending().then(() =>
        setImmediate(() => {
          const uris = pending;
          pending = new Set();
          void publishAll(uris);
        }),
      );
    }, Math.max(0, Math.min(PUBLISH_DELAY_MS, waitingSince + PUBLISH_MAX_WAIT_MS - now)));
  };
  // A change in one story can change variant groups (and so diagnostics) in every other story.
  const publishAll = async (changed: ReadonlySet<string>): Promise<void> => {
    await analysePending();
    for (const doc of documents.all()) {
      const length = tooLarge.get(doc.uri);
      const diagnostics =
        length !== undefined
          ? [tooLargeDiagnostic(length)]
          : guard('diagnostics', [], () => provideDiagnostics(index, doc.uri, new Set(settings.disabledDiagnostics)));
      // Edits that came in while the analysis was paused are not in it: the version says which text this is.
      const version = length !== undefined ? doc.version : (analysedVersions.get(doc.uri) ?? doc.version);
      void connection.sendDiagnostics({ uri: doc.uri, version, diagnostics });
      published.add(doc.uri);
    }
    void connection.sendNotification(Notifications.indexChanged, { uris: [...changed] });
  };

  const loadFromDisk = async (uri: string): Promise<void> => {
    if (!uri.startsWith('file:')) return;
    const read = readStoryFile(fileURLToPath(uri));
    if (read.ok) await stepThrough(index.settingDocument(uri, read.text));
    else {
      await stepThrough(index.removingDocument(uri));
      log(`Skipped ${fileURLToPath(uri)}: it ${read.reason}.`);
    }
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    settings = readSettings(params.initializationOptions);
    applyGroupingSettings();
    folders = (params.workspaceFolders ?? []).map((f) => f.uri).filter((u) => u.startsWith('file:'));
    if (folders.length === 0 && params.rootUri?.startsWith('file:')) folders = [params.rootUri];
    canWatch = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    const directory = (params.initializationOptions as { cacheDirectory?: unknown } | undefined)?.cacheDirectory;
    cacheDirectory = typeof directory === 'string' && isAbsolute(directory) ? directory : undefined;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        documentHighlightProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite] },
        renameProvider: { prepareProvider: true },
        foldingRangeProvider: true,
        codeLensProvider: { resolveProvider: false },
        inlayHintProvider: true,
        completionProvider: { triggerCharacters: ['@', '=', ' '] },
        semanticTokensProvider: { legend: SEMANTIC_LEGEND, full: true },
      },
      serverInfo: { name: 'article-lens', version: '0.1.0' },
    };
  });

  connection.onInitialized(async () => {
    if (canWatch) {
      await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{articles,article,txt}' }] });
    }
    const progress = await connection.window.createWorkDoneProgress().catch(() => undefined);
    // A folder that cannot be listed must not stop the index (and with it every diagnostic).
    const { files } = guard('indexing', { files: [] as string[], errors: [] as string[] }, () => collectStoryFiles(folders.map((f) => fileURLToPath(f))));
    const stories = files.filter((f) => isStoryUri(pathToFileURL(f).href));
    progress?.begin('Article Lens: indexing stories', 0, `${stories.length} files`, false);
    cache = cacheDirectory ? guard('index cache', undefined, () => IndexCache.open(cacheFileFor(cacheDirectory!, folders), log, buildFingerprint(__filename))) : undefined;
    const entries: DocumentEntry[] = [];
    for (const file of stories) {
      const uri = pathToFileURL(file).href;
      if (documents.get(uri)) continue;
      const read = readStoryFile(file);
      if (!read.ok) log(`Skipped ${file}: it ${read.reason}.`);
      else entries.push({ uri, text: read.text, restored: guard('index cache', undefined, () => cache?.restore(uri, read.text, read.bytes)) });
    }
    const restored = entries.filter((e) => e.restored).length;
    const report = (done: number, total: number): void => {
      if (done % 50 === 0) progress?.report(Math.round((100 * done) / total), `${done} of ${total}`);
    };
    const threads = poolSizeFor(entries.filter((e) => !e.restored).map((e) => e.text));
    pool = threads > 0 ? new AnalysisPool(threads, log) : undefined;
    const skip = (uri: string): boolean => shuttingDown || touchedDuringIndex.has(uri) || documents.get(uri) !== undefined;
    let indexed = false;
    const workers = pool?.size ?? 0;
    if (pool && workers > 0) {
      // Workers analyse; this thread adds their results and, while it waits, reads quotes for the groups.
      const others = documents.all().map((d) => ({ uri: d.uri, text: d.getText() }));
      const whileWaiting = (): boolean => guard('grouping', true, () => index.prepareGroups(GROUPING_SLICE_DOCUMENTS));
      // Saving the index cache then renumbers the workers' encodings instead of encoding every analysis.
      const onPooled = (r: PooledAnalysis): void => cache?.adopt(r.analysis, r.chunk, r.shapes);
      indexed = await indexWithPool(index, pool, entries, { others, skip, onProgress: report, whileWaiting, onPooled }).then(
        () => true,
        (error: unknown) => (logError(`indexing with worker threads failed: ${(error as Error).stack ?? String(error)}`), false),
      );
      void pool.close();
      pool = undefined;
    }
    const left = entries.filter((e) => !skip(e.uri));
    // One batch, so declared actors are collected once; should it fail, file by file as before.
    indexed ||= guard('indexing', false, () => {
      index.setDocuments(left, report);
      return true;
    });
    if (!indexed) for (const entry of left) guard('indexing', undefined, () => index.setDocument(entry.uri, entry.text));
    touchedDuringIndex.clear();
    progress?.done();
    const fromCache = cache ? ` (${restored} restored from the index cache, ${entries.length - restored} analysed)` : '';
    log(`Indexed ${stories.length} story files in ${folders.length} folder(s)${fromCache}${workers > 0 ? ` with ${workers} worker threads` : ''}.`);
    // The grouping index reads every quote in slices, between requests, before the first diagnostics
    // (which need the groups): the event loop is never held for the seconds a large workspace takes.
    startupGrouping = inSlices('grouping', () => index.prepareGroups(GROUPING_SLICE_DOCUMENTS));
    await startupGrouping;
    startupGrouping = undefined;
    // Then every variant group, in slices too: the status bar's count and the Quotes view, which ask as
    // soon as the index is announced, would otherwise relate them all at once (0.6 s at 10,000 articles).
    await inSlices('variant groups', () => index.prepareAllGroups(GROUPING_SLICE_DOCUMENTS, RELATE_SLICE_WORDINGS));
    firstIndexDone = true;
    await publishAll(new Set(index.uris()));
    if (cache && (restored < entries.length || cache.size > restored)) scheduleSave(1000);
    followClosedFiles();
    await prepareInIdleTime();
  });

  // Not closures of the start-up handler: one that outlived it would keep its context alive, and with
  // it every text read and every document analysed at start, after later edits replaced them.
  /** From now on, a change to a closed file (on disk) is what the persisted index has to follow. */
  const followClosedFiles = (): void => {
    index.onDidUpdate((uris) => {
      if (uris.some((u) => u.startsWith('file:') && !documents.get(u))) scheduleSave(CACHE_SAVE_DELAY_MS);
    });
  };
  const prepareInIdleTime = async (): Promise<void> => {
    // The workspace's actors (a hover on a name in thousands of stories gathers them all), in slices.
    await inSlices('actors', () => index.prepareActors(ACTOR_SLICE));
    // The counts the Actors view and the Quotes view by speaker list.
    await inSlices('view counts', () => rows.prepare(VIEW_SLICE_DOCUMENTS));
    // Workspace symbols read each document's trigram sketches: made now, in slices, not by the first search.
    // By uri, not document: a document edited meanwhile is sketched as it is now, and its start-up version can go.
    const uris = index.uris();
    let at = 0;
    await inSlices('workspace symbols', () => {
      prepareWorkspaceSymbols(uris.slice(at, (at += SKETCH_SLICE_DOCUMENTS)).flatMap((u) => index.get(u) ?? []));
      return at >= uris.length;
    });
    startupDone = true;
    scheduleCompaction(0);
  };
  // The texts of closed files are kept compact, a few files per slice, once changes have paused.
  let startupDone = false;
  let compactionTimer: NodeJS.Timeout | undefined;
  let compacting = false;
  const scheduleCompaction = (delayMs = COMPACT_DELAY_MS): void => {
    if (!startupDone || compacting) return;
    if (compactionTimer) clearTimeout(compactionTimer);
    compactionTimer = setTimeout(() => {
      compactionTimer = undefined;
      compacting = true;
      void compactWhenQuiet().finally(() => (compacting = false));
    }, delayMs);
  };
  const compactWhenQuiet = async (): Promise<void> => {
    const before = index.compactedDocuments;
    await inSlices('compaction', () => shuttingDown || index.compactClosed(COMPACT_SLICE_DOCUMENTS), COMPACT_QUIET_MS);
    const compacted = index.compactedDocuments - before;
    if (compacted > 0 && !shuttingDown) log(`Compact texts: ${compacted} closed story file${compacted === 1 ? '' : 's'} now keep their text deflated.`);
  };

  // The persisted index holds closed files only: their text is what is on disk, what the next start reads.
  const cached = (uri: string): boolean => uri.startsWith('file:') && !documents.get(uri);
  let saveTimer: NodeJS.Timeout | undefined;
  let saveDue = false;
  const scheduleSave = (delayMs: number): void => {
    saveDue = true;
    saveTimer ??= setTimeout(() => void saveInSlices(), delayMs);
  };
  const saveNow = (): void => {
    if (!cache || !saveDue) return;
    saveDue = false;
    const result = guard('index cache', undefined, () => cache!.save(index, cached));
    if (result) log(`Index cache: saved ${result.documents} documents (${result.encoded} encoded) in ${Math.round(result.ms)} ms, ${(result.bytes / 1e6).toFixed(1)} MB, to ${cache.file}.`);
  };
  // Encoding thousands of analyses takes seconds: it is done in slices, between requests.
  const saveInSlices = async (): Promise<void> => {
    const declared = index.declaredActorsKey();
    await inSlices('index cache', () => !cache || cache.encodePending(index, cached, CACHE_SLICE_MS));
    saveTimer = undefined;
    // Declared actors that changed meanwhile changed every analysis: encode those first, next time.
    if (index.declaredActorsKey() === declared) saveNow();
    else scheduleSave(CACHE_SAVE_DELAY_MS);
  };
  connection.onShutdown(() => {
    shuttingDown = true;
    if (compactionTimer) clearTimeout(compactionTimer);
    void pool?.close();
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = undefined;
    saveNow();
  });

  connection.onDidChangeConfiguration((change) => {
    const section = (change.settings as { articleLens?: unknown } | undefined)?.articleLens;
    if (!section) return;
    settings = readSettings(section, settings);
    applyGroupingSettings();
    void publishAll(new Set());
  });

  documents.onDidChangeContent((e) => {
    lastActivity = performance.now();
    unanalysed.add(e.document.uri);
    schedulePublish([]);
  });
  documents.onDidClose((e) => {
    if (!firstIndexDone) touchedDuringIndex.add(e.document.uri);
    unanalysed.delete(e.document.uri);
    tooLarge.delete(e.document.uri);
    analysedVersions.delete(e.document.uri);
    // Closed files count as much as open ones: fall back to what is on disk.
    const uri = e.document.uri;
    void queueIndexWork('analysis', async () => {
      if (uri.startsWith('file:') && isStoryUri(uri)) await loadFromDisk(uri);
      else await stepThrough(index.removingDocument(uri));
      rememberOpenOnly();
      scheduleCompaction();
    });
    if (published.delete(e.document.uri)) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    schedulePublish([e.document.uri]);
  });
  connection.onDidChangeWatchedFiles((params) => {
    const changed: string[] = [];
    for (const change of params.changes) {
      if (documents.get(change.uri) || !isStoryUri(change.uri)) continue;
      if (!firstIndexDone) touchedDuringIndex.add(change.uri);
      void queueIndexWork('file event', async () => {
        if (change.type === FileChangeType.Deleted) await stepThrough(index.removingDocument(change.uri));
        else await loadFromDisk(change.uri);
      });
      changed.push(change.uri);
    }
    if (changed.length) scheduleCompaction();
    if (changed.length) schedulePublish(changed);
  });

  connection.onHover((p, token) => answer('hover', null, token, () => provideHover(index, p.textDocument.uri, p.position)));
  connection.onDefinition((p, token) => answer('definition', [], token, () => provideDefinition(index, p.textDocument.uri, p.position)));
  connection.onReferences((p, token) => answer('references', [], token, () => provideReferences(index, p.textDocument.uri, p.position, p.context.includeDeclaration)));
  connection.onDocumentSymbol((p, token) => answer('outline', [], token, () => provideDocumentSymbols(index, p.textDocument.uri), false));
  connection.onWorkspaceSymbol((p, token) => answer('workspace symbols', [], token, () => provideWorkspaceSymbols(index, p.query), false));
  connection.onDocumentHighlight((p, token) => answer('highlights', [], token, () => provideDocumentHighlights(index, p.textDocument.uri, p.position)));
  connection.onCodeAction((p, token) => answer('code actions', [], token, () => provideCodeActions(index, p.textDocument.uri, p.range, p.context.diagnostics, documents.get(p.textDocument.uri)?.version ?? null)));
  connection.onPrepareRename((p, token) => answer('rename', null, token, () => prepareRename(index, p.textDocument.uri, p.position)));
  connection.onRenameRequest((p, token) => answer('rename', null, token, () => provideRename(index, p.textDocument.uri, p.position, p.newName, (u) => documents.get(u)?.version ?? null)));
  connection.onFoldingRanges((p, token) => answer('folding', [], token, () => provideFoldingRanges(index, p.textDocument.uri), false));
  connection.onCodeLens((p, token) => answer('code lens', [], token, () => provideCodeLenses(index, p.textDocument.uri)));
  connection.languages.inlayHint.on((p, token) => answer('inlay hints', [], token, () => provideInlayHints(index, p.textDocument.uri, p.range), false));
  connection.onCompletion((p, token) => answer('completion', [], token, () => provideCompletion(index, p.textDocument.uri, p.position), false));
  connection.languages.semanticTokens.on((p, token) => answer('semantic tokens', { data: [] }, token, () => provideSemanticTokens(index, p.textDocument.uri), false));

  connection.onRequest(Requests.listQuotes, (p: ScopeParams | undefined, token) => answer('listQuotes', [], token, () => listQuotes(index, p?.uri)));
  connection.onRequest(Requests.listActors, (p: ScopeParams | undefined, token) => answer('listActors', [], token, () => listActors(index, p?.uri)));
  connection.onRequest(Requests.listSources, (p: ScopeParams | undefined, token) => answer('listSources', [], token, () => listSources(index, p?.uri)));
  connection.onRequest(Requests.listGroups, (p: ListGroupsParams | undefined, token) => answer('listGroups', [], token, () => listGroups(index, p?.uri, p?.withDiffs !== false)));
  connection.onRequest(Requests.groupAt, (p: PositionParams, token) => answer('groupAt', null, token, () => groupAt(index, p.uri, p.position)));
  connection.onRequest(Requests.variantNeighbor, (p: PositionParams & { direction: 1 | -1 }, token) => answer('variantNeighbor', null, token, () => variantNeighbor(index, p.uri, p.position, p.direction === -1 ? -1 : 1)));
  connection.onRequest(Requests.coverage, (p: (ScopeParams & PageParams) | undefined, token) =>
    answer('coverage', { sources: [], rows: [], totalRows: 0 }, token, () => {
      const { offset, limit } = pageBounds(p ?? {}, Number.MAX_SAFE_INTEGER, Number.POSITIVE_INFINITY);
      return coverage(index, p?.uri, offset, limit);
    }),
  );
  connection.onRequest(Requests.status, (p: ScopeParams | undefined, token) => answer('status', { documents: 0, articles: 0, quotes: 0, actors: 0, groups: 0 }, token, () => status(index, p?.uri)));
  connection.onRequest(Requests.export, (p: { format: ExportFormat } & ScopeParams, token) => answerInSteps('export', token, () => exportSteps(index, p.format, p.uri)));

  const noPage = { items: [], total: 0 };
  connection.onRequest(Requests.groupRows, (p: (ScopeParams & PageParams) | undefined, token) => answer('groupRows', { ...noPage, ungroupedQuotes: 0 }, token, () => rows.groupRows(p ?? {})));
  connection.onRequest(Requests.group, (p: GroupParams | undefined, token) => answer('group', null, token, () => (typeof p?.id === 'string' ? rows.group(p) : null)));
  connection.onRequest(Requests.quotePage, (p: QuotePageParams | undefined, token) => answer('quotePage', noPage, token, () => rows.quotePage(p ?? {})));
  connection.onRequest(Requests.speakerRows, (p: (ScopeParams & PageParams) | undefined, token) => answer('speakerRows', noPage, token, () => rows.speakerRows(p ?? {})));
  const noActors = { ...noPage, kinds: { person: 0, organization: 0, country: 0, place: 0 } };
  connection.onRequest(Requests.actorRows, (p: ActorRowsParams | undefined, token) => answer('actorRows', noActors, token, () => rows.actorRows(p ?? {})));
  connection.onRequest(Requests.actorMentions, (p: ActorMentionsParams | undefined, token) => answer('actorMentions', noPage, token, () => (typeof p?.name === 'string' ? rows.actorMentions(p) : noPage)));
  connection.onRequest(Requests.sourceRows, (p: (ScopeParams & PageParams) | undefined, token) => answer('sourceRows', noPage, token, () => rows.sourceRows(p ?? {})));
  connection.onRequest(Requests.articleRows, (p: ArticleRowsParams | undefined, token) => answer('articleRows', noPage, token, () => (typeof p?.source === 'string' ? rows.articleRows(p) : noPage)));

  process.on('uncaughtException', (error) => logError(`Uncaught error: ${error.stack ?? String(error)}`));
  process.on('unhandledRejection', (reason) => logError(`Unhandled rejection: ${String(reason)}`));

  documents.listen(connection);
  connection.listen();
}
