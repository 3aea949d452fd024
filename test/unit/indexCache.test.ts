import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkspaceIndex, type DocumentEntry } from '../../server/src/core/workspaceIndex';
import { ANALYSER_VERSION, CACHE_FORMAT_VERSION, contentHash, IndexCache } from '../../server/src/indexCache';
import { defineJob, inMocha, runBounded } from './reliability/bounded';
import { freshIndex, replay, snapshot } from './reliability/indexSnapshot';
import { BASE_TEXTS, scenarioArb, STORY_URIS } from './reliability/storyArbitraries';
import { repositoryStories, ROOT } from './testFiles';

const MAGIC_LENGTH = 'ALIDX\n'.length;

interface FileParts {
  header: Record<string, unknown> & { entries: Array<Record<string, unknown> & { uri: string; offset: number; sections: number[]; analysisShape: number }>; shapes: string[][] };
  body: Buffer;
}

function readParts(file: string): FileParts {
  const data = readFileSync(file);
  const headerLength = data.readUInt32LE(MAGIC_LENGTH);
  const start = MAGIC_LENGTH + 4;
  return { header: JSON.parse(data.toString('utf8', start, start + headerLength)) as FileParts['header'], body: Buffer.from(data.subarray(start + headerLength)) };
}

/** Writes the file again from its parts, with the body's length and hash made to match (as a real save would). */
function writeParts(file: string, { header, body }: FileParts): void {
  const fixed = { ...header, bodyLength: body.length, bodyHash: createHash('sha1').update(body).digest('base64') };
  const headerBytes = Buffer.from(JSON.stringify(fixed));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(headerBytes.length);
  writeFileSync(file, Buffer.concat([Buffer.from('ALIDX\n'), length, headerBytes, body]));
}

