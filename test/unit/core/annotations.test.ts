import { strict as assert } from 'node:assert';
import { ProblemCode } from '../../../server/src/core/model';
import { WorkspaceIndex } from '../../../server/src/core/workspaceIndex';

const story = (header: string): string =>
  [
    '@actor Jane Okafor [person]: the minister, Okafor',
    '=== The Harbour Gazette ===',
    'title: Port strike talks',
    header,
    '',
    'Union leader Tom Reyes said the talks had failed. “We will not go back to work,” he said.',
    'A spokesperson added that “the offer stands” and called the strike “Operation Slowdown”.',
  ].join('\n');

describe('annotations', () => {
  it('an @speaker annotation wins over the detected speaker, by alias too', () => {
    const index = new WorkspaceIndex();
    index.setDocument('file:///a.articles', story('@speaker "We will not go back to work" = the minister'));
    const quote = [...index.quotes().values()].find((r) => r.quote.text.startsWith('We will not'))!.quote;
    assert.equal(quote.speaker, 'Jane Okafor');
    assert.equal(quote.attribution?.method, 'annotation');
  });

  it('without the annotation the speaker comes from the text', () => {
    const index = new WorkspaceIndex();
    index.setDocument('file:///a.articles', story('date: 2026-01-02'));
    const quote = [...index.quotes().values()].find((r) => r.quote.text.startsWith('We will not'))!.quote;
    assert.equal(quote.speaker, 'Tom Reyes');
  });

  it('@ignore removes a quote, and an anchor that matches nothing is reported, never moved', () => {
    const index = new WorkspaceIndex();
    index.setDocument('file:///a.articles', story('@ignore "Operation Slowdown"\n@speaker "words nobody said" = Tom Reyes'));
    const doc = index.get('file:///a.articles')!;
    assert.ok(!doc.analysis.quotes.some((q) => q.text === 'Operation Slowdown'));
    assert.equal(doc.analysis.ignoredQuotes.length, 1);
    const stale = doc.analysis.problems.filter((p) => p.code === ProblemCode.StaleAnnotation);
    assert.equal(stale.length, 1);
    assert.match(doc.text.slice(stale[0]!.span.start, stale[0]!.span.end), /^@speaker "words nobody said"/);
    assert.ok(doc.analysis.quotes.every((q) => q.attribution?.method !== 'annotation'));
  });

  it('declared actors apply across the workspace and the index equals a fresh build after changes', () => {
    const index = new WorkspaceIndex();
    index.setDocument('file:///decl.articles', '@actor Tom Reyes [person]: the union boss\n=== Notes ===\n\nNothing here.');
    index.setDocument('file:///b.articles', '=== The Ledger ===\n\n“No deal,” the union boss said.');
    const speaker = (i: WorkspaceIndex): string | null => [...i.quotes().values()].find((r) => r.uri === 'file:///b.articles')!.quote.speaker;
    assert.equal(speaker(index), 'Tom Reyes');
    index.removeDocument('file:///decl.articles');
    assert.equal(speaker(index), null);
    const fresh = new WorkspaceIndex();
    fresh.setDocument('file:///b.articles', '=== The Ledger ===\n\n“No deal,” the union boss said.');
    assert.deepEqual(index.get('file:///b.articles')!.analysis.quotes, fresh.get('file:///b.articles')!.analysis.quotes);
  });
});

describe('grouping settings', () => {
  it('a higher similarity threshold and a minimum quote length change the groups', () => {
    const index = new WorkspaceIndex();
    index.setDocument('file:///a.articles', '=== A ===\n\n“We will rebuild the bridge before the winter comes,” the mayor said. She called it “a disgrace”.');
    index.setDocument('file:///b.articles', '=== B ===\n\n“We will rebuild that bridge before winter,” the mayor said. Critics said it was “a disgrace”.');
    const sizes = (): number[] => index.variantGroups().map((g) => g.members.length).sort();
    assert.deepEqual(sizes(), [2, 2]);
    index.configure({ minimumWords: 3 });
    assert.deepEqual(sizes(), [2]);
    index.configure({ grouping: { minShared: 0.95, minSharedShort: 0.95, shortQuoteWords: 5, maxPosting: 400 } });
    assert.deepEqual(sizes(), [2], 'the exact short quote still groups');
    index.configure({ grouping: { minShared: 0.95, minSharedShort: 0.95, shortQuoteWords: 5, maxPosting: 400 }, minimumWords: 3 });
    assert.deepEqual(sizes(), []);
  });
});
