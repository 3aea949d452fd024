// Runs in a child process of its own (node --expose-gc), so heap and peak RSS belong to one index:
// cold index, re-index after a one-character edit, the next hover after it, heap per article.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Quote } from '../server/src/core/storyAnalyzer';
import { quoteKey, WorkspaceIndex } from '../server/src/core/workspaceIndex';
import { provideHover } from '../server/src/features/hover';
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
  /** The edit, then a hover on a grouped quote of another story: pays for rebuilding every variant group. */
  readonly editThenHover: Latencies;
  /** A hover with the groups already built. */
  readonly hover: Latencies;
  readonly heapBytesPerArticle: number;
  readonly heapUsedMB: number;
  readonly peakRssMB: number;
}

declare const gc: undefined | (() => void);

function collect(): void {
  if (typeof gc === 'function') {
    gc();
    gc();
  }
}

/** The text with one letter of the body (about `at` of the way in) replaced by another. */
export function oneCharEdit(text: string, at: number): string {
  let i = Math.floor(text.length * at);
  while (i < text.length && !/[a-z]/.test(text[i]!)) i++;
  if (i >= text.length) return `${text}x`;
  return text.slice(0, i) + (text[i] === 'e' ? 'a' : 'e') + text.slice(i + 1);
}

export function runIndexPhase(files: readonly string[], articles: number, editSamples: number, hoverAfterEditSamples: number): IndexResult {
  collect();
  const heapBefore = process.memoryUsage().heapUsed;
  const read = timed(() => files.map((f) => readFileSync(f, 'utf8')));
  const texts = read.value;
  const uris = files.map((f) => pathToFileURL(f).href);
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);

  const index = new WorkspaceIndex();
  const analyse = timed(() => texts.forEach((t, i) => index.setDocument(uris[i]!, t)));
  const group = timed(() => index.variantGroups());
  const groups = group.value;

  collect();
  const heapUsed = process.memoryUsage().heapUsed;

  // Quotes in variant groups, to hover over: where a hover pays for the groups.
  const next = random(hash(`edits ${files.length}`));
  const grouped = groups.flatMap((g) => g.members.map((m) => m.key));
  const hoverTarget = (avoid: string): { uri: string; quote: Quote } => {
    for (;;) {
      const ref = index.quote(grouped[Math.floor(next() * grouped.length)]!)!;
      if (ref.uri !== avoid || grouped.length < 2) return { uri: ref.uri, quote: ref.quote };
    }
  };
  const hoverOnce = (avoid: string): void => {
    const { uri, quote } = hoverTarget(avoid);
    const doc = index.get(uri)!;
    const hover = provideHover(index, uri, doc.lines.positionAt(quote.span.start + 1));
    if (!hover || index.groupsOf(quoteKey(uri, quote)).length === 0) throw new Error(`no variant group in the hover at ${uri}`);
  };

  const hoverTimes: number[] = [];
  for (let k = 0; k < 200; k++) hoverTimes.push(timed(() => hoverOnce('')).ms);

  const editTimes: number[] = [];
  const editHoverTimes: number[] = [];
  for (let k = 0; k < editSamples; k++) {
    const d = Math.floor(next() * files.length);
    const edited = oneCharEdit(texts[d]!, 0.3 + 0.4 * next());
    const withHover = k < hoverAfterEditSamples;
    const t = timed(() => {
      index.setDocument(uris[d]!, edited);
      if (withHover) hoverOnce(uris[d]!);
    });
    (withHover ? editHoverTimes : editTimes).push(t.ms);
    // Put the text back (also an edit, not timed), so every sample starts from the same workspace.
    index.setDocument(uris[d]!, texts[d]!);
  }

  return {
    articles,
    files: files.length,
    bytes,
    quotes: index.quotes().size,
    groups: groups.length,
    readMs: read.ms,
    analyseMs: analyse.ms,
    analyseCpuMs: analyse.cpuMs,
    groupMs: group.ms,
    groupCpuMs: group.cpuMs,
    edit: latencies(editTimes),
    editThenHover: latencies(editHoverTimes),
    hover: latencies(hoverTimes),
    heapBytesPerArticle: (heapUsed - heapBefore) / articles,
    heapUsedMB: heapUsed / 1e6,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  };
}
