import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, LanguageClient, State, TransportKind, type CloseHandlerResult, type ErrorHandler, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { Notifications, SERVER_NODE_FLAGS } from '../../server/src/protocol';
import { messageOf } from './errors';
import { CONFIGURATION_SECTION, isStoryDocument, needsRestart, readConfig, type ArticleLensConfig, type ServerSettings } from './config';
import { MAX_RESTARTS, RESTART_WINDOW_MS, RestartPolicy } from './restartPolicy';
import { requestMethods, ServerNotRunningError, type IndexChangedParams, type RequestName, type RequestTypes } from './serverApi';
import { ServerStatus } from './status';
import { ActorsView } from './views/actorsView';
import { QuotesView } from './views/quotesView';
import { SourcesView } from './views/sourcesView';
import { ViewScope } from './views/viewScope';


/** The language server's state as the extension shows it. */
export type ServerState = 'starting' | 'running' | 'stopped';

/** One run of the language server: replaced as a whole on restart. */
interface ServerSession {
  /** Undefined when the client could not even be created (the bundled server is missing). */
  readonly client: LanguageClient | undefined;
  /** Resolves once the server answered `initialize`; rejects when it could not start. */
  readonly ready: Promise<LanguageClient>;
  /** The server process of this run: a new one after each automatic restart. */
  readonly process: ServerProcess;
  readonly disposables: vscode.Disposable[];
}

/** What the client knows of the current server process. */
interface ServerProcess {
  /** Its first `articleLens/indexChanged`; a new wait once a restarted process starts. */
  indexed: IndexWait;
  /** Set between a crash and the automatic restart it leads to. */
  restarting: boolean;
}

/** A promise of the server's first index, settled once: resolved by it, rejected when the server stops first. */
class IndexWait {
  readonly promise: Promise<void>;
  settled = false;
  private settle: (error?: Error) => void = () => undefined;

  constructor() {
    this.promise = new Promise<void>((resolve, reject) => {
      this.settle = (error) => {
        if (this.settled) return;
        this.settled = true;
        if (error) reject(error);
        else resolve();
      };
    });
    // Callers of whenIndexed() see the rejection; nobody else has to handle it.
    this.promise.catch(() => undefined);
  }

  resolve(): void {
    this.settle();
  }

  reject(error: Error): void {
    this.settle(error);
  }
}

/** The views of the Article Lens activity bar container. */
export interface ArticleLensViews {
  readonly quotes: QuotesView;
  readonly actors: ActorsView;
  readonly sources: SourcesView;
}

/**
 * Owns everything the extension keeps: the language client, the settings, the status item, the views
 * and their scope. Commands and views reach the server only through {@link ArticleLensContext.request},
 * which says plainly when the server is not running.
 */
export class ArticleLensContext implements vscode.Disposable {
  readonly output: vscode.LogOutputChannel;
  readonly scope: ViewScope;
  readonly status: ServerStatus;
  readonly views: ArticleLensViews;
  private configValue: ArticleLensConfig;
  private session: ServerSession | undefined;
  /** The last reason the server failed to start, for the status item. */
  private startError: string | undefined;
  private lifecycle: Promise<unknown> = Promise.resolve();
  private readonly indexChanged = new vscode.EventEmitter<IndexChangedParams>();
  private readonly stateChanged = new vscode.EventEmitter<ServerState>();
  private readonly disposables: vscode.Disposable[] = [];

  /** Fires when the server re-indexed documents (debounced by the server). */
  readonly onIndexChanged = this.indexChanged.event;
  /** Fires when the server starts, becomes ready or stops. */
  readonly onDidChangeServerState = this.stateChanged.event;

