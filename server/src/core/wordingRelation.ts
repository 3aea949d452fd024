import type { GroupingOptions } from './variantGrouper';
import { alignWords } from './wordAlignment';
import type { WordIds } from './wordIds';

/** Two wordings of near-equal extent (`peer`), or the shorter quoted within the longer (`inside`). */
export type Relation = 'peer' | 'inside';

const STOP = new Set(['the', 'a', 'an', 'of', 'to', 'and', 'in', 'on', 'is', 'it', 'that', 'for', 'be', 'we', 'i', 'you', 'he', 'they', 'this', 'with', 'are', 'was', 'at', 'as', 'by', 'or', 'not', 'do', 'have', 'has', 'will', 'our', 'us', 'me', 'my']);

/** Function words: they line up between any two sentences, so they neither find nor prove a variant. */
export function isStopWord(word: string): boolean {
  return STOP.has(word);
}

function thresholdFor(shortLength: number, options: GroupingOptions): number {
  return shortLength <= options.shortQuoteWords ? options.minSharedShort : options.minShared;
}

/** A wording's words as ids, in order, and how many are not stop words. */
export interface WordBag {
  readonly ids: readonly number[];
  readonly content: number;
}

/**
 * False when `relateWordings(short, long)` must be undefined: the words two wordings share as multisets
 * bound the words an alignment can match, in all and among the words that carry meaning. Cheap (linear)
 * where the alignment is not, and most candidates from shared word pairs fail here.
 */
export function mayRelate(short: WordBag, long: WordBag, words: WordIds, options: GroupingOptions): boolean {
  words.countShared(short.ids, long.ids);
  const threshold = thresholdFor(short.ids.length, options);
  return words.shared / short.ids.length >= threshold && (short.content === 0 || words.sharedContent / short.content >= threshold);
}

/**
 * How a wording relates to one at least as long; undefined when they do not quote the same words.
 * `elided`: the shorter marks an elision, so its words may be spread out in the longer. Words may be
 * given as anything that is equal when they are (ids), with `isStop` telling the stop words.
 */
export function relateWordings<T>(short: readonly T[], long: readonly T[], elided: boolean, options: GroupingOptions, isStop: (word: T) => boolean): Relation | undefined {
  const maxGap = elided ? Number.POSITIVE_INFINITY : Math.max(3, Math.ceil(short.length / 4));
  const alignment = alignWords(short, long, maxGap);
  const threshold = thresholdFor(short.length, options);
  if (alignment.matched / short.length < threshold || alignment.longestRun < 2 || alignment.windowStart < 0) return undefined;
  let content = 0;
  let contentMatched = 0;
  short.forEach((w, k) => {
    if (isStop(w)) return;
    content++;
    if (alignment.matchedInA[k]) contentMatched++;
  });
  if (content > 0 && contentMatched / content < threshold) return undefined;
  const cover = (alignment.windowEnd - alignment.windowStart + 1) / long.length;
  return cover >= 0.5 ? 'peer' : 'inside';
}
