import { strict as assert } from 'node:assert';
import { WorkspaceIndex } from '../../../server/src/core/workspaceIndex';
import { random } from '../../lsp/reliabilityClient';
import { bigStory } from '../../soak/bigStory';
import { repositoryStories } from '../testFiles';

// `quote(key)` searches a document's quotes by the order of their ids: that order must hold in every
// analysis, or a quote would silently not be found.
function assertEveryQuoteFound(index: WorkspaceIndex, uri: string, when: string): number {
  const refs = index.quotesOf(uri);
  for (const ref of refs) assert.equal(index.quote(ref.key), ref, `${when}: ${ref.key}`);
  return refs.length;
}

describe('WorkspaceIndex.quote', () => {
  it('finds every quote of the samples and fixtures by its key', () => {
    const index = new WorkspaceIndex();
    const stories = repositoryStories();
    for (const [uri, text] of stories) index.setDocument(uri, text);
    let found = 0;
    for (const uri of stories.keys()) found += assertEveryQuoteFound(index, uri, uri);
    assert.ok(found > 100, `only ${found} quotes in the repository's stories`);
  });

  it('finds every quote of a large story through random edits (thousands of quotes, ids past q1024)', () => {
    const index = new WorkspaceIndex();
    const uri = 'file:///soak/story.articles';
    // Two articles from the samples, then one with 1,500 quotations (ids past q1024 are not shared).
    const many = Array.from({ length: 1500 }, (_, i) => `Ivanov said “we will talk about point ${i} tomorrow”.`).join(' ');
    let text = `${bigStory(2, 20 * 1024)}\n=== Outlet 03 ===\ntitle: Many\n\n${many}\n`;
    const next = random(0x9e7);
    const pieces = ['“', '”', '"', '\n', 'a ', '😀', '\n---\nsource: X\n\n'];
    for (let n = 0; n < 40; n++) {
      index.setDocument(uri, text);
      const quotes = assertEveryQuoteFound(index, uri, `edit ${n}`);
      if (n === 0) assert.ok(quotes > 1024, `the story has only ${quotes} quotes`);
      const at = Math.floor(next() * text.length);
      text = text.slice(0, at) + pieces[Math.floor(next() * pieces.length)]! + text.slice(at + Math.floor(next() * 3));
    }
  });

  it('finds nothing for a key that names no quote', () => {
    const index = new WorkspaceIndex();
    const [[uri, text]] = [...repositoryStories()].slice(0, 1) as [[string, string]];
    index.setDocument(uri, text);
    const first = index.quotesOf(uri)[0]!;
    assert.equal(index.quote(first.key), first);
    for (const id of ['a0q999999', 'a999q0', 'a00q0', 'a0q00', 'a0q', 'aq0', 'x0q0', '', 'a0q0x']) {
      assert.equal(index.quote(`${uri}#${id}`), undefined, id);
    }
    assert.equal(index.quote(`file:///nowhere.articles#${first.quote.id}`), undefined);
    assert.equal(index.quote(first.quote.id), undefined);
  });
});
