import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { GroupingIndex } from '../../../server/src/core/groupingIndex';
import { DEFAULT_GROUPING, groupQuotes, type GroupableQuote, type GroupingOptions, type QuoteGroup } from '../../../server/src/core/variantGrouper';

// Quotes cut from a few sentences, sometimes with a word changed or an elision mark: most pairs relate.
const SENTENCES = [
  'we will not accept any deal that leaves the region without peace',
  'the talks in geneva ended without a deal on the border',
  'peace in the region is our first and last goal',
];
const WORDS = ['deal', 'peace', 'border', 'the', 'not', 'geneva'];
const DOCS = ['file:///a', 'file:///b', 'file:///c', 'file:///d'];

const wordsArb = fc
  .record({ sentence: fc.nat(SENTENCES.length - 1), start: fc.nat(10), length: fc.integer({ min: 1, max: 11 }), change: fc.option(fc.record({ at: fc.nat(10), word: fc.constantFrom(...WORDS) }), { freq: 3 }) })
  .map(({ sentence, start, length, change }) => {
    const words = SENTENCES[sentence]!.split(' ').slice(start, start + length);
    if (change && words.length > 0) words[change.at % words.length] = change.word;
    return words;
  });
const quoteArb = fc.record({ words: wordsArb, elided: fc.nat(4).map((n) => n === 0), article: fc.nat(1) });
type QuoteSpec = { words: string[]; elided: boolean; article: number };
const docArb = fc.array(quoteArb, { maxLength: 7 });

type Step = { kind: 'set'; doc: number; quotes: QuoteSpec[] } | { kind: 'edit'; doc: number; at: number; quote: QuoteSpec } | { kind: 'remove'; doc: number } | { kind: 'read'; at: number };
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), doc: fc.nat(DOCS.length - 1), quotes: docArb }),
  fc.record({ kind: fc.constant('edit' as const), doc: fc.nat(DOCS.length - 1), at: fc.nat(), quote: quoteArb }),
  fc.record({ kind: fc.constant('remove' as const), doc: fc.nat(DOCS.length - 1) }),
  fc.record({ kind: fc.constant('read' as const), at: fc.nat() }),
);

function quotesOf(doc: number, specs: readonly QuoteSpec[]): GroupableQuote[] {
  return specs.map((q, k) => ({ id: `${DOCS[doc]}#q${k}`, articleKey: `${DOCS[doc]}#${q.article}`, words: q.words, elided: q.elided }));
}

/** Replays the steps on one index, reading groups between changes; returns it with the final documents. */
function replay(steps: readonly Step[], options: GroupingOptions): { index: GroupingIndex; docs: Map<number, QuoteSpec[]> } {
  const index = new GroupingIndex(options);
  const docs = new Map<number, QuoteSpec[]>();
  for (const step of steps) {
    if (step.kind === 'read') {
      const ids = [...docs].flatMap(([doc, specs]) => quotesOf(doc, specs).map((q) => q.id));
      if (ids.length > 0) index.groupsOf(ids[step.at % ids.length]!);
      if (step.at % 3 === 0) index.groups();
      // Idle-time work, a slice or two at a time.
      if (step.at % 4 === 1) index.prepare(1 + (step.at % 3));
      continue;
    }
    if (step.kind === 'remove') docs.delete(step.doc);
    else if (step.kind === 'set') docs.set(step.doc, step.quotes);
    else {
      const specs = [...(docs.get(step.doc) ?? [])];
      specs[specs.length === 0 ? 0 : step.at % specs.length] = step.quote;
      docs.set(step.doc, specs);
    }
    index.setDocument(DOCS[step.doc]!, quotesOf(step.doc, docs.get(step.doc) ?? []));
  }
  return { index, docs };
}

/** A fresh index over the documents, given in reverse order: the order of arrival must not matter. */
function fresh(docs: ReadonlyMap<number, QuoteSpec[]>, options: GroupingOptions): GroupingIndex {
  const index = new GroupingIndex(options);
  for (const doc of [...docs.keys()].sort((a, b) => b - a)) index.setDocument(DOCS[doc]!, quotesOf(doc, docs.get(doc)!));
  return index;
}

