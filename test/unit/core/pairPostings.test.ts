import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { pairOf, PairPostings } from '../../../server/src/core/pairPostings';

// Few distinct pairs and items, many operations: lists grow, shrink, empty and come back, and the table
// grows past its first size, so entries move and are deleted in the middle of probe runs.
const opArb = fc.record({ add: fc.boolean(), first: fc.nat(8), second: fc.nat(8), item: fc.nat(5), take: fc.nat(4) });

describe('pair postings', () => {
  it('hold the same items as a map of sets, and report each changed list with its length before', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 500, maxLength: 4000 }), (ops) => {
        // A small first table: it grows several times, and probe runs wrap around its end.
        const postings = new PairPostings(4);
        const model = new Map<number, Set<number>>();
        let before = new Map<number, number>();
        for (const { add, first, second, item, take } of ops) {
          const pair = pairOf(first * 1000, second);
          const set = model.get(pair) ?? new Set<number>();
          const size = set.size;
          if (add && !set.has(item)) {
            postings.add(pair, item);
            set.add(item);
          } else if (!add && set.has(item)) {
            postings.remove(pair, item);
            set.delete(item);
          } else continue;
          if (!before.has(pair)) before.set(pair, size);
          if (set.size > 0) model.set(pair, set);
          else model.delete(pair);
          if (take === 0) {
            const changes = new Map<number, number>();
            postings.takeChanges((changed, length) => changes.set(changed, length));
            assert.deepEqual(changes, before);
            before = new Map();
          }
        }
        for (const [pair, set] of model) {
          assert.equal(postings.size(pair), set.size);
          assert.deepEqual([...postings.items(pair)].sort(), [...set].sort());
          const visited: number[] = [];
          postings.forEachAt(pair, 2, (item) => visited.push(item));
          assert.deepEqual(visited.sort(), set.size <= 2 ? [...set].sort() : []);
        }
        postings.takeChanges(() => undefined);
        for (let first = 0; first <= 8; first++) {
          for (let second = 0; second <= 8; second++) {
            const pair = pairOf(first * 1000, second);
            if (!model.has(pair)) assert.equal(postings.size(pair), 0);
          }
        }
      }),
      { numRuns: 60, seed: 0x9a1 },
    );
  });
});
