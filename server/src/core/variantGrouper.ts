import { GroupingIndex } from './groupingIndex';

/** A quotation as the grouper sees it. */
export interface GroupableQuote {
  /** Expected unique: a quote is looked up by it. */
  readonly id: string;
  /** Quotes of one article never form a group on their own. */
  readonly articleKey: string;
  /** Normalised words (see `normalizedWords`). */
  readonly words: readonly string[];
  /** The quote marks an elision (… or ...), so its words may be spread out in a fuller version. */
  readonly elided: boolean;
}

export interface QuoteGroup {
  /** Members in input order; the root is the fullest version that is not a longer compound quote. */
  readonly memberIds: readonly string[];
  readonly rootId: string;
  /** Members that quote the group's words as part of a longer quotation stringing statements together (in input order). */
  readonly containerIds: readonly string[];
}

export interface GroupingOptions {
  /** Share of the shorter quote's words that must reappear in order in the longer one. */
  readonly minShared: number;
  /** The same, for quotes of at most `shortQuoteWords` words. */
  readonly minSharedShort: number;
  readonly shortQuoteWords: number;
  /** A posting list of more distinct wordings than this stops adding candidates (a phrase everybody quotes). */
  readonly maxPosting: number;
  /**
   * Quotes of more words (default 1,000) are grouped only with copies of the same words. Aligning two
   * quotes costs time with the product of their lengths, and no quotation is this long: only an unclosed
   * mark makes one.
   */
  readonly maxWords?: number;
}

export const DEFAULT_GROUPING: GroupingOptions = { minShared: 0.5, minSharedShort: 0.8, shortQuoteWords: 5, maxPosting: 400 };

/**
 * Groups quotations that repeat the same words across sources: identical, re-punctuated, elided,
 * truncated, fragments and changed words. Quotes with the same words are one wording, compared once
 * however often it is quoted; candidates come from an inverted index of word pairs over the wordings, so
 * no all-pairs comparison. Near-equal wordings join as peers, short ones join the group of their best
 * container, and a long quote that strings several statements together joins each of their groups.
 * Groups come in the order of their first quote; quotes of under two words are in none.
 */
export function groupQuotes(quotes: readonly GroupableQuote[], options: GroupingOptions = DEFAULT_GROUPING): QuoteGroup[] {
  const index = new GroupingIndex(options);
  index.setDocument('', quotes);
  return [...index.groups()];
}