/** Random edits to the stories (any Unicode, broken quotes, annotations), saved and restored: equal every time. */
const randomJob = defineJob('index cache: random stories round trip', (progress) => {
  const dir = mkdtempSync(join(tmpdir(), 'article-lens-cache-random-'));
  let restoredDocuments = 0;
  try {
    fc.assert(
      fc.property(scenarioArb(6), (scenario) => {
        progress(scenario);
        const { index, texts } = replay(scenario.initial, scenario.ops);
        const file = join(dir, 'index.bin');
        IndexCache.open(file, () => undefined).save(index, () => true);
        const cache = IndexCache.open(file, () => undefined);
        const entries = [...texts].map(([uri, text]) => ({ uri, text, restored: cache.restore(uri, text) }));
        const warm = new WorkspaceIndex();
        warm.setDocuments(entries);
        for (const { uri, text, restored } of entries) {
          // Only a text with a lone surrogate (which UTF-8 cannot hold) is not kept.
          assert.equal(restored === undefined, /\p{Cs}/u.test(text), uri);
          if (restored) restoredDocuments++;
          assert.deepStrictEqual(warm.get(uri)!.story, index.get(uri)!.story);
        }
        assert.deepEqual(snapshot(warm), snapshot(index));
      }),
      { numRuns: 300, seed: 0x5eed3, endOnFailure: true },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return restoredDocuments;
});

if (inMocha) {
  describe('IndexCache on random stories', function () {
    this.timeout(120000);
    it('restores 300 randomly edited workspaces to indexes equal to the ones saved', async () => {
      assert.ok(((await runBounded(randomJob, 90000)) as number) > 300);
    });
  });
}

if (inMocha) {
  describe('IndexCache (the persisted index)', () => {
    let dir: string;
    let file: string;
    let logs: string[];
    const log = (m: string): void => void logs.push(m);

    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'article-lens-cache-'));
      file = join(dir, 'sub', 'index.bin');
      logs = [];
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    /** Saves a fresh index over `texts`; returns it. */
    function saved(texts: ReadonlyMap<string, string>): WorkspaceIndex {
      const index = freshIndex(texts);
      const result = IndexCache.open(file, log).save(index, () => true);
      assert.equal(result.documents, texts.size);
      return index;
    }

    /** A new index over `texts`, restored from the file where it can be; the entries offered. */
    function warm(texts: ReadonlyMap<string, string>, build = ''): { index: WorkspaceIndex; entries: DocumentEntry[]; cache: IndexCache } {
      const cache = IndexCache.open(file, log, build);
      const entries = [...texts].map(([uri, text]) => ({ uri, text, restored: cache.restore(uri, text) }));
      const index = new WorkspaceIndex();
      index.setDocuments(entries);
      return { index, entries, cache };
    }

    it('round trip: a warm index equals a fresh one on the samples and the fixture stories', () => {
      const texts = repositoryStories();
      assert.ok(texts.size >= 10, `${texts.size} stories`);
      const fresh = saved(texts);
      const { index, entries, cache } = warm(texts);
      assert.equal(cache.size, texts.size);
      for (const { uri, restored } of entries) {
        assert.ok(restored, `${uri} was not restored`);
        assert.equal(index.get(uri)!.analysis, restored.analysis, `${uri} was analysed again`);
        // Every field, the lazily decoded ones included, and the parse.
        assert.deepStrictEqual(index.get(uri)!.story, fresh.get(uri)!.story);
        assert.deepStrictEqual({ ...index.get(uri)!.analysis }, { ...fresh.get(uri)!.analysis });
      }
      assert.deepEqual(snapshot(index), snapshot(fresh));
      assert.deepEqual(logs, []);
    });

    it('restores from the file bytes as from the text, a UTF-8 BOM left out', () => {
      const text = BASE_TEXTS[1]!;
      assert.equal(contentHash(Buffer.from(text)), contentHash(text));
      assert.equal(contentHash(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])), contentHash(text));
      assert.notEqual(contentHash(`${text} `), contentHash(text));
      saved(new Map([[STORY_URIS[1], text]]));
      assert.ok(IndexCache.open(file, log).restore(STORY_URIS[1], text, Buffer.from(`\uFEFF${text}`)));
    });

    it('a file changed since the save is analysed again; the others are restored', () => {
      const texts = repositoryStories();
      saved(texts);
      const [changedUri, before] = [...texts].find(([, t]) => t.includes('=== '))!;
      const changed = new Map(texts).set(changedUri, `${before}\n\nThe minister said: “We will not sign this agreement today.”\n`);
      const { index, entries } = warm(changed);
      for (const { uri, restored } of entries) assert.equal(restored === undefined, uri === changedUri, uri);
      assert.ok(index.get(changedUri)!.analysis.quotes.some((q) => q.text === 'We will not sign this agreement today.'));
      assert.deepEqual(snapshot(index), snapshot(freshIndex(changed)));
    });

    it('analyses again when the declared actors differ from those the file was written under', () => {
      // Saved without the only story that declares an actor; restored beside it.
      const [A, B, C] = STORY_URIS;
      saved(new Map([[B, BASE_TEXTS[1]!], [C, BASE_TEXTS[2]!]]));
      const all = new Map<string, string>([[A, BASE_TEXTS[0]!], [B, BASE_TEXTS[1]!], [C, BASE_TEXTS[2]!]]);
      const { index, entries } = warm(all);
      assert.equal(entries.filter((e) => e.restored).length, 2);
      for (const { uri, restored } of entries) if (restored) assert.notEqual(index.get(uri)!.analysis, restored.analysis);
      assert.deepEqual(snapshot(index), snapshot(freshIndex(all)));
    });

    it('a damaged, cut-short or foreign file is ignored with a log line, never an error', () => {
      const texts = new Map(STORY_URIS.map((u, i) => [u, BASE_TEXTS[i]!]));
      saved(texts);
      const good = readFileSync(file);
      const flip = (at: number): Buffer => {
        const copy = Buffer.from(good);
        copy[at] = copy[at]! ^ 0xff;
        return copy;
      };
      const damaged: Array<[string, Buffer]> = [
        ['empty', Buffer.alloc(0)],
        ['not a cache', Buffer.from('{"format":1}')],
        ['cut short in the body', good.subarray(0, good.length - 7)],
        ['cut short in the header', good.subarray(0, 40)],
        ['a byte of the body flipped', flip(good.length - 20)],
        ['a byte of the header flipped', flip(MAGIC_LENGTH + 4 + 1)],
        ['the header length wrong', Buffer.concat([good.subarray(0, MAGIC_LENGTH), Buffer.from([0xff, 0xff, 0xff, 0x7f]), good.subarray(MAGIC_LENGTH + 4)])],
      ];
      for (const [what, bytes] of damaged) {
        writeFileSync(file, bytes);
        logs = [];
        const { index, entries, cache } = warm(texts);
        assert.equal(cache.size, 0, what);
        assert.ok(entries.every((e) => !e.restored), what);
        assert.equal(logs.length, 1, `${what}: ${logs.join(' | ')}`);
        assert.match(logs[0]!, /Index cache: ignoring .*indexing from scratch/, what);
        assert.deepEqual(snapshot(index), snapshot(freshIndex(texts)), what);
      }
      // Well-formed JSON of the wrong shape, the body intact.
      writeFileSync(file, good);
      const parts = readParts(file);
      for (const header of [{ ...parts.header, entries: [null] }, { ...parts.header, entries: [{ ...parts.header.entries[0], sections: [1, 0] }] }, { ...parts.header, shapes: [['__proto__']] }]) {
        writeParts(file, { header: header as FileParts['header'], body: parts.body });
        logs = [];
        assert.equal(warm(texts).cache.size, 0, JSON.stringify(header).slice(0, 80));
        assert.match(logs.join('\n'), /Index cache: ignoring .*(header|shape)/);
      }
      writeFileSync(file, good);
      logs = [];
      assert.equal(warm(texts).entries.filter((e) => e.restored).length, 3, 'the good file restores');
    });

    it('a file of another format, analyser version or build is ignored', () => {
      const texts = new Map(STORY_URIS.map((u, i) => [u, BASE_TEXTS[i]!]));
      saved(texts);
      const parts = readParts(file);
      assert.equal(parts.header['format'], CACHE_FORMAT_VERSION);
      assert.equal(parts.header['analyser'], ANALYSER_VERSION);
      for (const bump of [{ format: CACHE_FORMAT_VERSION + 1 }, { analyser: ANALYSER_VERSION + 1 }]) {
        writeParts(file, { ...parts, header: { ...parts.header, ...bump } });
        logs = [];
        assert.equal(warm(texts).entries.filter((e) => e.restored).length, 0, JSON.stringify(bump));
        assert.match(logs.join('\n'), /written by another version/);
      }
      writeParts(file, parts);
      logs = [];
      assert.equal(warm(texts).entries.filter((e) => e.restored).length, 3, 'rewritten unchanged, it restores');
      assert.equal(warm(texts, 'another build').entries.filter((e) => e.restored).length, 0);
      assert.match(logs.join('\n'), /written by another version/);
    });

    it('a damaged entry is analysed again; a damaged lazily read field reads as empty, reported', () => {
      const texts = new Map(STORY_URIS.map((u, i) => [u, BASE_TEXTS[i]!]));
      const fresh = saved(texts);
      const parts = readParts(file);
      const fieldAt = (entry: FileParts['header']['entries'][number], field: string): number => {
        const storyFields = parts.header.shapes[entry['storyShape'] as number]!.length;
        return entry.offset + entry.sections[storyFields + parts.header.shapes[entry.analysisShape]!.indexOf(field)]!;
      };
      // A bad tag right after the head of A's quotes (eager) and of B's mentions (read on first use).
      const [a, b] = parts.header.entries as [FileParts['header']['entries'][number], FileParts['header']['entries'][number]];
      for (const at of [fieldAt(a, 'quotes'), fieldAt(b, 'mentions')]) {
        let end = at;
        while (parts.body[end]! >= 128) end++;
        parts.body[end + 1] = 0x0f;
      }
      writeParts(file, parts);
      const { index, entries } = warm(texts);
      assert.equal(entries.find((e) => e.uri === a.uri)!.restored, undefined);
      assert.match(logs.join('\n'), new RegExp(`entry of ${a.uri} is damaged.*analysing the file`));
      assert.deepStrictEqual(index.get(a.uri)!.analysis.quotes, fresh.get(a.uri)!.analysis.quotes);
      logs = [];
      assert.equal(index.get(b.uri)!.analysis.mentions.length, 0);
      assert.match(logs.join('\n'), new RegExp(`entry of ${b.uri} is damaged \\(mentions: `));
      assert.deepEqual(index.get(b.uri)!.analysis.quotes, fresh.get(b.uri)!.analysis.quotes);
    });

    it('saves only what changed since it was restored or saved, atomically, in slices when asked', () => {
      const texts = new Map(STORY_URIS.map((u, i) => [u, BASE_TEXTS[i]!]));
      const index = freshIndex(texts);
      const cache = IndexCache.open(file, log);
      assert.equal(cache.encodePending(index, () => true, 0), false, 'a budget of nothing encodes one document, then stops');
      assert.equal(cache.save(index, () => true).encoded, 2, 'one of three was encoded before');
      assert.equal(cache.save(index, () => true).encoded, 0);
      index.setDocument(STORY_URIS[2], `${BASE_TEXTS[2]!}\nA new line.`);
      const result = cache.save(index, (uri) => uri !== STORY_URIS[0]);
      assert.equal(result.encoded, 1);
      assert.equal(result.documents, 2);
      assert.deepEqual(readdirSync(join(dir, 'sub')), ['index.bin'], 'no temporary file is left');
      // Restored documents keep their bytes: saving them again encodes only the one left out before.
      const reopened = warm(new Map(texts).set(STORY_URIS[2], `${BASE_TEXTS[2]!}\nA new line.`));
      assert.deepEqual(reopened.entries.map((e) => e.restored !== undefined), [false, true, true]);
      assert.equal(reopened.cache.save(reopened.index, () => true).encoded, 1);
    });

    it('the CLI with --cache DIR writes the cache, then answers the same from it', () => {
      const cli = (...args: string[]): { stdout: string; stderr: string } => {
        const run = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'analyze', '--json', ...args], { encoding: 'utf8', timeout: 60000 });
        assert.equal(run.status, 0, run.stderr);
        return { stdout: run.stdout, stderr: run.stderr };
      };
      const expected = cli(join(ROOT, 'samples')).stdout;
      assert.deepEqual(cli('--cache', dir, join(ROOT, 'samples')), { stdout: expected, stderr: '' });
      const written = readdirSync(dir).filter((f) => f.endsWith('.bin'));
      assert.equal(written.length, 1);
      assert.deepEqual(cli(join(ROOT, 'samples'), '--cache', dir), { stdout: expected, stderr: '' });
      // It is the file it reads: damaged, it says so and analyses.
      writeFileSync(join(dir, written[0]!), 'damaged');
      const damaged = cli('--cache', dir, join(ROOT, 'samples'));
      assert.equal(damaged.stdout, expected);
      assert.match(damaged.stderr, /ignoring .*not an index cache file/);
      const usage = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'analyze', join(ROOT, 'samples'), '--cache'], { encoding: 'utf8' });
      assert.equal(usage.status, 2);
      assert.match(usage.stderr, /--cache needs a folder/);
    });

    it('removes the temporary file of a save that was cut off long ago, not one in progress', () => {
      saved(new Map([[STORY_URIS[1], BASE_TEXTS[1]!]]));
      const old = `${file}.123.tmp`;
      const recent = `${file}.456.tmp`;
      writeFileSync(old, 'half a save');
      writeFileSync(recent, 'a save in progress');
      const hourAgo = new Date(Date.now() - 3600_000);
      utimesSync(old, hourAgo, hourAgo);
      IndexCache.open(file, log);
      assert.equal(existsSync(old), false);
      assert.equal(existsSync(recent), true);
    });
  });
}
