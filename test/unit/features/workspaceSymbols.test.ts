import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { SymbolKind, type WorkspaceSymbol } from 'vscode-languageserver';
import { readSeeds, StoryGenerator } from '../../../bench/generate';
import { WorkspaceIndex } from '../../../server/src/core/workspaceIndex';
import { articleOf, rangeOf } from '../../../server/src/features/lookup';
import { provideWorkspaceSymbols, quoteSymbolName } from '../../../server/src/features/symbols';
import { IndexCache } from '../../../server/src/indexCache';
import { replay } from '../reliability/indexSnapshot';
import { scenarioArb } from '../reliability/storyArbitraries';
import { repositoryStories, ROOT } from '../testFiles';

const ACTOR_SYMBOL = { person: SymbolKind.Constructor, organization: SymbolKind.Module, country: SymbolKind.Namespace, place: SymbolKind.Namespace } as const;

/** Workspace symbols the straightforward way: every actor and every quote tested with the pattern. */
function scanWorkspaceSymbols(index: WorkspaceIndex, query: string, limit = 200): WorkspaceSymbol[] {
  const needle = query.trim().toLowerCase();
  const out: WorkspaceSymbol[] = [];
  const pattern = new RegExp(query.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'iu');
  const actors = index.actors().filter((a) => !needle || pattern.test(a.name) || a.aliases.some((x) => pattern.test(x))).slice(0, limit);
  for (const actor of actors) {
    const first = index.firstMentionOf(actor.name);
    const doc = first ? index.get(first.uri) : undefined;
    if (first && doc) out.push({ name: actor.name, kind: ACTOR_SYMBOL[actor.kind], containerName: actor.kind, location: { uri: first.uri, range: rangeOf(doc, first.mention) } });
  }
  for (const ref of index.quotes().values()) {
    if (out.length >= limit) break;
    const q = ref.quote;
    if (needle && !pattern.test(q.text) && !pattern.test(q.speaker ?? '')) continue;
    const doc = index.get(ref.uri)!;
    out.push({ name: quoteSymbolName(q), kind: SymbolKind.String, containerName: articleOf(doc, q).source, location: { uri: ref.uri, range: rangeOf(doc, q.span) } });
  }
  return out;
}

/** Case folding, lookalikes, surrogates, pattern syntax and whitespace, beside ordinary words. */
const SPECIAL_QUERIES: readonly string[] = [
  '', '   ', ' \t', 'İ', 'i̇', 'ı', 'I', 'ß', 'ẞ', 'SS', 'ss', 'ſ', 'ſaid', 'S', 'K', '\u212aremlin', 'ς', 'Σ', 'σ', '😀', '👩‍👩‍👧', '\ud83d', '\ude00',
  'e\u0301', 'é', 'président', 'Москва', 'Ж', 'ж', '.', '.*', '(', ')', '[', ']', '[a-z]', '\\', '\\d', '$', '^', '|', '?', '+', '{2}', 'a{', '/', '-',
  '“', '”', '’', '«', '…', ' said ', 'said', 'SAID', 'Putin', 'PUTIN', 'pUtIn', 'Trump', 'ready to', 'Zelensky’s', 'Wir sind', 'Kremlin chief', 'the', 'a', 'xq',
  'qqqqqqq', 'Secretary-General', 'Amara Veltri', 'VELTRI', 'whole region burns', 'watching',
];

/** Every string workspace symbols search in: actor names and aliases, quote texts and speakers. */
function searchedTexts(index: WorkspaceIndex): string[] {
  const out = index.actors().flatMap((a) => [a.name, ...a.aliases]);
  for (const ref of index.quotes().values()) out.push(ref.quote.text, ...(ref.quote.speaker ? [ref.quote.speaker] : []));
  return out;
}

/**
 * Queries cut out of the searched texts at `picks` (fractions), in their case, upper, lower or alternating
 * case, or with s and k written as the lookalikes a Unicode pattern equates with them (ſ, the Kelvin sign).
 */
function substringQueries(texts: readonly string[], picks: ReadonlyArray<{ text: number; start: number; length: number; casing: number }>): string[] {
  if (texts.length === 0) return [];
  return picks.map(({ text, start, length, casing }) => {
    const source = texts[Math.floor(text * texts.length)]!;
    const from = Math.floor(start * source.length);
    const cut = source.slice(from, from + length);
    if (casing === 1) return cut.toUpperCase();
    if (casing === 2) return cut.toLowerCase();
    if (casing === 3) return [...cut].map((ch, i) => (i % 2 ? ch.toUpperCase() : ch.toLowerCase())).join('');
    if (casing === 4) return cut.replace(/s/gi, '\u017f').replace(/k/gi, '\u212a');
    return cut;
  });
}

const pickArb = fc.record({ text: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), start: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), length: fc.integer({ min: 1, max: 16 }), casing: fc.integer({ min: 0, max: 4 }) });

/** Deterministic picks (a fixed seed), for the tests that are not properties. */
function fixedPicks(count: number, seed: number): Array<{ text: number; start: number; length: number; casing: number }> {
  return fc.sample(pickArb, { numRuns: count, seed });
}

function assertSameAsScan(index: WorkspaceIndex, queries: Iterable<string>, limits: readonly number[] = [200]): void {
  for (const query of queries) {
    for (const limit of limits) assert.deepEqual(provideWorkspaceSymbols(index, query, limit), scanWorkspaceSymbols(index, query, limit), `query ${JSON.stringify(query)}, limit ${limit}`);
  }
}

