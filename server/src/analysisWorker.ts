// A worker thread of the analysis pool (analysisPool.ts): parses and analyses one story per message and
// sends the result back in the persisted index's encoding, its bytes transferred rather than cloned.
import { parentPort } from 'node:worker_threads';
import type { DeclaredActor } from './core/actorFinder';
import { analyzeStory } from './core/storyAnalyzer';
import { parseStory } from './core/storyParser';
import { encodeChunk, ShapeTable, type Chunk } from './indexCache';

export interface AnalysisJob {
  readonly id: number;
  readonly text: string;
  readonly fileName: string;
  readonly declared: readonly DeclaredActor[];
}

/**
 * `shapes` are the object shapes this worker numbered since its previous reply, in order: the pool appends them to its copy of the worker's table before decoding.
 */
export type AnalysisReply = { readonly id: number; readonly chunk: Chunk; readonly shapes: readonly string[][] } | { readonly id: number; readonly error: string };

const shapes = new ShapeTable();
/** How many of `shapes` the pool has been sent (a failed job's new shapes go with the next reply). */
let sent = 0;

function analyse(job: AnalysisJob): { reply: AnalysisReply; transfer: ArrayBuffer[] } {
  try {
    const story = parseStory(job.text, { fileName: job.fileName });
    const chunk = encodeChunk(analyzeStory(story, job.declared), job.text, shapes);
    const added = shapes.keys.slice(sent);
    sent = shapes.keys.length;
    return { reply: { id: job.id, chunk, shapes: added }, transfer: [chunk.bytes.buffer as ArrayBuffer] };
  } catch (error) {
    return { reply: { id: job.id, error: (error as Error).stack ?? String(error) }, transfer: [] };
  }
}

parentPort?.on('message', (job: AnalysisJob) => {
  const { reply, transfer } = analyse(job);
  parentPort!.postMessage(reply, transfer);
});
