// Indexing story files with the analysis pool (the CLI, and the language server's first index of the
// closed files): the main thread adds results as they arrive and stays free in between.
import { declaredActorsOf, type DeclaredActor } from './core/actorFinder';
import { parseStory } from './core/storyParser';
import { fileNameOf, type DocumentEntry, type WorkspaceIndex } from './core/workspaceIndex';
import type { AnalysisPool, PooledAnalysis } from './analysisPool';

/** Results are added to the index in batches of at least this many files (or a twentieth of them). */
const MIN_BATCH = 100;

export interface PooledIndexingOptions {
  /** Documents already in the index (open ones): their declarations count too. */
  readonly others: readonly DocumentEntry[];
  /** True for a file whose result must not be added when it arrives (opened, changed or gone since it was read; shutdown). */
  readonly skip: (uri: string) => boolean;
  readonly onProgress?: (done: number, total: number) => void;
  /** Called with every analysis a worker made, before it is offered to the index. */
  readonly onPooled?: (result: PooledAnalysis) => void;
  /** Work for the main thread while it waits for the workers; returns true when it has none left. */
  readonly whileWaiting?: () => boolean;
}

/**
 * Adds `entries` to `index`, those not restored (or restored under other declared actors) analysed by
 * the pool under the workspace's declared actors, read beforehand. Results are added in the entries'
 * order (the stories that declare actors and the restored ones first, in one batch, so the index's
 * declared actors are final from then on), between turns of the event loop. Should the index's declared
 * actors change meanwhile (an open document gains an `@actor` line), the results not added yet are
 * discarded and analysed again under the new ones. A file a worker fails on is analysed by `setDocuments`.
 */
export async function indexWithPool(index: WorkspaceIndex, pool: AnalysisPool, entries: readonly DocumentEntry[], options: PooledIndexingOptions): Promise<void> {
  let declarations = declarationsOf([...options.others, ...entries]);
  const usable = (e: DocumentEntry): DocumentEntry => (e.restored && e.restored.declaredKey !== declarations.key ? { uri: e.uri, text: e.text } : e);
  const first = entries.filter((e) => declarations.ownOf.has(e.uri) || usable(e).restored).map(usable);
  const ordered = [...first, ...entries.filter((e) => !declarations.ownOf.has(e.uri) && !usable(e).restored)];
  const results: Array<DocumentEntry | undefined> = new Array(ordered.length);
  let wake: (() => void) | undefined;
  const submit = (from: number): void => {
    const under = declarations;
    for (let i = from; i < ordered.length; i++) {
      void pooledEntry(pool, ordered[i]!, under, options.onPooled).then((entry) => {
        if (under !== declarations) return;
        results[i] = entry;
        wake?.();
      });
    }
  };
  submit(0);
  // After the first batch, the index's declared actors are the workspace's: results under others are of no use.
  const redeclaredSince = (from: number): boolean => {
    if (index.declaredActorsKey() === declarations.key) return false;
    declarations = redeclared(JSON.parse(index.declaredActorsKey()) as DeclaredActor[], declarations);
    results.fill(undefined, from);
    submit(from);
    return true;
  };
  const batchSize = Math.max(MIN_BATCH, Math.ceil(ordered.length / 20));
  let next = 0;
  let firstAdded = false;
  while (!firstAdded || next < ordered.length) {
    const end = firstAdded ? Math.min(ordered.length, next + batchSize) : first.length;
    while (!readyUpTo(results, next, end)) {
      const idle = options.whileWaiting?.() ?? true;
      await (idle ? new Promise<void>((resolve) => (wake = resolve)) : turn());
      wake = undefined;
    }
    if (firstAdded && redeclaredSince(next)) continue;
    const batch = results.slice(next, end) as DocumentEntry[];
    const done = next;
    index.setDocuments(
      batch.filter((e) => !options.skip(e.uri)),
      (n) => options.onProgress?.(done + n, ordered.length),
    );
    next = end;
    firstAdded = true;
    redeclaredSince(next);
    await turn();
  }
}

/** Every story's own `@actor` declarations, and all of them in uri order (what `WorkspaceIndex` collects). */
interface Declarations {
  readonly declared: readonly DeclaredActor[];
  /** `WorkspaceIndex.declaredActorsKey()` of an index holding exactly these stories. */
  readonly key: string;
  readonly ownOf: ReadonlyMap<string, readonly DeclaredActor[]>;
}

/**
 * Reads the declarations of the stories, parsing only those that can hold one (an `@actor` line); a
 * restored analysis brings its own. The analyses made under them are taken by `setDocuments` as they are.
 */
function declarationsOf(stories: readonly DocumentEntry[]): Declarations {
  const ownOf = new Map<string, readonly DeclaredActor[]>();
  for (const { uri, text, restored } of stories) {
    const own = restored?.declares ?? (text.includes('@actor') ? declaredActorsOf(parseStory(text, { fileName: fileNameOf(uri) })) : []);
    if (own.length > 0) ownOf.set(uri, own);
  }
  const declared = [...ownOf.keys()].sort().flatMap((uri) => ownOf.get(uri)!);
  return { declared, key: JSON.stringify(declared), ownOf };
}

/**
 * The entry with its analysis made by a worker under `declarations`, offered as a restored analysis;
 * the entry as it is (to be analysed in this thread) when the worker failed. `onPooled` sees each result.
 */
async function pooledEntry(pool: AnalysisPool, entry: DocumentEntry, declarations: Declarations, onPooled?: (result: PooledAnalysis) => void): Promise<DocumentEntry> {
  if (entry.restored) return entry;
  let result: PooledAnalysis;
  try {
    result = await pool.analyse(entry.uri, entry.text, declarations.declared);
  } catch {
    return entry;
  }
  onPooled?.(result);
  return { ...entry, restored: { analysis: result.analysis, declaredKey: declarations.key, declares: declarations.ownOf.get(entry.uri) ?? [] } };
}

/** True when every result in [from, to) has arrived. */
function readyUpTo(results: ReadonlyArray<DocumentEntry | undefined>, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (results[i] === undefined) return false;
  return true;
}

/** The index's declared actors, for the files still to add (which declare none: those went first). */
function redeclared(declared: readonly DeclaredActor[], before: Declarations): Declarations {
  return { declared, key: JSON.stringify(declared), ownOf: before.ownOf };
}

/** Lets the event loop answer what is waiting (requests, notifications) before going on. */
export function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
