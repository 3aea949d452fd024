import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { StreamMessageReader, StreamMessageWriter, type Message, type NotificationMessage, type RequestMessage, type ResponseMessage } from 'vscode-jsonrpc/node';

/**
 * A client at the level of single JSON-RPC messages, so the test sees every response the server writes:
 * how many per request id, and every log message.
 */
export class RawClient {
  private readonly child: ChildProcess;
  private readonly writer: StreamMessageWriter;
  private nextId = 1;
  readonly responses = new Map<number, ResponseMessage[]>();
  private readonly waiting = new Map<number, (r: ResponseMessage) => void>();
  readonly errors: string[] = [];
  readonly diagnostics = new Map<string, { version?: number }>();
  /** When each response arrived (performance.now()). */
  readonly answeredAt = new Map<number, number>();
  stderr = '';

  /** `execArgv` go to node before the server script (e.g. --expose-gc). */
  constructor(options: { execArgv?: readonly string[]; env?: NodeJS.ProcessEnv } = {}) {
    this.child = spawn(process.execPath, [...(options.execArgv ?? []), join(process.cwd(), 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: options.env ?? process.env });
    this.child.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.writer = new StreamMessageWriter(this.child.stdin!);
    new StreamMessageReader(this.child.stdout!).listen((message: Message) => this.receive(message));
  }

  private receive(message: Message): void {
    const m = message as Partial<RequestMessage & ResponseMessage>;
    if (m.method !== undefined && m.id !== undefined) {
      // A request from the server (progress, registration): accept it.
      this.write({ jsonrpc: '2.0', id: m.id, result: null } as ResponseMessage);
    } else if (m.method !== undefined) {
      const n = message as NotificationMessage;
      const params = n.params as { type?: number; message?: string; uri?: string; version?: number };
      if (n.method === 'window/logMessage' && params.type === 1) this.errors.push(params.message ?? '');
      if (n.method === 'textDocument/publishDiagnostics') this.diagnostics.set(params.uri!, params.version !== undefined ? { version: params.version } : {});
    } else if (typeof m.id === 'number') {
      if (!this.answeredAt.has(m.id)) this.answeredAt.set(m.id, performance.now());
      const list = this.responses.get(m.id) ?? [];
      list.push(message as ResponseMessage);
      this.responses.set(m.id, list);
      this.waiting.get(m.id)?.(message as ResponseMessage);
      this.waiting.delete(m.id);
    }
  }

  /** Sends a request; returns its id and a promise of its (first) response. */
  send(method: string, params: unknown): { id: number; response: Promise<ResponseMessage> } {
    const id = this.nextId++;
    const response = new Promise<ResponseMessage>((resolve) => this.waiting.set(id, resolve));
    this.write({ jsonrpc: '2.0', id, method, params } as RequestMessage);
    return { id, response };
  }

  async request(method: string, params: unknown): Promise<unknown> {
    const r = await this.send(method, params).response;
    if (r.error) throw new Error(`${method} answered with an error: ${JSON.stringify(r.error)}`);
    return r.result;
  }

  notify(method: string, params: unknown): void {
    this.write({ jsonrpc: '2.0', method, params } as NotificationMessage);
  }

  /** Nothing is written to a server that has gone (a late answer to its request would throw). */
  private write(message: Message): void {
    if (!this.alive || this.child.stdin!.destroyed) return;
    this.writer.write(message).catch(() => undefined);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async dispose(): Promise<void> {
    if (this.alive) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.send('shutdown', null).response, new Promise((r) => (timer = setTimeout(r, 2000)))]);
      clearTimeout(timer);
      this.notify('exit', null);
      // A clean exit lets the server write what it was asked to on exit (a CPU profile).
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 5000);
        this.child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    if (this.alive) this.child.kill();
  }
}

/** A small deterministic generator, so a failure repeats exactly. */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ (t + t);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