function checkIncremental(options: GroupingOptions, seed: number, numRuns = 400): void {
  fc.assert(
    fc.property(fc.array(stepArb, { minLength: 1, maxLength: 14 }), (steps) => {
      const { index, docs } = replay(steps, options);
      const expected = fresh(docs, options);
      const ids = [...docs].flatMap(([doc, specs]) => quotesOf(doc, specs).map((q) => q.id));
      const groupsOf = (id: string): QuoteGroup[] => expected.groups().filter((g) => g.memberIds.includes(id));
      // Quote by quote first: the incremental index, then a fresh one, relate only what each quote reaches.
      for (const id of ids) assert.deepEqual(index.groupsOf(id), groupsOf(id), id);
      const lazy = fresh(docs, options);
      for (const id of ids) assert.deepEqual(lazy.groupsOf(id), groupsOf(id), id);
      assert.deepEqual(index.groups(), expected.groups());
      assert.deepEqual(lazy.groups(), expected.groups());
      // Prepared a slice at a time from the start, then read.
      const prepared = fresh(docs, options);
      let slices = 0;
      while (!prepared.prepare(2)) assert.ok(++slices <= 2 * ids.length + 2, 'prepare does not end');
      assert.deepEqual(prepared.groups(), expected.groups());
      const grouped = new Set(expected.groups().flatMap((g) => g.memberIds));
      assert.equal(prepared.groupedCount(), grouped.size);
      const inSomeGroup = index.groupedTest();
      for (const id of ids) assert.equal(inSomeGroup(id), grouped.has(id), id);
    }),
    { numRuns, seed, endOnFailure: true },
  );
}

describe('grouping index', () => {
  it('after random changes (read or not in between) equals a fresh index, groups and groups of each quote', () => {
    checkIncremental(DEFAULT_GROUPING, 0x6a0);
  });

  it('equals a fresh index when posting lists cross maxPosting both ways', () => {
    // Relations found through a list that grows too long are dropped, found again when it shrinks: rarer.
    checkIncremental({ ...DEFAULT_GROUPING, maxPosting: 2 }, 0x6a1, 2500);
  });

  it('equals a fresh index with low thresholds (quotes of equal length inside each other)', () => {
    checkIncremental({ ...DEFAULT_GROUPING, minShared: 0.3, minSharedShort: 0.5 }, 0x6a2);
  });

  it('regroups when a document keeps its quotes in another order', () => {
    const q = (id: string, article: string, text: string): GroupableQuote => ({ id, articleKey: article, words: text.split(' '), elided: false });
    const first = [q('x', 'A', 'peace in the region is our goal'), q('y', 'B', 'peace in the region is our first goal')];
    const index = new GroupingIndex(DEFAULT_GROUPING);
    index.setDocument('doc', first);
    assert.equal(index.groups()[0]?.rootId, 'y');
    const swapped = [first[1]!, first[0]!];
    index.setDocument('doc', swapped);
    assert.deepEqual(index.groups(), groupQuotes(swapped));
    assert.deepEqual(index.groups()[0]?.memberIds, ['y', 'x']);
  });

  it('groups a quote with its truncation and puts a compound quote in as a container', () => {
    const q = (id: string, article: string, text: string): GroupableQuote => ({ id, articleKey: article, words: text.split(' '), elided: false });
    const groups = groupQuotes([
      q('a', 'A', 'we will not accept any deal that leaves the region without peace'),
      q('b', 'B', 'we will not accept any deal that leaves the region'),
      q('c', 'C', 'the talks in geneva ended without a deal on the border and we will not accept any deal that leaves the region without peace today'),
    ]);
    assert.deepEqual(groups, [{ memberIds: ['a', 'b', 'c'], rootId: 'a', containerIds: ['c'] }]);
  });

  it('never groups the copies of a quote within one article, however many', () => {
    const copies = Array.from({ length: 5000 }, (_, k): GroupableQuote => ({ id: `q${k}`, articleKey: 'one', words: ['peace', 'in', 'the', 'region'], elided: false }));
    assert.deepEqual(groupQuotes(copies), []);
    const other: GroupableQuote = { id: 'x', articleKey: 'two', words: ['peace', 'in', 'the', 'region'], elided: false };
    const [group] = groupQuotes([...copies, other]);
    assert.equal(group?.memberIds.length, 5001);
  });

  it('groups a quote copied into more articles than maxPosting', () => {
    const copies = Array.from({ length: DEFAULT_GROUPING.maxPosting + 100 }, (_, k): GroupableQuote => ({ id: `q${k}`, articleKey: `a${k}`, words: ['peace', 'is', 'our', 'goal'], elided: k % 2 === 0 }));
    const groups = groupQuotes(copies);
    assert.equal(groups.length, 1);
    assert.equal(groups[0]!.memberIds.length, copies.length);
  });

  it('leaves out quotes of one word and quotes of stop words only', () => {
    const q = (id: string, article: string, words: string[]): GroupableQuote => ({ id, articleKey: article, words, elided: false });
    assert.deepEqual(groupQuotes([q('a', 'A', ['peace']), q('b', 'B', ['peace']), q('c', 'A', ['we', 'will']), q('d', 'B', ['we', 'will'])]), []);
  });
});