/** `count` stories of the benchmark's synthetic workspace, by uri. */
function generatedStories(count: number): Map<string, string> {
  const generator = new StoryGenerator(readSeeds(join(ROOT, 'samples', 'seeds')));
  return new Map(Array.from({ length: count }, (_, s) => [`file:///bench/story-${String(s).padStart(6, '0')}.articles`, generator.text(s)]));
}

function indexOf(texts: ReadonlyMap<string, string>): WorkspaceIndex {
  const index = new WorkspaceIndex();
  index.setDocuments([...texts].map(([uri, text]) => ({ uri, text })));
  return index;
}

/** The queries the benchmark sends: a quoted word of six letters or more, and a speaker's last name, of each story. */
function benchQueries(index: WorkspaceIndex): string[] {
  return index.documents().flatMap((doc) => {
    const words = doc.analysis.quotes.flatMap((q) => q.text.split(/[^\p{L}]+/u)).filter((w) => w.length >= 6);
    const speakers = doc.analysis.quotes.map((q) => q.speaker).filter((s): s is string => !!s);
    return [...words.slice(0, 3).map((w) => w.toLowerCase()), ...speakers.slice(0, 2).map((s) => s.split(' ').pop()!)];
  });
}

describe('workspace symbols: the sketched search equals a scan of every actor and quote', function () {
  this.timeout(60000);

  it('on the samples and fixture stories, for special and cut-out queries and several limits', () => {
    const index = indexOf(repositoryStories());
    assert.ok(index.uris().length >= 3 && index.actors().length > 10);
    assertSameAsScan(index, [...SPECIAL_QUERIES, ...substringQueries(searchedTexts(index), fixedPicks(400, 1))], [200, 7, 1]);
    assert.ok(provideWorkspaceSymbols(index, 'Putin').length > 0, 'a query that matches finds something');
  });

  it('on a generated benchmark workspace, for the benchmark queries and cut-out ones', () => {
    const index = indexOf(generatedStories(40));
    const texts = searchedTexts(index);
    assertSameAsScan(index, [...SPECIAL_QUERIES, ...benchQueries(index), ...substringQueries(texts, fixedPicks(300, 2))], [200, 20]);
  });

  it('after random edits, creations and removals of stories (any Unicode), for random queries', () => {
    fc.assert(
      fc.property(scenarioArb(8), fc.array(pickArb, { minLength: 4, maxLength: 12 }), fc.array(fc.string({ unit: 'binary', maxLength: 6 }), { maxLength: 4 }), (scenario, picks, strings) => {
        const check = (index: WorkspaceIndex): void => assertSameAsScan(index, [...substringQueries(searchedTexts(index), picks), ...strings, 'Putin', 'ready', '\u212aremlin chief', 'ſaid', ''], [200, 3]);
        // Searching between the changes too: a document's sketch is made once and must follow its edits.
        const { index } = replay(scenario.initial, scenario.ops, check);
        check(index);
      }),
      { numRuns: 150, seed: 0x5eed5, endOnFailure: true },
    );
  });

  it('after random edits and removals in a generated workspace', () => {
    const base = generatedStories(12);
    const uris = [...base.keys()];
    const opArb = fc.oneof(
      fc.record({ kind: fc.constant('edit' as const), story: fc.nat(uris.length - 1), at: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), remove: fc.nat(40), insert: fc.constantFrom('', 'x', 'Q', ' Putin said ', '“Not ready,” he said.', 'İß😀', '\n\n') }),
      fc.record({ kind: fc.constant('remove' as const), story: fc.nat(uris.length - 1) }),
      fc.record({ kind: fc.constant('restore' as const), story: fc.nat(uris.length - 1) }),
    );
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 8 }), fc.array(pickArb, { minLength: 4, maxLength: 10 }), (ops, picks) => {
        const texts = new Map(base);
        const index = indexOf(texts);
        const queries = [...benchQueries(index).slice(0, 6), ...substringQueries(searchedTexts(index), picks)];
        assertSameAsScan(index, queries);
        for (const op of ops) {
          const uri = uris[op.story]!;
          if (op.kind === 'remove') {
            texts.delete(uri);
            index.removeDocument(uri);
          } else {
            const current = texts.get(uri) ?? base.get(uri)!;
            const at = op.kind === 'edit' ? Math.floor(op.at * current.length) : 0;
            const next = op.kind === 'edit' ? current.slice(0, at) + op.insert + current.slice(at + op.remove) : base.get(uri)!;
            texts.set(uri, next);
            index.setDocument(uri, next);
          }
          assertSameAsScan(index, queries);
        }
      }),
      { numRuns: 12, seed: 0x5eed6, endOnFailure: true },
    );
  });

  it('after a warm start from the persisted index', () => {
    const texts = new Map([...repositoryStories(), ...generatedStories(8)]);
    const cold = indexOf(texts);
    const queries = [...SPECIAL_QUERIES, ...benchQueries(cold), ...substringQueries(searchedTexts(cold), fixedPicks(200, 3))];
    // Searched once before saving: the warm index must not lean on anything the cold one worked out.
    assertSameAsScan(cold, queries);
    const dir = mkdtempSync(join(tmpdir(), 'article-lens-symbols-'));
    try {
      const file = join(dir, 'index.bin');
      IndexCache.open(file, () => undefined).save(cold, () => true);
      const cache = IndexCache.open(file, () => undefined);
      const warm = new WorkspaceIndex();
      const entries = [...texts].map(([uri, text]) => ({ uri, text, restored: cache.restore(uri, text) }));
      assert.ok(entries.every((e) => e.restored), 'every story restored');
      warm.setDocuments(entries);
      assertSameAsScan(warm, queries);
      for (const query of queries) assert.deepEqual(provideWorkspaceSymbols(warm, query), provideWorkspaceSymbols(cold, query), JSON.stringify(query));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
