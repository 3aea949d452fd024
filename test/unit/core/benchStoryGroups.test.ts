import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { diffArrays } from 'diff';
import { readSeeds, StoryGenerator } from '../../../bench/generate';
import { diffSequences, PartKind } from '../../../server/src/core/sequenceDiff';
import { WorkspaceIndex } from '../../../server/src/core/workspaceIndex';
import { ROOT } from '../testFiles';

// The stories of the benchmark's workspaces: the text the grouping was made faster on.
const generator = new StoryGenerator(readSeeds(join(ROOT, 'samples', 'seeds')));

describe('variant groups of the benchmark stories', () => {
  it('every diff the grouper makes between their quotes has the parts of jsdiff', () => {
    const quotes = generator.quotes(1500).filter((q) => q.words.length >= 2);
    let compared = 0;
    for (let i = 0; i < quotes.length; i++) {
      for (let j = i + 1; j < Math.min(quotes.length, i + 12); j++) {
        const [a, b] = [quotes[i]!.words as string[], quotes[j]!.words as string[]];
        const expected = diffArrays(a, b).map((p) => ({ kind: p.added ? PartKind.Added : p.removed ? PartKind.Removed : PartKind.Equal, count: p.count }));
        assert.deepEqual(
          diffSequences(a, b).map(({ kind, count }) => ({ kind, count })),
          expected,
        );
        compared++;
      }
    }
    assert.ok(compared > 10000);
  });

  it('members are typed when first read, once, and read like plain objects', () => {
    const index = new WorkspaceIndex();
    for (let s = 0; s < 40; s++) index.setDocument(`file:///bench/story-${s}.articles`, generator.text(s));
    const groups = index.variantGroups();
    assert.ok(groups.length > 40, `${groups.length} groups`);
    const types = new Set<string>();
    for (const group of groups) {
      assert.ok(group.members.some((m) => m.key === group.rootKey));
      for (const member of group.members) {
        types.add(member.comparison.type);
        // Read again through another path, the same comparison object.
        const again = index.groupsOf(member.key).find((g) => g.id === group.id)!.members.find((m) => m.key === member.key)!;
        assert.equal(again.comparison, member.comparison);
        assert.deepEqual(JSON.parse(JSON.stringify(again)), { key: member.key, container: member.container, comparison: member.comparison });
      }
    }
    const root = groups[0]!.members.find((m) => m.key === groups[0]!.rootKey)!;
    assert.equal(root.comparison.type, 'identical');
    assert.ok(types.size >= 4, [...types].join(', '));
  });
});
