import { codePointClass as classAt, codePointWidth as widthAt, LETTER as LETTER_CLASS, NUMBER } from './codePointClass';
import { endWithoutSpace } from './lines';
import { isUpperCaseUnit } from './tokens';
import { NAMING_CUES, REPORTING_VERBS } from './vocabulary';

export type QuoteKind = 'speech' | 'fragment' | 'name';

/**
 * Tells a quoted utterance from a few quoted words inside the reporter's sentence and from a quoted
 * name or scare quote. `before` is the text of the sentence (outside quotations) up to the opening mark.
 */
export function quoteKind(quoted: string, before: string, sentenceHasReportingVerb: boolean): QuoteKind {
  // Only short quotations are told apart by their words: seven are enough to know one is not short.
  const { count: words, titleCase } = firstWords(quoted, 7);
  const beforeEnd = endWithoutSpace(before);
  const previousWord = lastWordBefore(before, beforeEnd)?.toLowerCase();
  const lastChar = before.charAt(beforeEnd - 1);
  const lastQuoted = quoted.charAt(endWithoutSpace(quoted) - 1);
  const endsWithStop = '.!?…,;'.includes(lastQuoted) && lastQuoted !== '';

  const endsSentence = '.!?…;'.includes(lastQuoted) && lastQuoted !== '';
  if (words <= 6 && !endsSentence && titleCase && previousWord !== undefined && NAMING_CUES.has(previousWord)) return 'name';
  if (words <= 2 && !endsWithStop && !sentenceHasReportingVerb && beforeEnd > 0 && isLetter(codePointBefore(before, beforeEnd))) return 'name';

  // A quotation that opens its sentence or follows ":" / "," / "that" is an utterance in its own right.
  if (beforeEnd === 0 || ':,;—–(-'.includes(lastChar) || previousWord === 'that' || '.!?'.includes(lastChar)) return 'speech';
  if (previousWord !== undefined && REPORTING_VERBS.has(previousWord) && words >= 5 && /^\p{Lu}/u.test(quoted)) return 'speech';
  return 'fragment';
}

const LETTER = /\p{L}/u;
const UPPER = /\p{Lu}/u;

/**
 * How many words `quoted` holds (as the expression [\p{L}\p{N}]+(?:['’]\p{L}+)* finds them), up to
 * `max`, and whether each of those starts with a capital or a digit or is three characters or shorter.
 */
function firstWords(quoted: string, max: number): { count: number; titleCase: boolean } {
  let count = 0;
  let titleCase = true;
  for (let i = 0; i < quoted.length && count < max; ) {
    const start = i;
    if (classAt(quoted, i) > NUMBER) {
      i += widthAt(quoted, i);
      continue;
    }
    do i += widthAt(quoted, i);
    while (i < quoted.length && classAt(quoted, i) <= NUMBER);
    while (i + 1 < quoted.length && isApostrophe(quoted.charCodeAt(i)) && classAt(quoted, i + 1) === LETTER_CLASS) {
      i += 1;
      do i += widthAt(quoted, i);
      while (i < quoted.length && classAt(quoted, i) === LETTER_CLASS);
    }
    count++;
    if (i - start > 3 && !startsWithCapitalOrDigit(quoted, start)) titleCase = false;
  }
  return { count, titleCase: count > 0 && titleCase };
}

function isApostrophe(code: number): boolean {
  return code === 39 || code === 0x2019;
}

/** At the start of a word: a number, or an upper-case letter. */
function startsWithCapitalOrDigit(s: string, i: number): boolean {
  if (classAt(s, i) === NUMBER) return true;
  const code = s.charCodeAt(i);
  if (code < 128) return code >= 65 && code <= 90;
  return widthAt(s, i) === 1 ? isUpperCaseUnit(code) : UPPER.test(String.fromCodePoint(s.codePointAt(i)!));
}

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
