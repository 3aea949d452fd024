import type { Span } from './model';
import { nextWord } from './wordScanner';

export { normalizedWords } from './normalizedWords';

export interface Token extends Span {
  /** The word as written, without a possessive ending. */
  readonly text: string;
  /** `text` in lower case, worked out once: the rules look words up in lower case many times. */
  readonly lower: string;
  readonly capitalized: boolean;
  readonly possessive: boolean;
  /** Punctuation written directly after the word (",", ":", "."), if any. */
  readonly after: string;
}

const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'st', 'gen', 'sen', 'rep', 'gov', 'jr', 'sr', 'prof', 'col', 'lt', 'sgt', 'capt', 'adm', 'no', 'vs', 'etc', 'inc', 'ltd', 'co', 'corp']);

/**
 * Word tokens of a stretch of text, with offsets. Initialisms keep their dots (U.S.), a few title
 * abbreviations too (St., Mr.); a possessive 's is split off and flagged.
 */
export function tokenize(text: string, span: Span): Token[] {
  const tokens: Token[] = [];
  let word: { start: number; end: number } | undefined;
  let from = span.start;
  while ((word = nextWord(text, from, span.end)) !== undefined) {
    let end = Math.min(word.end, span.end);
    let raw = text.slice(word.start, end);
    from = word.end;
    if (text.charCodeAt(end) === 46 /* . */ && (INITIALISM.test(raw) || ABBREVIATIONS.has(raw.toLowerCase()))) {
      raw += '.';
      end += 1;
      from = end;
    }
    let possessive = false;
    let textOut = raw;
    const last = raw.charCodeAt(raw.length - 1);
    const beforeLast = raw.charCodeAt(raw.length - 2);
    if (raw.length > 2 && last === 115 /* s */ && (beforeLast === 39 || beforeLast === 0x2019)) {
      possessive = true;
      textOut = raw.slice(0, -2);
    } else if (last === 115 && (text.charCodeAt(end) === 39 || text.charCodeAt(end) === 0x2019) && !isLetter(text[end + 1])) {
      possessive = true;
    }
    let afterEnd = end;
    const limit = Math.min(span.end, end + 4);
    while (afterEnd < limit && isPunctuationLike(text.charCodeAt(afterEnd), text[afterEnd]!)) afterEnd++;
    tokens.push({ start: word.start, end, text: textOut, lower: textOut.toLowerCase(), capitalized: isUpper(raw[0]!), possessive, after: afterEnd > end ? text.slice(end, afterEnd) : '' });
  }
  return tokens;
}

const INITIALISM = /^(?:\p{Lu}\.)+\p{Lu}$/u;
const LETTER = /\p{L}/u;
const UPPER = /\p{Lu}/u;
const WORD_OR_SPACE = /[\s\p{L}\p{N}]/u;

function isLetter(c: string | undefined): boolean {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  if (code < 128) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return LETTER.test(c);
}

function isUpper(c: string): boolean {
  const code = c.charCodeAt(0);
  if (code < 128) return code >= 65 && code <= 90;
  return UPPER.test(c);
}

/** Not white space, a letter or a digit: punctuation written right after a word. */
function isPunctuationLike(code: number, c: string): boolean {
  if (code < 128) return !((code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 32 || (code >= 9 && code <= 13));
  return !WORD_OR_SPACE.test(c);
}

export const NEGATIONS = new Set(['not', 'no', 'never', 'nobody', 'nothing', 'none', 'neither', 'nor', 'nowhere', 'cannot']);
