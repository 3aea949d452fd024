import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { InitializeRequest, InitializedNotification, PublishDiagnosticsNotification, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { SERVER_NODE_FLAGS } from '../../server/src/protocol';

/** A real LSP client talking to dist/server.js over stdio, as an editor would. */
export class LspClient {
  readonly connection: MessageConnection;
  private readonly child: ChildProcess;
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private waiters: Array<() => void> = [];
  stderr = '';

  constructor() {
    // With the V8 flags the extension starts the server with, so tests and the bench run it as shipped.
    // LSP_SERVER_PROFILE=DIR writes CPU profiles of the server (and its worker threads) there when it exits.
    const profile = process.env['LSP_SERVER_PROFILE'] ? ['--cpu-prof', `--cpu-prof-dir=${process.env['LSP_SERVER_PROFILE']}`] : [];
    this.child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...profile, join(process.cwd(), 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.diagnostics.set(p.uri, p);
      const w = this.waiters;
      this.waiters = [];
      w.forEach((f) => f());
    });
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.listen();
  }

  /** `options` are added to the initialization options (e.g. `cacheDirectory`). */
  async initialize(folder: string, options: Record<string, unknown> = {}): Promise<void> {
    await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(folder).href,
      workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'samples' }],
      capabilities: { window: { workDoneProgress: true }, workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
      initializationOptions: { files: { includeTxt: true }, ...options },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  /** Resolves when diagnostics for the uri satisfy the predicate (they are pushed, debounced). */
  async waitForDiagnostics(uri: string, predicate: (p: PublishDiagnosticsParams) => boolean, timeoutMs = 10000): Promise<PublishDiagnosticsParams> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const current = this.diagnostics.get(uri);
      if (current && predicate(current)) return current;
      if (Date.now() > deadline) throw new Error(`no matching diagnostics for ${uri}; last: ${JSON.stringify(current)}\n${this.stderr}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, deadline - Date.now());
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  get alive(): boolean {
    return this.child.exitCode === null;
  }

  async dispose(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    // A server asked to exit gets a moment to (a CPU profile is written then), then is stopped.
    if (this.child.exitCode === null) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 2000);
        this.child.once('exit', () => (clearTimeout(timer), resolve()));
      });
    }
    this.connection.dispose();
    this.child.kill();
  }
}
