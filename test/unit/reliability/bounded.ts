import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

/**
 * Runs a property in a worker thread of the same test bundle, so an input that sends the analysis into
 * an endless loop fails the test (with that input) instead of hanging `npm test`: a busy loop cannot be
 * interrupted on the thread it runs on, but a worker can be terminated.
 */

type Job = (progress: (input: unknown) => void) => unknown;

const jobs = new Map<string, Job>();

/** True in the mocha process; false inside the worker that runs a job (where `describe` does not exist). */
export const inMocha = isMainThread;

/** Declares a job by name; call at the top level of a test file, in both threads. */
export function defineJob(name: string, job: Job): string {
  jobs.set(name, job);
  return name;
}

/**
 * Runs the job in a worker and resolves with what it returns; rejects with the job's error, or with the
 * last input the job reported (the likely culprit of a hang) when the job takes longer than `limitMs`
 * in all or spends more than `stallMs` on one input.
 */
export function runBounded(name: string, limitMs: number, stallMs = 10000): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: { reliabilityJob: name } });
    let last: unknown;
    let count = 0;
    const fail = (why: string): void => {
      clearTimeout(total);
      clearTimeout(stall);
      void worker.terminate();
      reject(new Error(`"${name}" ${why} (after ${count} inputs): an endless or very slow analysis. Last input: ${JSON.stringify(last)}`));
    };
    const total = setTimeout(() => fail(`did not finish within ${limitMs} ms`), limitMs);
    let stall = setTimeout(() => fail(`spent over ${stallMs} ms on one input`), stallMs);
    worker.on('message', (m: { progress?: unknown; done?: boolean; error?: string; result?: unknown }) => {
      if ('progress' in m) {
        last = m.progress;
        count++;
        clearTimeout(stall);
        stall = setTimeout(() => fail(`spent over ${stallMs} ms on one input`), stallMs);
      } else if (m.done) {
        clearTimeout(total);
        clearTimeout(stall);
        void worker.terminate();
        if (m.error !== undefined) reject(new Error(m.error));
        else resolve(m.result);
      }
    });
    worker.on('error', (error) => {
      clearTimeout(total);
      clearTimeout(stall);
      reject(error);
    });
  });
}

if (!isMainThread && (workerData as { reliabilityJob?: string } | null)?.reliabilityJob) {
  // Wait until the whole bundle has run, so every job is defined.
  setImmediate(() => {
    const name = (workerData as { reliabilityJob: string }).reliabilityJob;
    const job = jobs.get(name);
    try {
      if (!job) throw new Error(`no job "${name}" in ${__filename}`);
      const result = job((input) => parentPort!.postMessage({ progress: input }));
      parentPort!.postMessage({ done: true, result });
    } catch (error) {
      parentPort!.postMessage({ done: true, error: (error as Error).stack ?? String(error) });
    }
  });
}
