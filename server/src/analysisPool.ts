// Worker threads that analyse story files in parallel. A result comes back in the persisted index's
// encoding (indexCache.ts) and is decoded lazily here, as a warm start restores a file: no object graph
// is cloned between threads. See docs/design.md, "Parallel analysis".
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DeclaredActor } from './core/actorFinder';
import type { StoryAnalysis } from './core/storyAnalyzer';
import { fileNameOf } from './core/workspaceIndex';
import type { AnalysisJob, AnalysisReply } from './analysisWorker';
import { decodeChunk, ShapeTable, type Chunk } from './indexCache';

/**
 * Jobs sent ahead to each worker (a story takes a few milliseconds), so that it does not run dry while
 * the main thread adds a batch of results or reads quotes for the groups (tens of milliseconds).
 */
const IN_FLIGHT_PER_WORKER = 32;

/**
 * Below this much text to analyse, worker threads cost more than they save: each compiles the analyser
 * afresh (measured: two workers spend about 1 s more CPU than one thread on 1,000 articles, 3.7 MB, and
 * 1.6 s more on 4,000), which on a busy machine is time lost, not just CPU.
 */
const POOL_MIN_CHARS = 4 * 1024 * 1024;

/** Worker threads worth starting for these texts: one per core, none (0) for under 4 MB or one file. */
export function poolSizeFor(texts: readonly string[]): number {
  const chars = texts.reduce((sum, text) => sum + text.length, 0);
  return chars < POOL_MIN_CHARS || texts.length < 2 ? 0 : Math.min(availableParallelism(), texts.length);
}

/** The bundled worker, beside the bundle that starts the pool (dist/server.js, dist/cli.js). */
export const WORKER_FILE = join(__dirname, 'analysisWorker.js');

/** A finished job: the analysis, and the encoded form it was decoded from (an index cache can keep it). */
export interface PooledAnalysis {
  readonly analysis: StoryAnalysis;
  readonly chunk: Chunk;
  /** The worker's shape table, which the chunk's shape numbers refer to. */
  readonly shapes: ShapeTable;
}

interface Job {
  readonly message: AnalysisJob;
  readonly resolve: (result: PooledAnalysis) => void;
  readonly reject: (error: Error) => void;
}

interface PoolWorker {
  readonly thread: Worker;
  /** The same shapes, in the same order, as the worker's own table. */
  readonly shapes: ShapeTable;
  readonly inFlight: Map<number, Job>;
  alive: boolean;
}

/**
 * A fixed set of worker threads. `analyse` resolves with the file's analysis or rejects (the worker
 * failed on it, died, or the pool was closed): the caller then analyses the file in its own thread.
 */
export class AnalysisPool {
  private readonly workers: PoolWorker[] = [];
  private readonly queue: Job[] = [];
  private nextId = 0;
  private closed = false;

  constructor(
    size: number,
    private readonly log: (message: string) => void,
    workerFile = WORKER_FILE,
  ) {
    for (let i = 0; i < size; i++) {
      let thread: Worker;
      try {
        thread = new Worker(workerFile);
      } catch (error) {
        log(`Analysis worker ${workerFile} cannot start (${(error as Error).message}); analysing in the main thread.`);
        break;
      }
      const worker: PoolWorker = { thread, shapes: new ShapeTable(), inFlight: new Map(), alive: true };
      thread.on('message', (reply: AnalysisReply) => this.settle(worker, reply));
      thread.on('error', (error) => this.lose(worker, error));
      thread.on('exit', (code) => this.lose(worker, new Error(`the worker exited with code ${code}`)));
      this.workers.push(worker);
    }
  }

  /** Workers still running. */
  get size(): number {
    return this.workers.filter((w) => w.alive).length;
  }

  /** Analyses the story `text` of `uri` under the workspace's declared actors, in a worker. */
  analyse(uri: string, text: string, declared: readonly DeclaredActor[]): Promise<PooledAnalysis> {
    return new Promise((resolve, reject) => {
      if (this.closed || this.size === 0) return reject(new Error('no analysis worker is running'));
      this.queue.push({ message: { id: this.nextId++, text, fileName: fileNameOf(uri), declared }, resolve, reject });
      this.dispatch();
    });
  }

  /** Stops every worker; jobs not finished are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('the analysis pool was closed'));
    await Promise.all(this.workers.map((w) => w.thread.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let target: PoolWorker | undefined;
      for (const w of this.workers) {
        if (w.alive && w.inFlight.size < IN_FLIGHT_PER_WORKER && (!target || w.inFlight.size < target.inFlight.size)) target = w;
      }
      if (!target) return;
      const job = this.queue.shift()!;
      target.inFlight.set(job.message.id, job);
      target.thread.postMessage(job.message);
    }
  }

  private settle(worker: PoolWorker, reply: AnalysisReply): void {
    const job = worker.inFlight.get(reply.id);
    worker.inFlight.delete(reply.id);
    if ('chunk' in reply) for (const keys of reply.shapes) worker.shapes.idOf(keys);
    this.dispatch();
    if (!job) return;
    if ('error' in reply) {
      this.log(`A worker failed to analyse ${job.message.fileName}: ${reply.error}`);
      return job.reject(new Error(reply.error));
    }
    try {
      const report = (problem: string): void => this.log(`A worker's analysis of ${job.message.fileName} is damaged (${problem}).`);
      job.resolve({ analysis: decodeChunk(reply.chunk, worker.shapes, job.message.text, report), chunk: reply.chunk, shapes: worker.shapes });
    } catch (error) {
      job.reject(error as Error);
    }
  }

  /** A worker that failed or exited: its jobs are rejected, the others take the queue. */
  private lose(worker: PoolWorker, error: Error): void {
    if (!worker.alive) return;
    worker.alive = false;
    if (!this.closed) this.log(`An analysis worker stopped (${error.message}); its files are analysed in the main thread.`);
    for (const job of worker.inFlight.values()) job.reject(error);
    worker.inFlight.clear();
    if (this.size === 0) for (const job of this.queue.splice(0)) job.reject(error);
    this.dispatch();
  }
}
