// What the word patterns of the scanners need to know of a code point: letter (\p{L}), number (\p{N}),
// mark (\p{M}) or other. Each code point is classified once (a table for the Basic Multilingual Plane);
// a Unicode regular expression per character was a third of the analysis time.

export const LETTER = 1;
export const NUMBER = 2;
export const MARK = 3;
export const OTHER = 4;
const L = /\p{L}/u;
const N = /\p{N}/u;
const M = /\p{M}/u;

/** Classes of BMP code units, worked out on first sight (0: not yet). */
const bmp = new Uint8Array(0x10000);

function classify(codePoint: number): number {
  const c = String.fromCodePoint(codePoint);
  return L.test(c) ? LETTER : N.test(c) ? NUMBER : M.test(c) ? MARK : OTHER;
}

/** The class of the code point at `i` (a lone surrogate is `OTHER`). */
export function codePointClass(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) ? LETTER : code >= 48 && code <= 57 ? NUMBER : OTHER;
  if (code >= 0xd800 && code <= 0xdbff) {
    const point = text.codePointAt(i)!;
    return point > 0xffff ? classify(point) : OTHER;
  }
  return bmp[code] || (bmp[code] = classify(code));
}

/** Code units of the code point at `i`: 2 for a surrogate pair. */
export function codePointWidth(text: string, i: number): number {
  const code = text.charCodeAt(i);
  return code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
}
