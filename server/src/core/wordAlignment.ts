import { diffSequences, PartKind } from './sequenceDiff';

export interface Alignment {
  /** Words of `a` found, in order, in `b`. */
  readonly matched: number;
  /** The longest run of consecutive matched words. */
  readonly longestRun: number;
  /** First and last index (inclusive) of `b` matched by a run of two words or more (or by all of `a`). */
  readonly windowStart: number;
  readonly windowEnd: number;
  /** Which words of `a` were matched. */
  readonly matchedInA: readonly boolean[];
}

/**
 * Aligns two word lists by their longest common subsequence (Myers' diff, as the `diff` package finds it).
 * Matched runs far apart in `b` are not one quotation: only the cluster of runs holding most matched
 * words counts, where runs join across gaps of at most `maxGap` words of `b` (any gap when `a` marks an
 * elision itself).
 */
export function alignWords<T>(a: readonly T[], b: readonly T[], maxGap = Number.POSITIVE_INFINITY): Alignment {
  // Most comparisons are of a quote with an identical copy in another source: one run, no diff needed.
  if (a.length > 0 && a.length === b.length && a.every((w, k) => w === b[k])) {
    return { matched: a.length, longestRun: a.length, windowStart: 0, windowEnd: a.length - 1, matchedInA: new Array<boolean>(a.length).fill(true) };
  }
  const runs: Array<{ a: number; b: number; n: number }> = [];
  for (const part of diffSequences(a, b)) if (part.kind === PartKind.Equal) runs.push({ a: part.oldStart, b: part.newStart, n: part.count });
  let best: typeof runs = [];
  let bestCount = -1;
  let cluster: typeof runs = [];
  const close = (): void => {
    const count = cluster.reduce((sum, r) => sum + r.n, 0);
    if (count > bestCount) {
      best = cluster;
      bestCount = count;
    }
  };
  for (const run of runs) {
    const last = cluster[cluster.length - 1];
    if (last && run.b - (last.b + last.n) > maxGap) {
      close();
      cluster = [];
    }
    cluster.push(run);
  }
  close();
  const matchedInA = new Array<boolean>(a.length).fill(false);
  let matched = 0;
  let longestRun = 0;
  let windowStart = -1;
  let windowEnd = -1;
  for (const run of best) {
    matched += run.n;
    longestRun = Math.max(longestRun, run.n);
    for (let k = 0; k < run.n; k++) matchedInA[run.a + k] = true;
    if (run.n >= 2 || run.n === a.length) {
      if (windowStart < 0) windowStart = run.b;
      windowEnd = run.b + run.n - 1;
    }
  }
  return { matched, longestRun, windowStart, windowEnd, matchedInA };
}
