import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import * as vocabulary from '../../../server/src/core/vocabulary';

const { wordClasses } = vocabulary;
const LISTS: ReadonlyArray<readonly [ReadonlySet<string>, number]> = [
  [vocabulary.NOT_NAMES, vocabulary.NOT_NAME],
  [vocabulary.TITLES, vocabulary.TITLE],
  [vocabulary.REPORTING_VERBS, vocabulary.REPORTING_VERB],
  [vocabulary.PERSONAL_PRONOUNS, vocabulary.PERSONAL_PRONOUN],
  [vocabulary.ROLE_NOUNS, vocabulary.ROLE_NOUN],
  [vocabulary.ORGANIZATION_HEADS, vocabulary.ORGANIZATION_HEAD],
  [vocabulary.PLACE_HEADS, vocabulary.PLACE_HEAD],
];

/** The bits as the sets say. */
function bySets(word: string): number {
  let bits = 0;
  for (const [list, bit] of LISTS) if (list.has(word)) bits |= bit;
  return bits;
}

describe('vocabulary', () => {
  it('word classes say which lists every listed word is in', () => {
    for (const [list] of LISTS) for (const word of list) assert.equal(wordClasses(word), bySets(word), word);
  });

  it('word classes are the sets’ answer for any other word: prefixes, extensions, other scripts', () => {
    const listed = LISTS.flatMap(([list]) => [...list]);
    const pieces = ['s', 'ed', '.', '-', 'e', 'x', 'é', '’', 'ж', '', ...listed.slice(0, 40)];
    fc.assert(
      fc.property(fc.constantFrom(...listed), fc.nat(), fc.constantFrom(...pieces), (word, cut, piece) => {
        for (const variant of [word.slice(0, cut % (word.length + 1)), word + piece, piece + word, piece]) assert.equal(wordClasses(variant), bySets(variant), variant);
      }),
      { numRuns: 2000 },
    );
  });
});
