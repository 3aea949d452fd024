/** Stands for ’ in a packed string: the typographic apostrophe of names would make it two bytes a character. */
const APOSTROPHE = '\u0004';

/**
 * `text` as a string of one byte a character when all its characters fit, with ’ (names keep
 * apostrophes as ’) written as \u0004. For strings the index keeps: V8 keeps a string built from
 * pieces of a two-byte text (any curly quote makes one) two bytes a character, whatever it holds.
 * `text` must not hold \u0004; `unpackText` gives it back.
 */
export function packText(text: string): string {
  const codes = new Uint8Array(text.length);
  for (let k = 0; k < text.length; k++) {
    const code = text.charCodeAt(k);
    if (code === 0x2019) codes[k] = 4;
    else if (code > 0xff) return text;
    else codes[k] = code;
  }
  let out = '';
  for (let k = 0; k < codes.length; k += 4096) out += String.fromCharCode(...codes.subarray(k, k + 4096));
  return out;
}

export function unpackText(packed: string): string {
  return packed.includes(APOSTROPHE) ? packed.replace(/\u0004/g, '’') : packed;
}
