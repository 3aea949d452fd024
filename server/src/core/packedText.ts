/** Stands for ’ in a packed string: the typographic apostrophe of names would make it two bytes a character. */
const APOSTROPHE = '\u0004';

/**
 * `text` as a string of one byte a character when all its characters fit, with ’ (names keep
 * apostrophes as ’) written as \u0004. For strings the index keeps: V8 keeps a string built from
 * pieces of a two-byte text (any curly quote makes one) two bytes a character, whatever it holds.
 * `text` must not hold \u0004; `unpackText` gives it back.
 */
export function packText(text: string): string {
  if (WIDE.test(text)) return text;
  // Decoding UTF-8 makes a string of one byte a character when every character fits in one.
  return utf8Decoder.decode(utf8Encoder.encode(text.replace(/’/g, APOSTROPHE)));
}

/** A character other than ’ that does not fit in one byte. */
const WIDE = /[^\u0000-\u00ff’]/;
const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();

export function unpackText(packed: string): string {
  return packed.includes(APOSTROPHE) ? packed.replace(/\u0004/g, '’') : packed;
}
