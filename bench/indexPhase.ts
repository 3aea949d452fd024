// Runs in a child process of its own (node --expose-gc), so heap and peak RSS belong to one index:
// cold index, re-index after a one-character edit, the next hover after it, heap per article.
import { readFileSync } from 'node:fs';
import { writeHeapSnapshot } from 'node:v8';
import { pathToFileURL } from 'node:url';
import type { Quote } from '../server/src/core/storyAnalyzer';
import { quoteKey, WorkspaceIndex, type IndexedDocument } from '../server/src/core/workspaceIndex';
import { provideHover } from '../server/src/features/hover';
import { IndexCache } from '../server/src/indexCache';
import { compactText } from '../server/src/compactText';
import { hash, random } from './generate';
import { latencies, timed, type Latencies } from './stats';

export interface IndexResult {
  readonly articles: number;
  readonly files: number;
  readonly bytes: number;
  readonly quotes: number;
  readonly groups: number;
  readonly readMs: number;
  readonly analyseMs: number;
  readonly analyseCpuMs: number;
  readonly groupMs: number;
  readonly groupCpuMs: number;
  /** setDocument of a one-character edit alone (the variant groups are rebuilt lazily, on next use). */
  readonly edit: Latencies;
  /** An edit that leaves every quote as it was (outside quotation marks), then a hover on a grouped quote of another story. */
  readonly proseEditThenHover: Latencies;
  /** An edit that changes a quote (inside quotation marks), then the hover: pays for regrouping the changed quotes. */
  readonly quoteEditThenHover: Latencies;
  /** A hover with the groups already built. */
  readonly hover: Latencies;
  /** V8's heap after GC and the array buffers outside it (typed tables, compact texts), per article. */
  readonly heapBytesPerArticle: number;
  readonly heapUsedMB: number;
  readonly buffersMB: number;
  /** Making the texts of the closed documents compact (the server does it in idle time). */
  readonly compactMs: number;
  /** Peak RSS once the cold index (with its variant groups) is built, and at the end. */
  readonly coldPeakRssMB: number;
  readonly peakRssMB: number;
  /** Writing the persisted index of the cold index (every document encoded), when asked for; its size. */
  readonly cacheSaveMs?: number;
  readonly cacheBytes?: number;
}

declare const gc: undefined | (() => void);

/** The heap in use and the memory of array buffers (outside the heap). */
function memoryInUse(): { heap: number; buffers: number } {
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return { heap: heapUsed, buffers: arrayBuffers };
}

function collect(): void {
  if (typeof gc === 'function') {
    gc();
    gc();
  }
}

export type EditPlace = 'prose' | 'quote';

/**
 * Where to replace one letter of a story: inside a quotation's words, or in article text outside every
 * quotation. Undefined when the story has no such letter.
 */
export function editOffset(doc: IndexedDocument, place: EditPlace, next: () => number): number | undefined {
  const quotes = doc.analysis.quotes.filter((q) => q.kind !== 'name');
  const letter = (i: number): boolean => /[a-z]/.test(doc.text[i] ?? '');
  for (let attempt = 0; attempt < 200; attempt++) {
    let at: number;
    if (place === 'quote') {
      const q = quotes[Math.floor(next() * quotes.length)];
      if (!q) return undefined;
      at = q.span.start + Math.floor(next() * (q.span.end - q.span.start));
    } else {
      const article = doc.story.articles[Math.floor(next() * doc.story.articles.length)];
      if (!article) return undefined;
      at = article.bodySpan.start + Math.floor(next() * (article.bodySpan.end - article.bodySpan.start));
      if (doc.analysis.quotes.some((q) => q.outerSpan.start <= at && at < q.outerSpan.end)) continue;
    }
    if (letter(at)) return at;
  }
  return undefined;
}

/** The text with the letter at `at` replaced by another. */
export function replaceLetter(text: string, at: number): string {
  return text.slice(0, at) + (text[at] === 'e' ? 'a' : 'e') + text.slice(at + 1);
}

