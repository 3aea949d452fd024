import type { Span } from './model';
import { wordClasses } from './vocabulary';
import { wordEnd, wordStart } from './wordScanner';

export { normalizedWords } from './normalizedWords';

export interface Token extends Span {
  /** The word as written, without a possessive ending. */
  readonly text: string;
  /** `text` in lower case, worked out once: the rules look words up in lower case many times. */
  readonly lower: string;
  readonly capitalized: boolean;
  readonly possessive: boolean;
  /** The vocabulary lists `lower` is in (`wordClasses`). */
  readonly classes: number;
  /** Punctuation written directly after the word (",", ":", "."), if any. */
  readonly after: string;
}

/** Whether the token's lower-case form is in any of the vocabulary lists `wordClasses` (bits) names. */
export function inClass(token: Token, wordClasses: number): boolean {
  return (token.classes & wordClasses) !== 0;
}

const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'st', 'gen', 'sen', 'rep', 'gov', 'jr', 'sr', 'prof', 'col', 'lt', 'sgt', 'capt', 'adm', 'no', 'vs', 'etc', 'inc', 'ltd', 'co', 'corp']);

/**
 * Word tokens of a stretch of text, with offsets. Initialisms keep their dots (U.S.), a few title
 * abbreviations too (St., Mr.); a possessive 's is split off and flagged.
 */
export function tokenize(text: string, span: Span): Token[] {
  const tokens: Token[] = [];
  let start: number;
  let from = span.start;
  while ((start = wordStart(text, from, span.end)) >= 0) {
    const wordEnds = wordEnd(text, start);
    let end = Math.min(wordEnds, span.end);
    from = wordEnds;
    if (text.charCodeAt(end) === 46 /* . */ && mayKeepItsDot(text, start, end) && keepsItsDot(text.slice(start, end))) {
      end += 1;
      from = end;
    }
    let textEnd = end;
    let possessive = false;
    if (text.charCodeAt(end - 1) === 115 /* s */) {
      if (end - start > 2 && isApostrophe(text.charCodeAt(end - 2))) {
        possessive = true;
        textEnd = end - 2;
      } else possessive = isApostrophe(text.charCodeAt(end)) && !hasTrait(text.charCodeAt(end + 1), LETTER);
    }
    const word = text.slice(start, textEnd);
    let afterEnd = end;
    const limit = Math.min(span.end, end + 4);
    while (afterEnd < limit && hasTrait(text.charCodeAt(afterEnd), PUNCTUATION_LIKE)) afterEnd++;
    const lower = lowerCase(word);
    tokens.push({ start, end, text: word, lower, capitalized: hasTrait(text.charCodeAt(start), UPPER), possessive, classes: wordClasses(lower), after: afterEnd > end ? text.slice(end, afterEnd) : '' });
  }
  return tokens;
}

/**
 * Whether the word text[start, end) could be an initialism (a dot after its first letter) or one of
 * the abbreviations (four letters at most): the test spares most words ending a sentence a slice.
 */
function mayKeepItsDot(text: string, start: number, end: number): boolean {
  return end - start <= LONGEST_ABBREVIATION || text.charCodeAt(start + 1) === 46 || text.charCodeAt(start + 2) === 46;
}

const LONGEST_ABBREVIATION = Math.max(...[...ABBREVIATIONS].map((a) => a.length));

/** Whether a word followed by "." keeps it: an initialism (U.S.) or a title abbreviation (St., Mr.). */
function keepsItsDot(word: string): boolean {
  return INITIALISM.test(word) || ABBREVIATIONS.has(word.toLowerCase());
}

/** `word.toLowerCase()`, without the call for a word already in lower-case ASCII (most are, and the text is often two bytes a character, where the call is slow). */
function lowerCase(word: string): string {
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code < 97 || code > 122) return word.toLowerCase();
  }
  return word;
}

function isApostrophe(code: number): boolean {
  return code === 39 || code === 0x2019;
}

const INITIALISM = /^(?:\p{Lu}\.)+\p{Lu}$/u;

// What `tokenize` asks of a single UTF-16 code unit (a surrogate is none of these), worked out once per
// code unit: a Unicode regular expression per character was most of the tokenizer's time.
const KNOWN = 1;
const LETTER = 2;
const UPPER = 4;
/** Not white space, a letter or a digit: punctuation written right after a word. */
const PUNCTUATION_LIKE = 8;
const traits = new Uint8Array(0x10000);

/** Whether one UTF-16 code unit on its own is an upper-case letter (/\p{Lu}/u on it; a surrogate is not). */
export function isUpperCaseUnit(code: number): boolean {
  return hasTrait(code, UPPER);
}

function hasTrait(code: number, trait: number): boolean {
  // NaN (past the end of the text) has none.
  if (!(code >= 0)) return false;
  return ((traits[code] || (traits[code] = traitsOf(String.fromCharCode(code)))) & trait) !== 0;
}

function traitsOf(c: string): number {
  return KNOWN | (/\p{L}/u.test(c) ? LETTER : 0) | (/\p{Lu}/u.test(c) ? UPPER : 0) | (/[\s\p{L}\p{N}]/u.test(c) ? 0 : PUNCTUATION_LIKE);
}

export const NEGATIONS = new Set(['not', 'no', 'never', 'nobody', 'nothing', 'none', 'neither', 'nor', 'nowhere', 'cannot']);
