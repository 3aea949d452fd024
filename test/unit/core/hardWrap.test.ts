import { strict as assert } from 'node:assert';
import { parseStory } from '../../../server/src/core/storyParser';
import { analyzeStory } from '../../../server/src/core/storyAnalyzer';

const wrapped = [
  '=== The Valley Post ===',
  '',
  'The council met on Tuesday evening to discuss the new bridge over the',
  'river. Councillor Anna Berg said: "We have waited twenty years for this',
  'bridge, and we will not wait another twenty." The vote was close, with',
  'six members in favour and five against the plan put forward last spring.',
  '',
  'Opponents of the plan warned that the costs had doubled since the first',
  'estimate was published, and asked for an independent review of the',
  'figures before any contract is signed by the council or its partners.',
].join('\n');

describe('hard-wrapped articles', () => {
  it('a quotation runs across a line break inside a paragraph', () => {
    const analysis = analyzeStory(parseStory(wrapped), []);
    assert.equal(analysis.quotes.length, 1);
    assert.equal(analysis.quotes[0]!.text, 'We have waited twenty years for this\nbridge, and we will not wait another twenty.');
    assert.equal(analysis.quotes[0]!.speaker, 'Anna Berg');
    assert.equal(analysis.problems.filter((p) => p.code === 'quote.unbalanced').length, 0);
  });

  it('an unbalanced mark in wrapped text ends with its paragraph, not the article', () => {
    const broken = wrapped.replace('"We have', 'We have');
    const analysis = analyzeStory(parseStory(broken), []);
    const problems = analysis.problems.filter((p) => p.code === 'quote.unbalanced');
    assert.equal(problems.length, 1);
    assert.ok(analysis.quotes.every((q) => q.span.end < broken.indexOf('Opponents')));
  });
});

describe('empty quotations (regression: a nested quote after "" pointed at itself and hung the analysis)', () => {
  it('renumbers parents after dropping an empty quotation', () => {
    const text = '=== A ===\n\nShe wrote "" and then said "I told him \'never again\' twice," before leaving.';
    const analysis = analyzeStory(parseStory(text), []);
    const outer = analysis.quotes.find((q) => q.text.startsWith('I told him'))!;
    const inner = analysis.quotes.find((q) => q.text === 'never again')!;
    assert.equal(inner.parentId, outer.id);
    assert.equal(outer.parentId, undefined);
  });
});
