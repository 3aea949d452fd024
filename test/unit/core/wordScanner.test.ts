import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { nextWord } from '../../../server/src/core/wordScanner';
import { textWithStretch } from './textArbitraries';

// The pattern the scanner replaces: it stays here as the oracle.
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’.\-–](?=[\p{L}\p{N}])[\p{L}\p{M}\p{N}]*)*/gu;

function byRegex(text: string, from: number, limit: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  WORD.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = WORD.exec(text)) !== null && m.index < limit) out.push([m.index, m.index + m[0].length]);
  return out;
}

function byScanner(text: string, from: number, limit: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let w = nextWord(text, from, limit); w; w = nextWord(text, w.end, limit)) out.push([w.start, w.end]);
  return out;
}

// Letters of several scripts, digits, combining marks, joiners, non-BMP letters and emoji, lone surrogates.
const PIECES = ['a', 'Z', 'é', 'ß', 'İ', 'ж', 'ع', '中', '٣', '7', '\u0301', '\u0650', "'", '’', '.', '-', '–', ' ', ',', '“', '𝐀', '𐐷', '😀', '👩‍👩‍👧', '\ud800', '\udc00', '\u2028', '\t'];

describe('word scanner', () => {
  it('finds the same words as the regular expression it replaces, on random Unicode', () => {
    fc.assert(
      fc.property(textWithStretch(PIECES, 60), ({ text, start: from, end: limit }) => {
        // Spans never start inside a surrogate pair (there the regex backs up to the pair's start).
        const splitsPair = from > 0 && /[\ud800-\udbff]/.test(text[from - 1]!) && /[\udc00-\udfff]/.test(text[from] ?? '');
        fc.pre(!splitsPair);
        assert.deepEqual(byScanner(text, from, limit), byRegex(text, from, limit));
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps joined words whole and stops before a lone joiner', () => {
    const text = "Jean-Luc O’Neill's U.S. well– re-";
    assert.deepEqual(
      byScanner(text, 0, text.length).map(([s, e]) => text.slice(s, e)),
      ['Jean-Luc', 'O’Neill\'s', 'U.S', 'well', 're'],
    );
  });
});