  constructor(readonly extension: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('Article Lens', { log: true });
    this.configValue = readConfig();
    this.disposables.push(this.output, this.indexChanged, this.stateChanged);
    this.scope = new ViewScope(extension.workspaceState, (document) => isStoryDocument(document, this.configValue));
    this.disposables.push(this.scope);
    this.status = new ServerStatus(this);
    this.views = { quotes: new QuotesView(this), actors: new ActorsView(this), sources: new SourcesView(this) };
    this.disposables.push(this.status, this.views.quotes, this.views.actors, this.views.sources);
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((event) => this.configurationChanged(event)),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.output.info('Workspace trusted: restarting the server so that it reads the workspace settings.');
        void this.restart().catch(() => undefined);
      }),
    );
    void this.setStateContext();
  }

  /** The settings as last read. */
  get config(): ArticleLensConfig {
    return this.configValue;
  }

  get serverState(): ServerState {
    switch (this.session?.client?.state) {
      case State.Running:
        return 'running';
      case State.Starting:
        return 'starting';
      default:
        return 'stopped';
    }
  }

  /** Why the server is stopped, when it failed to start. */
  get serverError(): string | undefined {
    return this.startError;
  }

  /** The client of the current run once it is ready; rejects when the server could not start. */
  get clientReady(): Promise<LanguageClient> {
    return this.session?.ready ?? this.afterRestart().then((session) => session?.ready ?? Promise.reject(new ServerNotRunningError('stopped')));
  }

  /**
   * Resolves once the current server process has indexed the workspace (its first indexChanged); after
   * a crash, once the restarted one has.
   */
  whenIndexed(): Promise<void> {
    return this.session?.process.indexed.promise ?? this.afterRestart().then((session) => session?.process.indexed.promise ?? Promise.reject(new ServerNotRunningError('stopped')));
  }

  /**
   * Starts the server unless a run exists; resolves when it is ready. The run begins synchronously, so
   * {@link clientReady} and {@link whenIndexed} refer to it as soon as this returns.
   */
  start(): Promise<LanguageClient> {
    return (this.session ?? this.startSession()).ready;
  }

  /** Stops the server, re-reads the settings and starts it again. */
  restart(): Promise<LanguageClient> {
    return this.queue(async () => {
      await this.stopSession();
      this.configValue = readConfig();
      return this.startSession().ready;
    });
  }

  /**
   * Sends a custom request. Waits while the server is starting; throws {@link ServerNotRunningError}
   * when it is stopped, so callers can say so instead of failing obscurely.
   */
  async request<K extends RequestName>(name: K, params: RequestTypes[K]['params'], token?: vscode.CancellationToken): Promise<RequestTypes[K]['result']> {
    const session = this.session ?? (await this.afterRestart());
    if (!session || this.serverState === 'stopped') throw new ServerNotRunningError(this.startError ? 'not running (it failed to start)' : 'not running');
    const client = await session.ready;
    return client.sendRequest<RequestTypes[K]['result']>(requestMethods[name], params, token);
  }

  private startSession(): ServerSession {
    this.startError = undefined;
    const disposables: vscode.Disposable[] = [];
    const policy = new RestartPolicy();
    // Set up before the client starts: its first state change fires inside start().
    const current: ServerProcess = { indexed: new IndexWait(), restarting: false };
    const crashed = (): CloseHandlerResult => this.serverCrashed(current, policy);
    const client = this.createClient(disposables, crashed);

    if (client) {
      disposables.push(
        client.onNotification(Notifications.indexChanged, (params: IndexChangedParams) => {
          current.indexed.resolve();
          this.indexChanged.fire({ uris: Array.isArray(params?.uris) ? params.uris : [] });
        }),
        client.onDidChangeState((event) => {
          if (event.newState === State.Starting) {
            current.restarting = false;
            if (current.indexed.settled) current.indexed = new IndexWait();
          }
          if (event.newState === State.Stopped && !current.restarting) current.indexed.reject(new ServerNotRunningError('stopped'));
          void this.setStateContext();
          this.stateChanged.fire(this.serverState);
        }),
      );
    }
    const ready = client ? client.start().then(() => client) : Promise.reject(new Error(this.startError));
    const session: ServerSession = { client, ready, process: current, disposables };
    this.session = session;
    ready.catch((error: unknown) => {
      current.indexed.reject(error instanceof Error ? error : new Error(String(error)));
      this.startError = messageOf(error);
      this.output.error(`The language server could not start: ${this.startError}`);
      void this.setStateContext();
      this.stateChanged.fire(this.serverState);
      void this.showServerError(
        `Article Lens could not start its language server: ${this.startError}. The views and commands need it; see the output for details, then run "Article Lens: Restart Server".`,
      );
    });
    void this.setStateContext();
    this.stateChanged.fire(this.serverState);
    return session;
  }

  /** Builds the client, or records why it cannot (the bundled server is missing) and returns undefined. */
  private createClient(disposables: vscode.Disposable[], crashed: () => CloseHandlerResult): LanguageClient | undefined {
    const serverModule = this.extension.asAbsolutePath('dist/server.js');
    if (!existsSync(serverModule)) {
      this.startError = `${serverModule} does not exist. Build it with "npm run build" (in a development checkout) or reinstall the extension`;
      return undefined;
    }
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS] } },
      debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6019'] } },
    };
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{articles,article,txt}');
    disposables.push(watcher);
    const clientOptions: LanguageClientOptions = {
      documentSelector: this.configValue.documentSelector,
      synchronize: { configurationSection: CONFIGURATION_SECTION, fileEvents: watcher },
      initializationOptions: () => ({ ...initializationOptions(readConfig().server), cacheDirectory: (this.extension.storageUri ?? this.extension.globalStorageUri).fsPath }),
      outputChannel: this.output,
      // VS Code's default policy, written out so that it is ours to read and to log: a server that
      // stops by itself is restarted, at most 4 times within 3 minutes (RestartPolicy).
      errorHandler: {
        // Up to 3 broken messages in a row are skipped; then the connection is shut down (and restarted).
        error: (_error, _message, count) => ({ action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown }),
        closed: crashed,
      } satisfies ErrorHandler,
    };
    // The id makes the client read the trace level from `articleLens.trace.server`.
    return new LanguageClient('articleLens', 'Article Lens', serverOptions, clientOptions);
  }

  /** The server process ended without being asked to: restart it, unless it keeps crashing. */
  private serverCrashed(current: ServerProcess, policy: RestartPolicy): CloseHandlerResult {
    const minutes = RESTART_WINDOW_MS / 60_000;
    if (policy.crashed()) {
      current.restarting = true;
      this.output.warn(`The language server stopped unexpectedly; restarting it (restart ${policy.recentCrashes} of at most ${MAX_RESTARTS} within ${minutes} minutes).`);
      return { action: CloseAction.Restart, handled: true };
    }
    this.startError = `it stopped unexpectedly ${policy.recentCrashes} times within ${minutes} minutes`;
    this.output.error(`The language server ${this.startError}, so it is not restarted again.`);
    void this.showServerError(`Article Lens: the language server ${this.startError}, so it was not restarted. See the output for what went wrong, then run "Article Lens: Restart Server".`);
    return { action: CloseAction.DoNotRestart, handled: true };
  }

  private async stopSession(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    if (!session) return;
    for (const d of session.disposables) d.dispose();
    try {
      await session.client?.dispose(2000);
    } catch (error) {
      this.output.warn(`Stopping the server: ${messageOf(error)}`);
    }
    void this.setStateContext();
    this.stateChanged.fire(this.serverState);
  }

  private async showServerError(message: string): Promise<void> {
    const choice = await vscode.window.showErrorMessage(
      message,
      'Show Output',
      'Restart Server',
    );
    if (choice === 'Show Output') this.output.show();
    if (choice === 'Restart Server') void this.restart().catch(() => undefined);
  }

  private configurationChanged(event: vscode.ConfigurationChangeEvent): void {
    if (!event.affectsConfiguration(CONFIGURATION_SECTION)) return;
    this.configValue = readConfig();
    if (event.affectsConfiguration(`${CONFIGURATION_SECTION}.views.pageSize`)) for (const view of Object.values(this.views)) view.refresh();
    if (needsRestart(event)) {
      this.output.info('The files the server reads changed: restarting it.');
      void this.restart().catch(() => undefined);
      this.scope.refresh();
    }
  }

  /** The run after a restart in progress (between stopping the old run and starting the new one). */
  private async afterRestart(): Promise<ServerSession | undefined> {
    await this.lifecycle;
    return this.session;
  }

  private queue<T>(step: () => Promise<T>): Promise<T> {
    const next = this.lifecycle.then(step, step);
    this.lifecycle = next.catch(() => undefined);
    return next;
  }

  private async setStateContext(): Promise<void> {
    await vscode.commands.executeCommand('setContext', 'articleLens.serverState', this.serverState);
  }

  /** Stops the server; `deactivate()` awaits it so the server process does not outlive the extension. */
  shutdown(): Promise<void> {
    return this.queue(() => this.stopSession());
  }

  dispose(): void {
    void this.shutdown();
    for (const d of this.disposables.reverse()) d.dispose();
  }
}

/**
 * The `articleLens` section as the server's first settings, the same shape as `settings.articleLens`
 * in didChangeConfiguration. Also carries the two flat keys server.ts reads today
 * (`includeTxt`, `disabledDiagnostics`); drop them once the server reads the section's shape.
 */
function initializationOptions(settings: ServerSettings): ServerSettings & { includeTxt: boolean; disabledDiagnostics: string[] } {
  return { ...settings, includeTxt: settings.files.includeTxt, disabledDiagnostics: settings.diagnostics.disabled };
}
