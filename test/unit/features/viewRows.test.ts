import { strict as assert } from 'node:assert';
import { WorkspaceIndex } from '../../../server/src/core/workspaceIndex';
import { pageOf, ViewRows } from '../../../server/src/features/viewRows';
import { listActors, listGroups, listQuotes, listSources } from '../../../server/src/features/views';
import type { Page, PageParams } from '../../../server/src/protocol';
import { repositoryStories } from '../testFiles';

/** Every row of a paged list, fetched `size` rows at a time. */
function allPages<T>(size: number, fetch: (page: PageParams) => Page<T>): T[] {
  const rows: T[] = [];
  for (;;) {
    const page = fetch({ offset: rows.length, limit: size });
    rows.push(...page.items);
    if (page.items.length === 0 || rows.length >= page.total) {
      assert.equal(rows.length, page.total, 'the pages do not add up to the total');
      return rows;
    }
    assert.equal(page.items.length, size, 'a page before the last is short');
  }
}

describe('ViewRows (the views’ paged lists)', () => {
  const index = new WorkspaceIndex();
  index.setDocuments([...repositoryStories()].map(([uri, text]) => ({ uri, text })));
  const rows = new ViewRows(index);
  const scopes: Array<string | undefined> = [undefined, ...index.uris()];

  it('cuts pages whatever offset and limit it is given', () => {
    const list = [1, 2, 3, 4, 5];
    const page = (params: PageParams): number[] => pageOf(list, params, (n) => n * 10).items;
    assert.deepEqual(page({ offset: 1, limit: 2 }), [20, 30]);
    assert.deepEqual(page({ offset: 4, limit: 9 }), [50]);
    assert.deepEqual(page({ offset: 9 }), []);
    assert.deepEqual(page({ offset: -3, limit: 1.7 }), [10]);
    assert.deepEqual(page({ offset: Number.NaN, limit: 0 }), []);
    assert.deepEqual(page({}), [10, 20, 30, 40, 50]);
    assert.equal(pageOf(list, { limit: 1 }, (n) => n).total, 5);
  });

  it('lists the same groups as listGroups, page after page, with the quotes in no group counted', () => {
    for (const scope of scopes) {
      const groups = listGroups(index, scope, false);
      const paged = allPages(3, (page) => rows.groupRows({ uri: scope, ...page }));
      assert.deepEqual(
        paged.map((r) => [r.id, r.label, r.summary, r.rootKey, r.memberCount, r.negationChanged]),
        groups.map((g) => [g.id, g.label, g.summary, g.rootKey, g.members.length, g.members.some((m) => m.negationChanged)]),
      );
      const root = groups.map((g) => g.members.find((m) => m.isRoot)!);
      assert.deepEqual(paged.map((r) => r.root), root.map((m) => ({ uri: m.uri, range: m.range })));
      const single = listQuotes(index, scope).filter((q) => q.groupIds.length === 0);
      assert.equal(rows.groupRows({ uri: scope, limit: 0 }).ungroupedQuotes, single.length);
      assert.deepEqual(allPages(7, (page) => rows.quotePage({ uri: scope, ungrouped: true, ...page })), single);
    }
    assert.ok(index.variantGroups().length > 30, `only ${index.variantGroups().length} groups`);
  });

  it('finds a group by its id, else by its root quote, with or without the word differences', () => {
    for (const group of listGroups(index)) {
      assert.deepEqual(rows.group({ id: group.id }), group);
      assert.deepEqual(rows.group({ id: 'gone', rootKey: group.rootKey })?.rootKey, group.rootKey);
      assert.ok(rows.group({ id: group.id, withDiffs: false })!.members.every((m) => m.diff === undefined));
    }
    assert.equal(rows.group({ id: 'gone' }), null);
  });

  it('lists each speaker’s quotes, most quoted first and the unattributed last, as listQuotes has them', () => {
    for (const scope of scopes) {
      const quotes = listQuotes(index, scope);
      const speakers = allPages(4, (page) => rows.speakerRows({ uri: scope, ...page }));
      assert.equal(speakers.reduce((n, s) => n + s.quoteCount, 0), quotes.length);
      assert.equal(new Set(speakers.map((s) => s.speaker)).size, speakers.length, 'a speaker listed twice');
      for (let i = 1; i < speakers.length; i++) {
        const [a, b] = [speakers[i - 1]!, speakers[i]!];
        assert.ok(b.speaker === null || (a.speaker !== null && a.quoteCount >= b.quoteCount), `${a.speaker} (${a.quoteCount}) before ${b.speaker} (${b.quoteCount})`);
      }
      for (const { speaker, quoteCount } of speakers) {
        const theirs = allPages(2, (page) => rows.quotePage({ uri: scope, speaker, ...page }));
        assert.equal(theirs.length, quoteCount);
        assert.deepEqual(theirs, quotes.filter((q) => q.speaker === speaker));
      }
    }
  });

  it('lists the same actors as listActors, with their counts and mentions, most quoted first', () => {
    for (const scope of scopes) {
      const actors = listActors(index, scope);
      const listed = allPages(5, (page) => rows.actorRows({ uri: scope, ...page }));
      const byName = new Map(actors.map((a) => [a.name, a]));
      assert.deepEqual(listed.map((a) => a.name).sort(), [...byName.keys()].sort());
      for (const row of listed) {
        const actor = byName.get(row.name)!;
        assert.deepEqual([row.kind, row.declared, row.aliases, row.quoteCount, row.sourceCount], [actor.kind, actor.declared, actor.aliases, actor.quoteCount, actor.sourceCount], row.name);
        const mentions = allPages(50, (page) => rows.actorMentions({ uri: scope, name: row.name, ...page }));
        assert.equal(mentions.length, row.mentionCount);
        assert.deepEqual(mentions.slice(0, actor.mentions.length), actor.mentions, row.name);
        assert.deepEqual(allPages(3, (page) => rows.quotePage({ uri: scope, speaker: row.name, ...page })).map((q) => q.key), actor.quoteKeys);
      }
      for (let i = 1; i < listed.length; i++) {
        const [a, b] = [listed[i - 1]!, listed[i]!];
        const inOrder = a.quoteCount > b.quoteCount || (a.quoteCount === b.quoteCount && (a.mentionCount > b.mentionCount || (a.mentionCount === b.mentionCount && a.name.localeCompare(b.name) <= 0)));
        assert.ok(inOrder, `${a.name} (${a.quoteCount} quotes, ${a.mentionCount} mentions) before ${b.name} (${b.quoteCount}, ${b.mentionCount})`);
      }
      const { kinds } = rows.actorRows({ uri: scope, limit: 0 });
      for (const kind of ['person', 'organization', 'country', 'place'] as const) {
        assert.equal(kinds[kind], actors.filter((a) => a.kind === kind).length, kind);
        assert.deepEqual(
          allPages(4, (page) => rows.actorRows({ uri: scope, kind, ...page })).map((a) => a.name),
          listed.filter((a) => a.kind === kind).map((a) => a.name),
        );
      }
    }
    assert.ok(listActors(index).some((a) => a.mentions.length > 5), 'no actor is mentioned often enough to page through');
  });

  it('lists the same sources, articles and article quotes as listSources', () => {
    for (const scope of scopes) {
      const sources = listSources(index, scope);
      const listed = allPages(2, (page) => rows.sourceRows({ uri: scope, ...page }));
      assert.deepEqual(
        listed.map((s) => [s.source, s.articleCount]),
        sources.map((s) => [s.source, s.articles.length]),
      );
      for (const source of sources) {
        const articles = allPages(3, (page) => rows.articleRows({ uri: scope, source: source.source, ...page }));
        assert.deepEqual(
          articles.map((a) => ({ uri: a.uri, range: a.range, title: a.title, date: a.date, quoteCount: a.quoteCount })),
          source.articles.map((a) => ({ uri: a.uri, range: a.range, title: a.title, date: a.date, quoteCount: a.quoteKeys.length })),
        );
        articles.forEach((article, i) => {
          const quotes = allPages(4, (page) => rows.quotePage({ uri: article.uri, articleIndex: article.index, ...page }));
          assert.deepEqual(quotes.map((q) => q.key), source.articles[i]!.quoteKeys);
        });
      }
    }
  });

  it('finds the quotes holding every word typed, in their text, speaker or source, in any case', () => {
    const quotes = listQuotes(index);
    const search = (query: string): string[] => allPages(50, (page) => rows.quotePage({ query, ...page })).map((q) => q.key);
    const grovel = quotes.filter((q) => /grovel/i.test(q.text)).map((q) => q.key);
    assert.ok(grovel.length > 0);
    assert.deepEqual(search('GROVEL'), grovel);
    assert.deepEqual(search("let's mediate"), quotes.filter((q) => /let['’]s/i.test(q.text) && /mediate/i.test(q.text)).map((q) => q.key));
    assert.ok(search("let's mediate").length > 0);
    // A speaker's name and a word of the quote; a source's name.
    assert.deepEqual(search('trump  russia'), quotes.filter((q) => /trump/i.test(`${q.text} ${q.speaker ?? ''} ${q.source}`) && /russia/i.test(`${q.text} ${q.speaker ?? ''} ${q.source}`)).map((q) => q.key));
    const source = quotes[0]!.source;
    assert.deepEqual(search(source), quotes.filter((q) => q.source.toLowerCase().includes(source.toLowerCase()) || q.text.toLowerCase().includes(source.toLowerCase())).map((q) => q.key));
    assert.deepEqual(search('   '), quotes.map((q) => q.key));
    assert.deepEqual(search('zzqxv'), []);
    // Typed a character at a time (each search narrows the one before), then erased.
    const typed = 'mediate russia first';
    const oracle = (query: string): string[] => {
      const words = query.toLowerCase().split(/\s+/).filter(Boolean);
      return quotes.filter((q) => words.every((w) => `${q.text}\n${q.speaker ?? ''}\n${q.source}`.toLowerCase().includes(w))).map((q) => q.key);
    };
    for (let n = 1; n <= typed.length; n++) assert.deepEqual(search(typed.slice(0, n)), oracle(typed.slice(0, n)), typed.slice(0, n));
    for (let n = typed.length - 1; n >= 1; n--) assert.deepEqual(search(typed.slice(0, n)), oracle(typed.slice(0, n)), typed.slice(0, n));
    // A page pasted in is searched by its first 16 words (the bound guards against a hang, it is not a speed figure).
    const pasted = `grovel ${'x '.repeat(200_000)}`;
    const started = performance.now();
    assert.deepEqual(search(pasted), search('grovel x x x x x x x x x x x x x x x'));
    assert.ok(performance.now() - started < 2000, `a pasted page took ${(performance.now() - started).toFixed(0)} ms`);
    // Typed characters are characters, not patterns.
    assert.deepEqual(search('.*'), []);
    assert.deepEqual(search('('), quotes.filter((q) => `${q.text} ${q.speaker ?? ''} ${q.source}`.includes('(')).map((q) => q.key));
  });

  it('keeps the workspace’s counts up to date through changes: the same as counted afresh', () => {
    const [uri, text] = [...repositoryStories()].find(([, t]) => t.includes('Trump'))!;
    const everything = (r: ViewRows): unknown => [allPages(1000, (page) => r.actorRows(page)), allPages(1000, (page) => r.speakerRows(page)), r.groupRows({ limit: 0 })];
    everything(rows);
    const versions = [
      text.replace(/Trump/g, 'Trumo'),
      text.replace(/“/, '“Indeed, '),
      `${text}\n=== Late Outlet\ntitle: Late\n\n“We will see about that,” Vladimir Putin said.\n`,
      text.slice(0, Math.floor(text.length / 2)),
      text,
    ];
    try {
      for (const version of versions) {
        index.setDocument(uri, version);
        assert.deepEqual(everything(rows), everything(new ViewRows(index)));
      }
      index.removeDocument(uri);
      assert.deepEqual(everything(rows), everything(new ViewRows(index)));
    } finally {
      index.setDocument(uri, text);
    }
    assert.deepEqual(everything(rows), everything(new ViewRows(index)));
  });

  it('forgets its lists when the index changes', () => {
    const uri = 'file:///tmp/view-rows-extra.articles';
    const before = rows.speakerRows({}).total;
    const quotesBefore = rows.quotePage({ speaker: null, limit: 0 }).total;
    index.setDocument(uri, '=== Extra Outlet\ntitle: Extra\n\n“A line nobody else says about anything at all,” a voice said.\n');
    try {
      assert.equal(rows.quotePage({ speaker: null, limit: 0 }).total, quotesBefore + 1);
      assert.ok(rows.sourceRows({}).items.some((s) => s.source === 'Extra Outlet'));
      assert.ok(rows.speakerRows({}).total >= before);
    } finally {
      index.removeDocument(uri);
    }
    assert.equal(rows.quotePage({ speaker: null, limit: 0 }).total, quotesBefore);
  });
});
