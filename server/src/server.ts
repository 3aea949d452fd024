import { appendFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
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
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_GROUPING } from './core/variantGrouper';
import { WorkspaceIndex } from './core/workspaceIndex';
import { provideCodeActions } from './features/codeActions';
import { provideDiagnostics } from './features/diagnostics';
import { provideCodeLenses } from './features/codeLens';
import { provideCompletion } from './features/completion';
import { provideFoldingRanges } from './features/folding';
import { provideInlayHints } from './features/inlayHints';
import { provideSemanticTokens, SEMANTIC_LEGEND } from './features/semanticTokens';
import { exportAnalysis } from './features/exporter';
import { provideHover } from './features/hover';
import { provideDefinition, provideDocumentHighlights, provideReferences } from './features/navigation';
import { prepareRename, provideRename } from './features/rename';
import { provideDocumentSymbols, provideWorkspaceSymbols } from './features/symbols';
import { coverage, groupAt, listActors, listGroups, listQuotes, listSources, status, variantNeighbor } from './features/views';
import { collectStoryFiles, readStoryFile } from './fsWorkspace';
import { Notifications, Requests, type ExportFormat, type PositionParams, type ScopeParams } from './protocol';
import { DEFAULT_SETTINGS, isStoryPath, readSettings, type ServerSettings } from './settings';

/** Diagnostics wait this long after a change, so a burst of keystrokes is analysed and published once. */
const PUBLISH_DELAY_MS = 50;

