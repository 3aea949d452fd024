import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { readSeeds, StoryGenerator } from '../../../bench/generate';
import type { ActorMention } from '../../../server/src/core/actorFinder';
import type { ActorKind } from '../../../server/src/core/model';
import { WorkspaceIndex, type WorkspaceActor } from '../../../server/src/core/workspaceIndex';
import { random } from '../../lsp/reliabilityClient';
import { repositoryStories, ROOT } from '../testFiles';

// The walk over every document the kept-per-document list replaces: it stays here as the oracle.
function walkActors(index: WorkspaceIndex): { actors: WorkspaceActor[]; first: Map<string, { uri: string; mention: ActorMention }> } {
  const byName = new Map<string, { kind: ActorKind; declared: boolean; forms: Map<string, number> }>();
  const first = new Map<string, { uri: string; mention: ActorMention }>();
  for (const doc of index.documents()) {
    for (const info of doc.analysis.actors.values()) {
      const entry = byName.get(info.name) ?? { kind: info.kind, declared: info.declared, forms: new Map<string, number>() };
      if (info.declared) entry.declared = true;
      for (const alias of info.declaredAliases) entry.forms.set(alias, entry.forms.get(alias) ?? 0);
      byName.set(info.name, entry);
    }
    for (const m of doc.analysis.mentions) {
      const entry = byName.get(m.actor);
      if (!entry) continue;
      entry.forms.set(m.text, (entry.forms.get(m.text) ?? 0) + 1);
      if (!first.has(m.actor)) first.set(m.actor, { uri: doc.uri, mention: m });
    }
  }
  const actors = [...byName.entries()]
    .map(([name, e]) => ({ name, kind: e.kind, declared: e.declared, aliases: [...e.forms.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([form]) => form) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { actors, first };
}

function assertSameActors(index: WorkspaceIndex, when: string): void {
  const expected = walkActors(index);
  // Read first, while the records of the names changed are not made again yet.
  for (const actor of expected.actors) assert.equal(index.actorKind(actor.name), actor.kind, `${when}: kind of ${actor.name}`);
  assert.equal(index.actorKind('Nobody Ever Named'), undefined);
  assert.deepEqual(index.actors(), expected.actors, when);
  for (const actor of expected.actors) {
    assert.deepEqual(index.firstMentionOf(actor.name), expected.first.get(actor.name), `${when}: first mention of ${actor.name}`);
    assert.deepEqual(index.actor(actor.name), actor, `${when}: ${actor.name}`);
    assert.equal(index.actors()[index.actorPositions().get(actor.name)!]!.name, actor.name);
  }
  const docs = index.documents();
  assert.deepEqual(
    index.counts(),
    { documents: docs.length, articles: docs.reduce((n, d) => n + d.story.articles.length, 0), quotes: index.quotes().size, actors: expected.actors.length, groups: index.variantGroups().length },
    `${when}: counts`,
  );
  const speakers = new Set([...index.quotes().values()].map((r) => r.quote.speaker).filter((s): s is string => s !== null));
  for (const speaker of speakers) assert.deepEqual(index.quotesBy(speaker), [...index.quotes().values()].filter((r) => r.quote.speaker === speaker), `${when}: quotes by ${speaker}`);
}

describe('workspace actors, speakers and counts, kept per document', () => {
  it('lists the same actors, forms, first mentions, quotes by speaker and counts as a walk over every document, through edits and removals', () => {
    const generator = new StoryGenerator(readSeeds(join(ROOT, 'samples', 'seeds')));
    const texts = new Map([...repositoryStories(), ...Array.from({ length: 12 }, (_, s) => [`file:///bench/story-${s}.articles`, generator.text(s)] as const)]);
    const index = new WorkspaceIndex();
    for (const [uri, text] of texts) index.setDocument(uri, text);
    assertSameActors(index, 'after indexing');
    const next = random(0xac7);
    const uris = [...texts.keys()];
    const pieces = ['e', ' ', 'Putin ', ' Maria Lopez said ', 'the president ', '\n\n', 'Trump'];
    for (let n = 0; n < 60; n++) {
      const uri = uris[Math.floor(next() * uris.length)]!;
      const doc = index.get(uri);
      if (!doc || next() < 0.1) {
        if (doc) index.removeDocument(uri);
        else index.setDocument(uri, texts.get(uri)!);
      } else {
        const at = Math.floor(next() * doc.text.length);
        index.setDocument(uri, doc.text.slice(0, at) + pieces[Math.floor(next() * pieces.length)]! + doc.text.slice(at + Math.floor(next() * 3)));
      }
      // Some of the work done ahead, in idle-time slices, as the server does.
      if (n % 3 === 0) index.prepareActors(5);
      assertSameActors(index, `after change ${n} of ${uri}`);
    }
  });
});
