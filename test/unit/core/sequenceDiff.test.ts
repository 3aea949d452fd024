import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { diffArrays } from 'diff';
import fc from 'fast-check';
import { diffSequences, PartKind, type DiffPart } from '../../../server/src/core/sequenceDiff';
import { normalizedWords } from '../../../server/src/core/tokens';
import { join } from 'node:path';
import { readRepoFile, ROOT } from '../testFiles';

/** The parts jsdiff's `diffArrays` finds, in the shape of `diffSequences`. */
function jsdiffParts<T>(old: T[], next: T[]): DiffPart[] {
  let oldStart = 0;
  let newStart = 0;
  return diffArrays(old, next).map((part) => {
    const kind = part.added ? PartKind.Added : part.removed ? PartKind.Removed : PartKind.Equal;
    const out = { kind, count: part.count, oldStart, newStart };
    if (kind !== PartKind.Added) oldStart += part.count;
    if (kind !== PartKind.Removed) newStart += part.count;
    return out;
  });
}

describe('sequence diff', () => {
  it('finds the parts jsdiff finds, on lists of few distinct items', () => {
    const list = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 24 });
    fc.assert(
      fc.property(list, list, (old, next) => assert.deepEqual(diffSequences(old, next), jsdiffParts(old, next))),
      { numRuns: 3000 },
    );
  });

  it('finds the parts jsdiff finds, between the sentences of the seed stories', () => {
    const sentences = readdirSync(join(ROOT, 'samples', 'seeds'))
      .flatMap((f) => readRepoFile('samples', 'seeds', f).split(/[.!?]\s|\n+/))
      .map((s) => normalizedWords(s))
      .filter((words) => words.length > 0);
    assert.ok(sentences.length > 100, `${sentences.length} sentences`);
    for (let k = 0; k + 1 < sentences.length; k++) {
      const [a, b] = [sentences[k]!, sentences[k + 1]!];
      assert.deepEqual(diffSequences(a, b), jsdiffParts(a, b));
      // A sentence with a word dropped and one changed: the diffs grouping meets most.
      const variant = [...a.slice(0, 2), 'changed', ...a.slice(3)];
      assert.deepEqual(diffSequences(a, variant), jsdiffParts(a, variant));
      assert.deepEqual(diffSequences(variant, a.concat(b)), jsdiffParts(variant, a.concat(b)));
    }
  });

  it('gives no parts for two empty lists, one part when one is empty', () => {
    assert.deepEqual(diffSequences([], []), []);
    assert.deepEqual(diffSequences([], [1, 2]), [{ kind: PartKind.Added, count: 2, oldStart: 0, newStart: 0 }]);
    assert.deepEqual(diffSequences([1, 2], []), [{ kind: PartKind.Removed, count: 2, oldStart: 0, newStart: 0 }]);
  });
});
