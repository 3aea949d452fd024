// Warm start from the persisted index, in a child process of its own: what the server does at start
// when the workspace's cache file was written by an earlier run (bench/indexPhase.ts writes it after its
// cold index). Read every story file, hash it, restore its parse and analysis, add them all to the index.
import { pathToFileURL } from 'node:url';
import type { DocumentEntry } from '../server/src/core/workspaceIndex';
import { WorkspaceIndex } from '../server/src/core/workspaceIndex';
import { readStoryFile } from '../server/src/fsWorkspace';
import { IndexCache } from '../server/src/indexCache';
import { timed } from './stats';

export interface WarmResult {
  readonly files: number;
  readonly restored: number;
  readonly cacheBytes: number;
  /** From the first file read to the index holding every document. */
  readonly totalMs: number;
  readonly totalCpuMs: number;
  readonly readMs: number;
  readonly openMs: number;
  /** Hashing every text and decoding the entries that match. */
  readonly restoreMs: number;
  readonly addMs: number;
  /** Not part of the warm start: the variant groups are built on first use, as after a cold index. */
  readonly groupMs: number;
  readonly quotes: number;
  readonly groups: number;
}

export function runWarmPhase(files: readonly string[], cacheFile: string): WarmResult {
  let restored = 0;
  let cacheBytes = 0;
  let readMs = 0;
  let openMs = 0;
  let restoreMs = 0;
  let addMs = 0;
  const index = new WorkspaceIndex();
  const total = timed(() => {
    const read = timed(() => files.map((f) => ({ uri: pathToFileURL(f).href, read: readStoryFile(f) })));
    readMs = read.ms;
    const open = timed(() => IndexCache.open(cacheFile, (m) => process.stderr.write(`${m}\n`)));
    openMs = open.ms;
    const cache = open.value;
    const restore = timed(() =>
      read.value.flatMap(({ uri, read }): DocumentEntry[] => {
        if (!read.ok) return [];
        const entry = cache.restore(uri, read.text, read.bytes);
        if (entry) restored++;
        return [{ uri, text: read.text, restored: entry }];
      }),
    );
    restoreMs = restore.ms;
    addMs = timed(() => index.setDocuments(restore.value)).ms;
    cacheBytes = cache.fileBytes;
  });
  const group = timed(() => index.variantGroups());
  return {
    files: files.length,
    restored,
    cacheBytes,
    totalMs: total.ms,
    totalCpuMs: total.cpuMs,
    readMs,
    openMs,
    restoreMs,
    addMs,
    groupMs: group.ms,
    quotes: index.quotes().size,
    groups: group.value.length,
  };
}
