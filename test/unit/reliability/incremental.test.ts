import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { defineJob, inMocha, runBounded } from './bounded';
import { freshIndex, replay, snapshot } from './indexSnapshot';
import { WorkspaceIndex } from '../../../server/src/core/workspaceIndex';
import { compactText } from '../../../server/src/compactText';
import { scenarioArb, STORY_URIS, type Op } from './storyArbitraries';

/** Scenarios that once failed (or nearly did) are replayed first on every run. */
const REGRESSIONS: ReadonlyArray<{ initial: boolean[]; ops: Op[] }> = [
  // Deleting the only document that declares an actor must re-analyse the others.
  { initial: [true, true, true], ops: [{ kind: 'delete', doc: 0 }] },
  // Declaring an actor in another document changes the speakers of this one.
  { initial: [false, true, false], ops: [{ kind: 'edit', doc: 1, at: 0, remove: 0, insert: '\n@actor Vladimir Putin [person]: Putin\n' }] },
  // An edit that splits a surrogate pair leaves lone surrogates in the text.
  { initial: [false, false, true], ops: [{ kind: 'edit', doc: 2, at: 0.5, remove: 0, insert: '😀' }, { kind: 'edit', doc: 2, at: 0.5, remove: 1, insert: '' }] },
  // A delimiter typed into a plain file turns it into a story; removing the document and re-creating it.
  { initial: [true, false, true], ops: [{ kind: 'edit', doc: 2, at: 0, remove: 0, insert: '=== Y ===' }, { kind: 'delete', doc: 2 }, { kind: 'create', doc: 2, base: 0 }] },
];

const regressionsJob = defineJob('incremental: regressions', (progress) => {
  for (const scenario of REGRESSIONS) {
    progress(scenario);
    const { index, texts } = replay(scenario.initial, scenario.ops);
    assert.deepEqual(snapshot(index), snapshot(freshIndex(texts)), JSON.stringify(scenario));
  }
});

const randomJob = defineJob('incremental: random sequences', (progress) => {
  let operations = 0;
  fc.assert(
    fc.property(scenarioArb(8), (scenario) => {
      progress(scenario);
      operations += scenario.ops.length;
      const { index, texts } = replay(scenario.initial, scenario.ops);
      assert.deepEqual(snapshot(index), snapshot(freshIndex(texts)));
    }),
    { numRuns: 2000, seed: 0x5eed1, endOnFailure: true },
  );
  assert.ok(operations >= 2000, `${operations} operations`);
});

const readingJob = defineJob('incremental: reading between changes', (progress) => {
  fc.assert(
    fc.property(scenarioArb(6), (scenario) => {
      progress(scenario);
      const { index, texts } = replay(scenario.initial, scenario.ops, (i) => {
        i.variantGroups();
        i.groupsOf('file:///ws/a.articles#a0q0');
        i.quotes();
        i.actors();
      });
      assert.deepEqual(snapshot(index), snapshot(freshIndex(texts)));
    }),
    { numRuns: 300, seed: 0x5eed2, endOnFailure: true },
  );
});

// Stories nobody has open keep their text compact (as in the server): some are opened and closed
// between the changes, and the closed ones are compacted at every pause.
const compactJob = defineJob('incremental: closed stories kept compact', (progress) => {
  let compacted = 0;
  fc.assert(
    fc.property(scenarioArb(6), fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), (scenario, opens) => {
      progress(scenario);
      const index = new WorkspaceIndex();
      const open = new Set<string>();
      index.rememberOnly((uri) => open.has(uri), { compact: compactText });
      let step = 0;
      const { texts } = replay(
        scenario.initial,
        scenario.ops,
        (i) => {
          const uri = STORY_URIS[step % STORY_URIS.length]!;
          if (opens[step++ % opens.length]) open.add(uri);
          else open.delete(uri);
          i.rememberOnly((u) => open.has(u), { compact: compactText });
          i.compactClosed();
          compacted += i.documents().filter((d) => !open.has(d.uri)).length;
        },
        index,
      );
      index.compactClosed();
      for (const [uri, text] of texts) assert.equal(index.get(uri)!.text, text, uri);
      for (const doc of index.documents()) assert.equal(doc.story.text, texts.get(doc.uri));
      assert.deepEqual(snapshot(index), snapshot(freshIndex(texts)));
    }),
    { numRuns: 300, seed: 0x5eed3, endOnFailure: true },
  );
  assert.ok(compacted > 300, `${compacted} closed documents`);
});

if (inMocha) {
  describe('reliability: the incremental index equals a fresh build', function () {
    this.timeout(120000);
    it('after the regression scenarios', () => runBounded(regressionsJob, 20000));
    it('after 2,000 random sequences of edits, creations and deletions of up to three stories', () => runBounded(randomJob, 90000));
    it('when derived data is read between the changes (no stale cache survives a change)', () => runBounded(readingJob, 30000));
    it('when closed stories keep their text compact, opened and closed between the changes', () => runBounded(compactJob, 30000));
  });
}
