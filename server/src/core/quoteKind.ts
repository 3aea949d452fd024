import { endWithoutSpace } from './lines';
import { NAMING_CUES, REPORTING_VERBS } from './vocabulary';

export type QuoteKind = 'speech' | 'fragment' | 'name';

/**
 * Tells a quoted utterance from a few quoted words inside the reporter's sentence and from a quoted
 * name or scare quote. `before` is the text of the sentence (outside quotations) up to the opening mark.
 */
const WORDS = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

export function quoteKind(quoted: string, before: string, sentenceHasReportingVerb: boolean): QuoteKind {
  // Only short quotations are told apart by their words: seven are enough to know one is not short.
  const words: string[] = [];
  for (const m of quoted.matchAll(WORDS)) if (words.push(m[0]) > 6) break;
  const beforeEnd = endWithoutSpace(before);
  const previousWord = lastWordBefore(before, beforeEnd)?.toLowerCase();
  const lastChar = before.charAt(beforeEnd - 1);
  const lastQuoted = quoted.charAt(endWithoutSpace(quoted) - 1);
  const endsWithStop = '.!?…,;'.includes(lastQuoted) && lastQuoted !== '';

  const titleCase = words.length > 0 && words.every((w) => /^[\p{Lu}\p{N}]/u.test(w) || w.length <= 3);
  const endsSentence = '.!?…;'.includes(lastQuoted) && lastQuoted !== '';
  if (words.length <= 6 && !endsSentence && titleCase && previousWord !== undefined && NAMING_CUES.has(previousWord)) return 'name';
  if (words.length <= 2 && !endsWithStop && !sentenceHasReportingVerb && beforeEnd > 0 && isLetter(codePointBefore(before, beforeEnd))) return 'name';

  // A quotation that opens its sentence or follows ":" / "," / "that" is an utterance in its own right.
  if (beforeEnd === 0 || ':,;—–(-'.includes(lastChar) || previousWord === 'that' || '.!?'.includes(lastChar)) return 'speech';
  if (previousWord !== undefined && REPORTING_VERBS.has(previousWord) && words.length >= 5 && /^\p{Lu}/u.test(quoted)) return 'speech';
  return 'fragment';
}

const LETTER = /\p{L}/u;

function codePointBefore(s: string, end: number): number {
  const low = s.charCodeAt(end - 1);
  if (end >= 2 && (low & 0xfc00) === 0xdc00) {
    const high = s.charCodeAt(end - 2);
    if ((high & 0xfc00) === 0xd800) return ((high - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
  }
  return low;
}

function isLetter(codePoint: number): boolean {
  if (codePoint < 128) return (codePoint >= 65 && codePoint <= 90) || (codePoint >= 97 && codePoint <= 122);
  return LETTER.test(String.fromCodePoint(codePoint));
}

/** The last run of letters and hyphens in `s` before `end` (what /[\p{L}-]+/gu would match last). */
function lastWordBefore(s: string, end: number): string | undefined {
  const inWord = (codePoint: number): boolean => codePoint === 45 /* - */ || isLetter(codePoint);
  let i = end;
  while (i > 0 && !inWord(codePointBefore(s, i))) i -= codePointBefore(s, i) > 0xffff ? 2 : 1;
  const wordEnd = i;
  while (i > 0 && inWord(codePointBefore(s, i))) i -= codePointBefore(s, i) > 0xffff ? 2 : 1;
  return wordEnd > i ? s.slice(i, wordEnd) : undefined;
}
