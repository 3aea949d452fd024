import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { quoteKind, type QuoteKind } from '../../../server/src/core/quoteKind';
import { NAMING_CUES, REPORTING_VERBS } from '../../../server/src/core/vocabulary';

// The regular-expression version the hand-written checks replace: it stays here as the oracle.
const WORDS = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
function byRegex(quoted: string, before: string, sentenceHasReportingVerb: boolean): QuoteKind {
  const words: string[] = [];
  for (const m of quoted.matchAll(WORDS)) if (words.push(m[0]) > 6) break;
  const trimmedBefore = before.trimEnd();
  const previousWord = trimmedBefore.match(/[\p{L}-]+/gu)?.pop()?.toLowerCase();
  const lastChar = trimmedBefore.slice(-1);
  const endsWithStop = /[.!?…,;]$/u.test(quoted.trimEnd());
  const titleCase = words.length > 0 && words.every((w) => /^[\p{Lu}\p{N}]/u.test(w) || w.length <= 3);
  const endsSentence = /[.!?…;]$/u.test(quoted.trimEnd());
  if (words.length <= 6 && !endsSentence && titleCase && previousWord !== undefined && NAMING_CUES.has(previousWord)) return 'name';
  if (words.length <= 2 && !endsWithStop && !sentenceHasReportingVerb && /[\p{L}]$/u.test(trimmedBefore)) return 'name';
  if (trimmedBefore === '' || /[:,;—–(\-]$/u.test(lastChar) || previousWord === 'that' || /[.!?]$/u.test(lastChar)) return 'speech';
  if (previousWord !== undefined && REPORTING_VERBS.has(previousWord) && words.length >= 5 && /^\p{Lu}/u.test(quoted)) return 'speech';
  return 'fragment';
}

// Words that decide (cues, verbs, "that"), letters of several scripts, hyphens, stops, every kind of
// white space trimEnd cuts, non-BMP letters, emoji and lone surrogates.
const PIECES = [
  ...[...NAMING_CUES].slice(0, 4), ...[...REPORTING_VERBS].slice(0, 4), 'that', 'That', 'Putin', 'the', 'war', 'ß', 'İ', 'жена', '𝐀𝐁', '😀',
  '-', '—', '–', '(', ':', ',', ';', '.', '!', '?', '…', "'", '’', '7', '٣', 'é', '\u0301', 'Ab', 'abcd', ' ', '\u00a0', '\u2028', '\u3000', '\ufeff', '\t', '\n', '\ud800', '\udc00',
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 14 }).map((p) => p.join(''));

describe('quote kind', () => {
  it('tells the same kinds as the regular expressions it replaces, on random words, marks and white space', () => {
    fc.assert(
      fc.property(text, text, fc.boolean(), (quoted, before, verb) => {
        assert.equal(quoteKind(quoted, before, verb), byRegex(quoted, before, verb), `quoted ${JSON.stringify(quoted)}, before ${JSON.stringify(before)}`);
      }),
      { numRuns: 20000 },
    );
  });

  it('reads the samples as before: a name after "dubbed", speech after a colon, a fragment inside a sentence', () => {
    assert.equal(quoteKind('Operation Rising Lion', 'what Israel dubbed ', false), 'name');
    assert.equal(quoteKind('We are ready to talk.', 'Putin said: ', true), 'speech');
    assert.equal(quoteKind('ready', 'the Kremlin is ', false), 'name');
    assert.equal(quoteKind('an immediate ceasefire', 'he called for ', false), 'fragment');
  });
});
