import { diffArrays } from 'diff';

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

/** Aligns two word lists by their longest common subsequence (Myers' diff from the `diff` package). */
export function alignWords(a: readonly string[], b: readonly string[]): Alignment {
  const parts = diffArrays(a as string[], b as string[]);
  let ia = 0;
  let ib = 0;
  let matched = 0;
  let longestRun = 0;
  let windowStart = -1;
  let windowEnd = -1;
  const matchedInA = new Array<boolean>(a.length).fill(false);
  for (const part of parts) {
    const n = part.count ?? part.value.length;
    if (part.added) {
      ib += n;
    } else if (part.removed) {
      ia += n;
    } else {
      matched += n;
      longestRun = Math.max(longestRun, n);
      for (let k = 0; k < n; k++) matchedInA[ia + k] = true;
      if (n >= 2 || n === a.length) {
        if (windowStart < 0) windowStart = ib;
        windowEnd = ib + n - 1;
      }
      ia += n;
      ib += n;
    }
  }
  return { matched, longestRun, windowStart, windowEnd, matchedInA };
}
