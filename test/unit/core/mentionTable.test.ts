import { strict as assert } from 'node:assert';
import type { ActorMention } from '../../../server/src/core/actorFinder';
import { MentionTable } from '../../../server/src/core/mentionTable';
import { WorkspaceIndex } from '../../../server/src/core/workspaceIndex';
import { repositoryStories } from '../testFiles';

/** Every story of the repository with its mentions as plain objects. */
function storiesWithMentions(): Array<{ uri: string; text: string; mentions: ActorMention[] }> {
  const index = new WorkspaceIndex();
  const stories = repositoryStories();
  index.setDocuments([...stories].map(([uri, text]) => ({ uri, text })));
  return [...stories].map(([uri, text]) => ({ uri, text, mentions: [...index.get(uri)!.analysis.mentions] }));
}

describe('MentionTable', () => {
  const stories = storiesWithMentions();

  it('gives back every mention of the samples and fixtures as it was packed', () => {
    let count = 0;
    const vias = new Set<string>();
    for (const { text, mentions } of stories) {
      const table = MentionTable.of(mentions);
      assert.equal(table.length, mentions.length);
      assert.deepEqual([...table], mentions);
      mentions.forEach((m, i) => {
        assert.equal(table.actor(i), m.actor);
        assert.equal(table.via(i), m.via);
        assert.equal(table.articleIndex(i), m.articleIndex);
        // The analysis's mention texts are the words of the story.
        assert.equal(text.slice(table.start(i), table.end(i)), table.text(i));
        vias.add(m.via);
      });
      count += mentions.length;
    }
    assert.ok(count > 500, `only ${count} mentions`);
    assert.ok(vias.size >= 6, `only ${[...vias].join(', ')}`);
  });

  it('finds the mention at every offset as a scan of the list does', () => {
    for (const { text, mentions } of stories) {
      const table = MentionTable.of(mentions);
      for (let offset = -1; offset <= text.length + 1; offset++) {
        assert.deepEqual(table.mentionAt(offset), mentions.find((m) => m.start <= offset && offset <= m.end), `offset ${offset}`);
      }
      assert.equal(table.mentionAt(Number.NaN), undefined);
    }
  });

  it('lists an actor\'s mentions, its first one and an article\'s, as filters of the list do', () => {
    for (const { mentions } of stories) {
      const table = MentionTable.of(mentions);
      for (const actor of new Set(mentions.map((m) => m.actor))) {
        assert.deepEqual(table.mentionsOf(actor), mentions.filter((m) => m.actor === actor));
        assert.deepEqual(table.firstOf(actor), mentions.find((m) => m.actor === actor));
        assert.deepEqual(table.firstOf(actor, (via) => via === 'surname'), mentions.find((m) => m.actor === actor && m.via === 'surname'));
      }
      for (const index of new Set(mentions.map((m) => m.articleIndex))) assert.deepEqual(table.inArticle(index), mentions.filter((m) => m.articleIndex === index));
      assert.deepEqual(table.mentionsOf('Nobody At All'), []);
      assert.equal(table.firstOf('Nobody At All'), undefined);
    }
    assert.equal(MentionTable.of([]), MentionTable.EMPTY);
  });
});
