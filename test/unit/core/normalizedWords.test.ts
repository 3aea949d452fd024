import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { normalizedWords } from '../../../server/src/core/tokens';
import { readRepoFile, ROOT } from '../testFiles';

/** Contractions the test text can spell, for the reference. */
const IRREGULAR = new Map([["can't", ['can', 'not']], ["won't", ['will', 'not']], ["let's", ['let', 'us']]]);

/** The regular-expression version the scanner replaced, kept as the reference. */
function byRegExp(text: string): string[] {
  const tails: Record<string, string> = { re: 'are', ve: 'have', ll: 'will', d: 'would', m: 'am' };
  const out: string[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}]+)*/gu)) {
    const w = m[0].toLowerCase().replace(/’/g, "'");
    if (IRREGULAR.has(w)) out.push(...IRREGULAR.get(w)!);
    else if (w.endsWith("n't")) out.push(w.slice(0, -3), 'not');
    else if (w.endsWith("'s")) out.push(w.slice(0, -2));
    else if (/'(?:re|ve|ll|d|m)$/.test(w)) out.push(w.slice(0, w.indexOf("'")), tails[w.slice(w.indexOf("'") + 1)]!);
    else out.push(w);
  }
  return out;
}

describe('normalized words', () => {
  it('are the words of the regular expression, on the seed stories', () => {
    for (const f of readdirSync(join(ROOT, 'samples', 'seeds'))) {
      const text = readRepoFile('samples', 'seeds', f);
      assert.deepEqual(normalizedWords(text), byRegExp(text));
    }
  });

  it('are the words of the regular expression, on text of letters, marks, digits, apostrophes and surrogates', () => {
    const pieces = ['a', 'Z', 'é', 'É', 'İ', 'ß', '\u0301', '7', '٣', "'", '’', ' ', '.', '-', '𝐀', '𝟙', '\ud835', '\udc00', 'n', 't', 's', 'd', 'I', 'Won', '日本'];
    fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => assert.deepEqual(normalizedWords(parts.join('')), byRegExp(parts.join('')))), { numRuns: 5000 });
  });

  it('expand contractions and fold case and apostrophes', () => {
    assert.deepEqual(normalizedWords('We Don’t, they won\'t; it\'s Putin’s “deal” we\'re at 9am'), ['we', 'do', 'not', 'they', 'will', 'not', 'it', 'putin', 'deal', 'we', 'are', 'at', '9am']);
  });

  it('read words that name properties of plain objects as words', () => {
    assert.deepEqual(normalizedWords('The constructor said toString'), ['the', 'constructor', 'said', 'tostring']);
  });
});