/** Starts the language server on the process's stdio or IPC channel (chosen by the command line). */
export function startServer(connection: Connection = createConnection(ProposedFeatures.all)): void {
  const documents = new TextDocuments(TextDocument);
  const index = new WorkspaceIndex();
  let settings: ServerSettings = DEFAULT_SETTINGS;
  let folders: string[] = [];
  let canWatch = false;
  const published = new Set<string>();

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
  let pending = new Set<string>();
  const analysePending = (): void => {
    if (unanalysed.size === 0) return;
    const uris = [...unanalysed];
    unanalysed.clear();
    for (const uri of uris) {
      const document = documents.get(uri);
      if (!document) continue;
      for (const u of guard('analysis', [], () => index.setDocument(uri, document.getText()))) pending.add(u);
    }
  };
  const answer = <T>(name: string, empty: T, work: () => T): T =>
    guard(name, empty, () => {
      analysePending();
      return work();
    });

  let timer: NodeJS.Timeout | undefined;
  const schedulePublish = (uris: readonly string[]): void => {
    for (const u of uris) pending.add(u);
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      analysePending();
      const uris = pending;
      pending = new Set();
      publishAll(uris);
    }, PUBLISH_DELAY_MS);
  };
  // A change in one story can change variant groups (and so diagnostics) in every other story.
  const publishAll = (changed: ReadonlySet<string>): void => {
    analysePending();
    for (const doc of documents.all()) {
      const diagnostics = guard('diagnostics', [], () => provideDiagnostics(index, doc.uri, new Set(settings.disabledDiagnostics)));
      void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
      published.add(doc.uri);
    }
    void connection.sendNotification(Notifications.indexChanged, { uris: [...changed] });
  };

  const loadFromDisk = (uri: string): void => {
    if (!uri.startsWith('file:')) return;
    const read = readStoryFile(fileURLToPath(uri));
    if (read.ok) index.setDocument(uri, read.text);
    else {
      index.removeDocument(uri);
      log(`Skipped ${fileURLToPath(uri)}: it ${read.reason}.`);
    }
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    settings = readSettings(params.initializationOptions);
    applyGroupingSettings();
    folders = (params.workspaceFolders ?? []).map((f) => f.uri).filter((u) => u.startsWith('file:'));
    if (folders.length === 0 && params.rootUri?.startsWith('file:')) folders = [params.rootUri];
    canWatch = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
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
    const { files } = collectStoryFiles(folders.map((f) => fileURLToPath(f)));
    const stories = files.filter((f) => isStoryUri(pathToFileURL(f).href));
    progress?.begin('Article Lens: indexing stories', 0, `${stories.length} files`, false);
    stories.forEach((file, i) => {
      const uri = pathToFileURL(file).href;
      if (!documents.get(uri)) guard('indexing', undefined, () => loadFromDisk(uri));
      if (i % 50 === 0) progress?.report(Math.round((100 * i) / Math.max(1, stories.length)), `${i} of ${stories.length}`);
    });
    progress?.done();
    log(`Indexed ${stories.length} story files in ${folders.length} folder(s).`);
    publishAll(new Set(index.uris()));
  });

  connection.onDidChangeConfiguration((change) => {
    const section = (change.settings as { articleLens?: unknown } | undefined)?.articleLens;
    if (!section) return;
    settings = readSettings(section, settings);
    applyGroupingSettings();
    publishAll(new Set());
  });

  documents.onDidChangeContent((e) => {
    unanalysed.add(e.document.uri);
    schedulePublish([]);
  });
  documents.onDidClose((e) => {
    unanalysed.delete(e.document.uri);
    // Closed files count as much as open ones: fall back to what is on disk.
    guard('analysis', undefined, () => (e.document.uri.startsWith('file:') && isStoryUri(e.document.uri) ? loadFromDisk(e.document.uri) : index.removeDocument(e.document.uri)));
    if (published.delete(e.document.uri)) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    schedulePublish([e.document.uri]);
  });
  connection.onDidChangeWatchedFiles((params) => {
    const changed: string[] = [];
    for (const change of params.changes) {
      if (documents.get(change.uri) || !isStoryUri(change.uri)) continue;
      guard('file event', undefined, () => (change.type === FileChangeType.Deleted ? index.removeDocument(change.uri) : loadFromDisk(change.uri)));
      changed.push(change.uri);
    }
    if (changed.length) schedulePublish(changed);
  });

  connection.onHover((p) => answer('hover', null, () => provideHover(index, p.textDocument.uri, p.position)));
  connection.onDefinition((p) => answer('definition', [], () => provideDefinition(index, p.textDocument.uri, p.position)));
  connection.onReferences((p) => answer('references', [], () => provideReferences(index, p.textDocument.uri, p.position, p.context.includeDeclaration)));
  connection.onDocumentSymbol((p) => answer('outline', [], () => provideDocumentSymbols(index, p.textDocument.uri)));
  connection.onWorkspaceSymbol((p) => answer('workspace symbols', [], () => provideWorkspaceSymbols(index, p.query)));
  connection.onDocumentHighlight((p) => answer('highlights', [], () => provideDocumentHighlights(index, p.textDocument.uri, p.position)));
  connection.onCodeAction((p) => answer('code actions', [], () => provideCodeActions(index, p.textDocument.uri, p.range, p.context.diagnostics)));
  connection.onPrepareRename((p) => answer('rename', null, () => prepareRename(index, p.textDocument.uri, p.position)));
  connection.onRenameRequest((p) => answer('rename', null, () => provideRename(index, p.textDocument.uri, p.position, p.newName)));
  connection.onFoldingRanges((p) => answer('folding', [], () => provideFoldingRanges(index, p.textDocument.uri)));
  connection.onCodeLens((p) => answer('code lens', [], () => provideCodeLenses(index, p.textDocument.uri)));
  connection.languages.inlayHint.on((p) => answer('inlay hints', [], () => provideInlayHints(index, p.textDocument.uri, p.range)));
  connection.onCompletion((p) => answer('completion', [], () => provideCompletion(index, p.textDocument.uri, p.position)));
  connection.languages.semanticTokens.on((p) => answer('semantic tokens', { data: [] }, () => provideSemanticTokens(index, p.textDocument.uri)));

  connection.onRequest(Requests.listQuotes, (p: ScopeParams | undefined) => answer('listQuotes', [], () => listQuotes(index, p?.uri)));
  connection.onRequest(Requests.listActors, (p: ScopeParams | undefined) => answer('listActors', [], () => listActors(index, p?.uri)));
  connection.onRequest(Requests.listSources, (p: ScopeParams | undefined) => answer('listSources', [], () => listSources(index, p?.uri)));
  connection.onRequest(Requests.listGroups, (p: ScopeParams | undefined) => answer('listGroups', [], () => listGroups(index, p?.uri)));
  connection.onRequest(Requests.groupAt, (p: PositionParams) => answer('groupAt', null, () => groupAt(index, p.uri, p.position)));
  connection.onRequest(Requests.variantNeighbor, (p: PositionParams & { direction: 1 | -1 }) => answer('variantNeighbor', null, () => variantNeighbor(index, p.uri, p.position, p.direction === -1 ? -1 : 1)));
  connection.onRequest(Requests.coverage, (p: ScopeParams | undefined) => answer('coverage', { sources: [], rows: [] }, () => coverage(index, p?.uri)));
  connection.onRequest(Requests.status, (p: ScopeParams | undefined) => answer('status', { documents: 0, articles: 0, quotes: 0, actors: 0, groups: 0 }, () => status(index, p?.uri)));
  connection.onRequest(Requests.export, (p: { format: ExportFormat } & ScopeParams) => answer('export', '', () => exportAnalysis(index, p.format, p.uri)));

  process.on('uncaughtException', (error) => logError(`Uncaught error: ${error.stack ?? String(error)}`));
  process.on('unhandledRejection', (reason) => logError(`Unhandled rejection: ${String(reason)}`));

  documents.listen(connection);
  connection.listen();
}
