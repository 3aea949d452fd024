// What the CLI and the server share to index files with the analysis pool: the declared actors, known
// before any story is analysed, and a document entry whose analysis comes from a worker.
import { declaredActorsOf, type DeclaredActor } from './core/actorFinder';
import { parseStory } from './core/storyParser';
import { fileNameOf, type DocumentEntry } from './core/workspaceIndex';
import type { AnalysisPool, PooledAnalysis } from './analysisPool';

/** Every story's own `@actor` declarations, and all of them in uri order (what `WorkspaceIndex` collects). */
export interface Declarations {
  readonly declared: readonly DeclaredActor[];
  /** `WorkspaceIndex.declaredActorsKey()` of an index holding exactly these stories. */
  readonly key: string;
  readonly ownOf: ReadonlyMap<string, readonly DeclaredActor[]>;
}

/**
 * Reads the declarations of the stories, parsing only those that can hold one (an `@actor` line); a
 * restored analysis brings its own. The analyses made under them are taken by `setDocuments` as they are.
 */
export function declarationsOf(stories: readonly DocumentEntry[]): Declarations {
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
export async function pooledEntry(pool: AnalysisPool, entry: DocumentEntry, declarations: Declarations, onPooled?: (result: PooledAnalysis) => void): Promise<DocumentEntry> {
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
