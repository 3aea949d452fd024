import { NEGATIONS } from './tokens';
import { diffSequences, PartKind } from './sequenceDiff';
import { alignWords } from './wordAlignment';

export type VariantType = 'identical' | 'punctuation' | 'elision' | 'truncation' | 'fragment' | 'changed-words' | 'paraphrase';

export interface VariantComparison {
  readonly type: VariantType;
  /** Words of the root this version leaves out (or replaces). */
  readonly dropped: readonly string[];
  /** Words this version has that the root does not. */
  readonly added: readonly string[];
  /** A negation (not, never, no…) the root has and this version drops, or the other way round. */
  readonly negationChanged: boolean;
}

/**
 * Says how a member of a variant group differs from the group's root. Both are given as written and as
 * normalised words; a member that quotes the root inside a longer quotation is compared on the part that
 * matches.
 */
export function compareToRoot(rootText: string, rootWords: readonly string[], memberText: string, memberWords: readonly string[]): VariantComparison {
  let words = memberWords;
  if (memberWords.length > rootWords.length) {
    const a = alignWords(rootWords, memberWords, Math.max(3, Math.ceil(rootWords.length / 4)));
    if (a.windowStart >= 0) words = memberWords.slice(a.windowStart, a.windowEnd + 1);
  }
  const parts = diffSequences(rootWords, words);
  const dropped: string[] = [];
  const added: string[] = [];
  // Only differences between the first and last shared words change what was said; words cut off at
  // either end belong to a sentence this version does not quote at all.
  const firstEqual = parts.findIndex((p) => p.kind === PartKind.Equal);
  let lastEqual = parts.length - 1;
  while (lastEqual >= 0 && parts[lastEqual]!.kind !== PartKind.Equal) lastEqual--;
  let innerDropped = 0;
  let innerAdded = 0;
  parts.forEach((p, k) => {
    const inner = firstEqual >= 0 && k > firstEqual && k < lastEqual;
    if (p.kind === PartKind.Removed) {
      const value = rootWords.slice(p.oldStart, p.oldStart + p.count);
      dropped.push(...value);
      if (inner) innerDropped += countNegations(value);
    } else if (p.kind === PartKind.Added) {
      const value = words.slice(p.newStart, p.newStart + p.count);
      added.push(...value);
      if (inner) innerAdded += countNegations(value);
    }
  });
  const negationChanged = innerDropped !== innerAdded;
  const result = (type: VariantType): VariantComparison => ({ type, dropped, added, negationChanged });

  if (dropped.length === 0 && added.length === 0) {
    return result(clean(rootText) === clean(memberText) ? 'identical' : 'punctuation');
  }
  const kept = rootWords.length - dropped.length;
  if (added.length === 0) {
    const matchedRuns = parts.filter((p) => p.kind === PartKind.Equal).length;
    if (matchedRuns > 1) return result('elision');
    const startsTogether = parts[0]!.kind !== PartKind.Removed;
    const endsTogether = parts[parts.length - 1]!.kind !== PartKind.Removed;
    return result((startsTogether || endsTogether) && words.length >= rootWords.length / 2 ? 'truncation' : 'fragment');
  }
  if (kept / words.length >= 0.6) return result('changed-words');
  return result('paraphrase');
}

function countNegations(words: readonly string[]): number {
  return words.filter((w) => NEGATIONS.has(w)).length;
}

function clean(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}
