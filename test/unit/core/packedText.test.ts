import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { unpackPersons, packPersons, type NamedPerson } from '../../../server/src/core/namedPersons';
import { packText, unpackText } from '../../../server/src/core/packedText';

/** Characters names are made of, with the apostrophes, accents and scripts the stories hold. */
const nameChar = fc.constantFrom(...'abcXYZéßçñ’\'-.Пжй中'.split(''));
const word = fc.array(nameChar, { minLength: 1, maxLength: 8 }).map((cs) => cs.join(''));

describe('packed text', () => {
  it('gives back the text it packed, whatever its characters', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }).filter((t) => !t.includes('\u0004')), (text) => assert.equal(unpackText(packText(text)), text)));
  });

  it('writes ’ in one byte, and leaves a text with other wide characters as it is', () => {
    const story = '“Ali Khamenei’s aides,” she said.';
    const packed = packText(story.slice(1, 15));
    assert.equal(packed, 'Ali Khamenei\u0004s');
    assert.ok([...packed].every((c) => c.charCodeAt(0) <= 0xff));
    assert.equal(packText('Путин’s'), 'Путин’s');
  });

  it('keeps an article’s persons, with their tokens, country and roles', () => {
    const person = fc.record(
      { tokens: fc.array(word, { minLength: 1, maxLength: 4 }), country: fc.option(word, { nil: undefined }), roles: fc.array(word, { maxLength: 3 }) },
      { requiredKeys: ['tokens', 'roles'] },
    );
    fc.assert(
      fc.property(fc.array(person, { maxLength: 5 }), (drafts) => {
        const persons: NamedPerson[] = drafts.map(({ tokens, country, roles }) => ({ name: tokens.join(' '), tokens, roles, ...(country ? { country } : {}) }));
        assert.deepEqual(unpackPersons(packPersons(persons)), persons);
      }),
    );
  });
});
