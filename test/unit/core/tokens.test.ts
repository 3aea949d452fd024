import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { tokenize, type Token } from '../../../server/src/core/tokens';
import { wordClasses } from '../../../server/src/core/vocabulary';
import { nextWord } from '../../../server/src/core/wordScanner';
import { textWithStretch } from './textArbitraries';

// The tokenizer as it was written with a regular expression per character: it stays here as the oracle
// of the hand-written one.
const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'st', 'gen', 'sen', 'rep', 'gov', 'jr', 'sr', 'prof', 'col', 'lt', 'sgt', 'capt', 'adm', 'no', 'vs', 'etc', 'inc', 'ltd', 'co', 'corp']);
const INITIALISM = /^(?:\p{Lu}\.)+\p{Lu}$/u;
const isLetter = (c: string | undefined): boolean => c !== undefined && /\p{L}/u.test(c);
const isPunctuationLike = (c: string): boolean => !/[\s\p{L}\p{N}]/u.test(c);

function byRegex(text: string, span: { start: number; end: number }): Token[] {
  const tokens: Token[] = [];
  let word: { start: number; end: number } | undefined;
  let from = span.start;
  while ((word = nextWord(text, from, span.end)) !== undefined) {
    let end = Math.min(word.end, span.end);
    let raw = text.slice(word.start, end);
    from = word.end;
    if (text[end] === '.' && (INITIALISM.test(raw) || ABBREVIATIONS.has(raw.toLowerCase()))) {
      raw += '.';
      end += 1;
      from = end;
    }
    let possessive = false;
    let textOut = raw;
    if (raw.length > 2 && /['’]s$/.test(raw)) {
      possessive = true;
      textOut = raw.slice(0, -2);
    } else if (raw.endsWith('s') && /['’]/.test(text[end] ?? '') && !isLetter(text[end + 1])) {
      possessive = true;
    }
    let afterEnd = end;
    while (afterEnd < Math.min(span.end, end + 4) && isPunctuationLike(text[afterEnd]!)) afterEnd++;
    const lower = textOut.toLowerCase();
    tokens.push({ start: word.start, end, text: textOut, lower, capitalized: /^\p{Lu}/u.test(raw[0]!), possessive, classes: wordClasses(lower), after: text.slice(end, afterEnd) });
  }
  return tokens;
}

// Letters of several scripts and cases, digits, marks, joiners, dots, apostrophes, possessives, punctuation, surrogates.
const PIECES = ['a', 's', 'Z', 'U', '.', 'É', 'é', 'ß', 'İ', 'Ж', 'ж', 'ع', '中', '٣', '7', '\u0301', "'", '’', "'s", '’s', '-', '–', ' ', '\u00a0', ',', ':', '“', '”', '!', '…', '𝐀', '😀', '\ud800', '\udc00', '\t', 'Mr', 'St', 'co'];

describe('tokens', () => {
  it('tokenizes as the regular expressions it replaces, on random Unicode', () => {
    fc.assert(
      fc.property(textWithStretch(PIECES, 50), ({ text, start, end }) => {
        assert.deepEqual(tokenize(text, { start, end }), byRegex(text, { start, end }));
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps the dots of initialisms and titles and splits possessives off', () => {
    const text = 'Mr. Smith’s U.S. trip, the players’ union.';
    assert.deepEqual(
      tokenize(text, { start: 0, end: text.length }).map((t) => [t.text, t.lower, t.capitalized, t.possessive, t.after]),
      [
        ['Mr.', 'mr.', true, false, ''],
        ['Smith', 'smith', true, true, ''],
        ['U.S.', 'u.s.', true, false, ''],
        ['trip', 'trip', false, false, ','],
        ['the', 'the', false, false, ''],
        ['players', 'players', false, true, '’'],
        ['union', 'union', false, false, '.'],
      ],
    );
  });
});
