import { strict as assert } from 'node:assert';
import { diffWordsWithSpace } from 'diff';
import { WorkspaceIndex } from '../../../server/src/core/workspaceIndex';
import { wordDiff } from '../../../server/src/features/variantView';
import { repositoryStories } from '../testFiles';

/** The word differences as the diff library gives them, without any shortcut. */
function libraryDiff(root: string, version: string): Array<{ kind: string; text: string }> {
  return diffWordsWithSpace(root, version, { ignoreCase: true }).map((part) => ({ kind: part.added ? 'inserted' : part.removed ? 'dropped' : 'equal', text: part.value }));
}

describe('wordDiff', () => {
  it('gives what the diff library gives for every version of every group of the samples and fixtures, and for a copy of each', () => {
    const index = new WorkspaceIndex();
    index.setDocuments([...repositoryStories()].map(([uri, text]) => ({ uri, text })));
    let pairs = 0;
    let copies = 0;
    for (const group of index.variantGroups()) {
      const root = index.quote(group.rootKey)!.quote.text;
      for (const member of group.members) {
        const version = index.quote(member.key)!.quote.text;
        assert.deepEqual(wordDiff(root, version), libraryDiff(root, version), `${root} | ${version}`);
        assert.deepEqual(wordDiff(version, version), libraryDiff(version, version));
        pairs++;
        if (version === root) copies++;
      }
    }
    assert.ok(pairs > 100 && copies > 10, `${pairs} versions, ${copies} copies of their root`);
    for (const text of ['', ' ', 'a\n\nb', '“Yes,” he said.']) assert.deepEqual(wordDiff(text, text), libraryDiff(text, text));
  });
});
