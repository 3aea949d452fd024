import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { scanQuotes } from '../../../server/src/core/quoteScanner';
import { parseStory } from '../../../server/src/core/storyParser';
import { WorkspaceIndex } from '../../../server/src/core/workspaceIndex';
import { defineJob, inMocha, runBounded } from './bounded';

/** Paragraphs made mostly of quote marks, so nesting, continuation and stray marks all occur. */
const marksArb = fc
  .array(fc.constantFrom('“', '”', '"', "'", '‘', '’', '«', '»', '„', '‹', '›', 'a', 'i', 'x', ' ', ' ', '.', ',', '\n', '\n\n', '\r\n'), { minLength: 1, maxLength: 40 })
  .map((a) => a.join(''));

/** The nesting the scanner returns must be a tree over the returned list, so walking up always ends. */
function checkTree(text: string): void {
  const story = parseStory(text);
  for (const article of story.articles) {
    const { quotes } = scanQuotes(text, article.paragraphs);
    quotes.forEach((q, i) => {
      if (q.parent === undefined) return;
      assert.ok(q.parent < i, `quote ${i} (at ${q.open}) names quote ${q.parent} as its parent, which does not come before it, in ${JSON.stringify(text)}`);
      const parent = quotes[q.parent]!;
      assert.ok(parent.open < q.open && q.end <= parent.end, `quote ${i} at ${q.open}-${q.end} is not inside its parent at ${parent.open}-${parent.end}, in ${JSON.stringify(text)}`);
    });
  }
}

const treeJob = defineJob('scanner nesting is a tree', (progress) => {
  // Found by the position property: the first paragraph's empty quotation is dropped from the list, but
  // the nested quote of the next paragraph kept its old parent index, which then pointed at itself.
  for (const text of ['“\n\'i ”x', '“\n\'i »x', '“\n\'i ›x']) {
    progress(text);
    checkTree(text);
  }
  fc.assert(
    fc.property(marksArb, (text) => {
      progress(text);
      checkTree(text);
    }),
    { numRuns: 3000, seed: 0x5eed5 },
  );
});

const analysisJob = defineJob('analysis ends on nested quotes after a dropped one', (progress) => {
  for (const text of ['“\n\'i ”x', '“\n\'i »x', '“\n\'i ›x', '=== A ===\n\n“\n\n‘so “x']) {
    progress(text);
    // The analysis looped forever when a parent index pointed at the quote itself.
    new WorkspaceIndex().setDocument('file:///x.articles', text);
  }
});

if (inMocha) {
  describe('reliability: quotation nesting', function () {
    this.timeout(60000);
    it('the scanner’s parent indexes form a tree over the quotes it returns', () => runBounded(treeJob, 30000));
    it('analysing “\\n\'i ”x ends (an empty first quotation, then a nested one)', () => runBounded(analysisJob, 10000));
  });
}
