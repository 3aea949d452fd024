// The word pattern of `tokenize`, [\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’.\-–](?=[\p{L}\p{N}])[\p{L}\p{M}\p{N}]*)*,
// by hand: a Unicode regular expression was a third of the analysis time. Code points are classified
// once each (see codePointClass.ts) and the scan never backtracks.
import { codePointClass as classAt, codePointWidth as widthAt, NUMBER, OTHER } from './codePointClass';

/** A letter or a number, the classes a word starts with. */
function isLetterOrNumber(text: string, i: number): boolean {
  return classAt(text, i) <= NUMBER;
}

function isJoiner(code: number): boolean {
  return code === 39 /* ' */ || code === 0x2019 || code === 46 /* . */ || code === 45 /* - */ || code === 0x2013;
}

function isAsciiLetterOrDigit(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
}

/** Where the word starting at `start` ends (it may pass the end of the stretch being read). */
export function wordEnd(text: string, start: number): number {
  let i = start + widthAt(text, start);
  const length = text.length;
  for (;;) {
    while (i < length) {
      const code = text.charCodeAt(i);
      if (code < 128) {
        if (!isAsciiLetterOrDigit(code)) break;
        i++;
      } else if (classAt(text, i) !== OTHER) i += widthAt(text, i);
      else break;
    }
    if (i + 1 < length && isJoiner(text.charCodeAt(i)) && isLetterOrNumber(text, i + 1)) i += 1;
    else return i;
  }
}

/** Where the first word that starts at or after `from` and before `limit` starts; -1 when none does. */
export function wordStart(text: string, from: number, limit: number): number {
  for (let i = from; i < limit; ) {
    const code = text.charCodeAt(i);
    if (code < 128) {
      if (isAsciiLetterOrDigit(code)) return i;
      i++;
    } else {
      if (isLetterOrNumber(text, i)) return i;
      i += widthAt(text, i);
    }
  }
  return -1;
}

/** The first word that starts at or after `from` and before `limit`, as [start, end); `end` may pass `limit`. */
export function nextWord(text: string, from: number, limit: number): { start: number; end: number } | undefined {
  const start = wordStart(text, from, limit);
  return start < 0 ? undefined : { start, end: wordEnd(text, start) };
}
