import { strict as assert } from 'node:assert';
import { quoteKey, WorkspaceIndex } from '../../../server/src/core/workspaceIndex';
import { groupSummary } from '../../../server/src/features/variantView';

const article = (source: string, quote: string): string => `=== ${source} ===\n\nThe minister said: “${quote}” and left.\n`;
const A = 'file:///a.articles';
const B = 'file:///b.articles';

function keyOf(index: WorkspaceIndex, uri: string): string {
  const quote = index.get(uri)!.analysis.quotes.find((q) => q.kind !== 'name')!;
  return quoteKey(uri, quote);
}

function fresh(texts: Record<string, string>): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const [uri, text] of Object.entries(texts)) index.setDocument(uri, text);
  return index;
}

describe('workspace index: variant groups after an edit', () => {
  it('a re-punctuated quote keeps its group but is compared again', () => {
    const index = fresh({ [A]: article('Gazette', 'We will not accept this deal today'), [B]: article('Herald', 'We will not accept this deal today') });
    const [before] = index.groupsOf(keyOf(index, B));
    assert.equal(before?.members.find((m) => m.key === keyOf(index, B))?.comparison.type, 'identical');
    const edited = article('Herald', 'We will not accept this deal, today');
    index.setDocument(B, edited);
    const [after] = index.groupsOf(keyOf(index, B));
    assert.equal(after?.members.find((m) => m.key === keyOf(index, B))?.comparison.type, 'punctuation');
    assert.deepEqual(index.variantGroups(), fresh({ [A]: article('Gazette', 'We will not accept this deal today'), [B]: edited }).variantGroups());
  });

  it('prepares the groups a few documents at a time, to the same groups', () => {
    const texts = { [A]: article('Gazette', 'We will not accept this deal today'), [B]: article('Herald', 'We will not accept this deal today') };
    const index = fresh(texts);
    assert.equal(index.prepareGroups(1), false);
    assert.equal(index.prepareGroups(1), true);
    assert.deepEqual(index.groupsOf(keyOf(index, A)), fresh(texts).groupsOf(keyOf(index, A)));
    assert.deepEqual(index.variantGroups(), fresh(texts).variantGroups());
  });

  it('a quote edited out of its group leaves it, and the group of one article is gone', () => {
    const index = fresh({ [A]: article('Gazette', 'We will not accept this deal today'), [B]: article('Herald', 'We will not accept this deal today') });
    assert.equal(index.groupsOf(keyOf(index, A)).length, 1);
    index.setDocument(B, article('Herald', 'Nothing about the harbour was said'));
    assert.deepEqual(index.groupsOf(keyOf(index, A)), []);
    assert.deepEqual(index.variantGroups(), []);
  });

  it('an edit outside quotation marks keeps the groups built, and an edited source shows in their summary', () => {
    const C = 'file:///c.articles';
    const index = fresh({ [A]: article('Gazette', 'We will not accept this deal today'), [B]: article('Herald', 'We will not accept this deal today'), [C]: article('Post', 'Some other words entirely here') });
    const [before] = index.groupsOf(keyOf(index, A));
    assert.match(groupSummary(index, before!), /^quoted by 2 of 3 sources; 1 identical$/);
    // Outside the quotation: the same group object (its comparisons are not made again).
    index.setDocument(B, article('Herald', 'We will not accept this deal today').replace('and left', 'and went home'));
    assert.equal(index.groupsOf(keyOf(index, A))[0], before);
    // A source renamed: the group stays, its summary follows.
    index.setDocument(A, article('Post', 'We will not accept this deal today'));
    const [renamed] = index.groupsOf(keyOf(index, A));
    assert.equal(renamed, before);
    assert.deepEqual(index.memberSources(renamed!), ['Post', 'Herald']);
    assert.match(groupSummary(index, renamed!), /^quoted by 2 of 2 sources; 1 identical$/);
    // Inside the quotation: the group is built again, with the new wording compared.
    index.setDocument(B, article('Herald', 'We will not accept this deal, today'));
    const [rebuilt] = index.groupsOf(keyOf(index, A));
    assert.notEqual(rebuilt, before);
    assert.match(groupSummary(index, rebuilt!), /^quoted by 2 of 2 sources; 1 punctuation$/);
  });
});