export function runIndexPhase(files: readonly string[], articles: number, edits: { alone: number; prose: number; quote: number }, cacheFile?: string): IndexResult {
  collect();
  const memoryBefore = memoryInUse();
  // Not kept in a `Timed`: the texts must be the index's alone once it has them.
  const readStart = performance.now();
  let texts: string[] = files.map((f) => readFileSync(f, 'utf8'));
  const readMs = performance.now() - readStart;
  const uris = files.map((f) => pathToFileURL(f).href);
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);

  const index = new WorkspaceIndex();
  // As in the server: per-article results are kept for the stories being edited (open) only, and the
  // others keep their text compact.
  const open = new Set<string>();
  index.rememberOnly((uri) => open.has(uri), { compact: compactText });
  const analyse = timed(() => texts.forEach((t, i) => index.setDocument(uris[i]!, t)));
  // As the server's idle time after its first index: every group related and assembled. Its group
  // objects (each version compared with the root) are made when a request reads the group.
  const group = timed(() => {
    index.prepareAllGroups(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY);
    return index.counts().groups;
  });
  // The texts read are the index's alone from here on (as in the server); an edit reads its file again.
  texts = [];
  const textOf = (d: number): string => readFileSync(files[d]!, 'utf8');
  // What the server does in idle time after its first index.
  const compact = timed(() => index.compactClosed());

  collect();
  const memoryUsed = memoryInUse();
  const heapUsed = memoryUsed.heap;
  // For `heapSnapshotSummary.ts`: what the memory figure counts, object by object.
  if (process.env.BENCH_HEAP_SNAPSHOT) writeHeapSnapshot(process.env.BENCH_HEAP_SNAPSHOT);
  const coldPeakRssMB = process.resourceUsage().maxRSS / 1024;

  // Quotes in variant groups, to hover over: where a hover pays for the groups.
  const next = random(hash(`edits ${files.length}`));
  const inSomeGroup = index.groupedTest();
  const grouped = index
    .uris()
    .flatMap((uri) => index.quotesOf(uri))
    .filter((ref) => inSomeGroup(ref.key))
    .map((ref) => ref.key);
  const hoverTarget = (avoid: string): { uri: string; quote: Quote } => {
    for (;;) {
      const ref = index.quote(grouped[Math.floor(next() * grouped.length)]!)!;
      if (ref.uri !== avoid || grouped.length < 2) return { uri: ref.uri, quote: ref.quote };
    }
  };
  const hoverOnce = (avoid: string): boolean => {
    const { uri, quote } = hoverTarget(avoid);
    const doc = index.get(uri)!;
    return provideHover(index, uri, doc.lines.positionAt(quote.span.start + 1)) !== null && index.groupsOf(quoteKey(uri, quote)).length > 0;
  };

  const hoverTimes: number[] = [];
  for (let k = 0; k < 200; k++) {
    const t = timed(() => hoverOnce(''));
    if (!t.value) throw new Error('a hover on a grouped quote showed no variant group');
    hoverTimes.push(t.ms);
  }

  const editTimes: number[] = [];
  const editHoverTimes: Record<EditPlace, number[]> = { prose: [], quote: [] };
  const plan: Array<{ place: EditPlace; hover: boolean }> = [
    ...Array.from({ length: edits.alone }, (_, k) => ({ place: k % 2 === 0 ? ('prose' as const) : ('quote' as const), hover: false })),
    ...Array.from({ length: edits.prose }, () => ({ place: 'prose' as const, hover: true })),
    ...Array.from({ length: edits.quote }, () => ({ place: 'quote' as const, hover: true })),
  ];
  const samples = plan.flatMap(({ place, hover }) => {
    const d = Math.floor(next() * files.length);
    const at = editOffset(index.get(uris[d]!)!, place, next);
    return at === undefined ? [] : [{ d, hover, edited: replaceLetter(textOf(d), at) }];
  });
  // The stories edited were opened and typed in before (not timed): the first edit of each read it whole
  // and kept its articles' results, as in the editor. All before the first sample: the garbage of it is
  // collected here, not during one.
  for (const { d, edited } of samples) {
    if (open.has(uris[d]!)) continue;
    open.add(uris[d]!);
    index.setDocument(uris[d]!, edited);
    index.setDocument(uris[d]!, textOf(d));
  }
  collect();
  for (const { d, hover, edited } of samples) {
    const original = textOf(d);
    const inputBefore = hover ? groupingInput(index, uris[d]!) : undefined;
    const t = timed(() => {
      index.setDocument(uris[d]!, edited);
      if (hover) hoverOnce(uris[d]!);
    });
    if (!hover) editTimes.push(t.ms);
    // Filed by what the edit did: an edit outside quotation marks can still change a quote (its kind).
    // Told from the document's quotes, not by asking for every variant group: rebuilding them all
    // between samples made garbage that the next sample's collections paid for.
    else editHoverTimes[groupingInput(index, uris[d]!) === inputBefore ? 'prose' : 'quote'].push(t.ms);
    // Put the text back (also an edit, not timed), so every sample starts from the same workspace.
    index.setDocument(uris[d]!, original);
  }

  const peakRssMB = process.resourceUsage().maxRSS / 1024;
  // Last, so it counts in no figure above: the persisted index a warm start reads (bench/warmPhase.ts).
  // Every edit was put back, so the index is the cold one again.
  const save = cacheFile ? timed(() => IndexCache.open(cacheFile, (m) => process.stderr.write(`${m}\n`)).save(index, () => true)) : undefined;

  return {
    articles,
    files: files.length,
    bytes,
    quotes: index.quotes().size,
    groups: group.value,
    readMs,
    analyseMs: analyse.ms,
    analyseCpuMs: analyse.cpuMs,
    groupMs: group.ms,
    groupCpuMs: group.cpuMs,
    edit: latencies(editTimes),
    proseEditThenHover: latencies(editHoverTimes.prose),
    quoteEditThenHover: latencies(editHoverTimes.quote),
    hover: latencies(hoverTimes),
    heapBytesPerArticle: (memoryUsed.heap + memoryUsed.buffers - memoryBefore.heap - memoryBefore.buffers) / articles,
    heapUsedMB: heapUsed / 1e6,
    buffersMB: memoryUsed.buffers / 1e6,
    compactMs: compact.ms,
    coldPeakRssMB,
    peakRssMB,
    cacheSaveMs: save?.ms,
    cacheBytes: save?.value.bytes,
  };
}

/** What the grouper reads of a document (as `WorkspaceIndex` compares it): its quotes' keys and texts. */
function groupingInput(index: WorkspaceIndex, uri: string): string {
  return index
    .quotesOf(uri)
    .filter((ref) => ref.quote.kind !== 'name')
    .map((ref) => `${ref.key}\u0000${ref.quote.text}`)
    .join('\u0001');
}
