// The word pattern of `tokenize`, [\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’.\-–](?=[\p{L}\p{N}])[\p{L}\p{M}\p{N}]*)*,
// by hand: a Unicode regular expression was a third of the analysis time. Code points are classified
// once each (a table for the Basic Multilingual Plane) and the scan never backtracks.

const LETTER_OR_NUMBER = 1;
const MARK = 2;
const NEITHER = 4;
const LN = /[\p{L}\p{N}]/u;
const M = /\p{M}/u;

/** Classes of BMP code units, worked out on first sight (0: not yet). */
const bmp = new Uint8Array(0x10000);

function classify(codePoint: number): number {
  const c = String.fromCodePoint(codePoint);
  return LN.test(c) ? LETTER_OR_NUMBER : M.test(c) ? MARK : NEITHER;
}

function classAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code < 128) return isAsciiLetterOrDigit(code) ? LETTER_OR_NUMBER : NEITHER;
  if (code >= 0xd800 && code <= 0xdbff) {
    const point = text.codePointAt(i)!;
    return point > 0xffff ? classify(point) : NEITHER;
  }
  return bmp[code] || (bmp[code] = classify(code));
}

function widthAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  return code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
}

function isJoiner(code: number): boolean {
  return code === 39 /* ' */ || code === 0x2019 || code === 46 /* . */ || code === 45 /* - */ || code === 0x2013;
}

function isAsciiLetterOrDigit(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
}

/** Where the word starting at `start` ends. */
function wordEnd(text: string, start: number): number {
  let i = start + widthAt(text, start);
  const length = text.length;
  for (;;) {
    while (i < length) {
      const code = text.charCodeAt(i);
      if (code < 128) {
        if (!isAsciiLetterOrDigit(code)) break;
        i++;
      } else if (classAt(text, i) !== NEITHER) i += widthAt(text, i);
      else break;
    }
    if (i + 1 < length && isJoiner(text.charCodeAt(i)) && classAt(text, i + 1) === LETTER_OR_NUMBER) i += 1;
    else return i;
  }
}

/** The first word that starts at or after `from` and before `limit`, as [start, end); `end` may pass `limit`. */
export function nextWord(text: string, from: number, limit: number): { start: number; end: number } | undefined {
  for (let i = from; i < limit; ) {
    const code = text.charCodeAt(i);
    if (code < 128) {
      if (isAsciiLetterOrDigit(code)) return { start: i, end: wordEnd(text, i) };
      i++;
    } else {
      if (classAt(text, i) === LETTER_OR_NUMBER) return { start: i, end: wordEnd(text, i) };
      i += widthAt(text, i);
    }
  }
  return undefined;
}
