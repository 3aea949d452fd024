import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateWorkspace, readSeeds, StoryGenerator } from '../../bench/generate';
import { WorkspaceIndex, type DocumentEntry } from '../../server/src/core/workspaceIndex';
import { collectStoryFiles, readStoryFile } from '../../server/src/fsWorkspace';
import { AnalysisPool, type PooledAnalysis } from '../../server/src/analysisPool';
import { IndexCache } from '../../server/src/indexCache';
import { indexWithPool } from '../../server/src/pooledIndexing';
import { snapshot } from './reliability/indexSnapshot';
import { BASE_TEXTS, STORY_URIS } from './reliability/storyArbitraries';
import { ROOT } from './testFiles';

/** The bundled worker (npm test and test:unit build dist/ first). */
const WORKER = join(ROOT, 'dist', 'analysisWorker.js');
const CLI = join(ROOT, 'dist', 'cli.js');

function entriesUnder(...paths: string[]): DocumentEntry[] {
  return collectStoryFiles(paths).files.flatMap((file) => {
    const read = readStoryFile(file);
    return read.ok ? [{ uri: pathToFileURL(file).href, text: read.text }] : [];
  });
}

function inThread(entries: readonly DocumentEntry[]): WorkspaceIndex {
  const index = new WorkspaceIndex();
  index.setDocuments(entries);
  return index;
}

async function pooled(entries: readonly DocumentEntry[], prepare?: (index: WorkspaceIndex) => void, workerFile = WORKER, cache?: IndexCache): Promise<{ index: WorkspaceIndex; log: string[] }> {
  const log: string[] = [];
  const pool = new AnalysisPool(2, (m) => log.push(m), workerFile);
  const index = new WorkspaceIndex();
  prepare?.(index);
  try {
    const onPooled = (r: PooledAnalysis): void => cache?.adopt(r.analysis, r.chunk, r.shapes);
    await indexWithPool(index, pool, entries, { others: [], skip: () => false, whileWaiting: () => index.prepareGroups(5), onPooled });
  } finally {
    await pool.close();
  }
  return { index, log };
}

describe('analysis pool (worker threads)', function () {
  this.timeout(120_000);
  let workspace: string;
  before(() => {
    workspace = mkdtempSync(join(tmpdir(), 'article-lens-pool-'));
    generateWorkspace(workspace, 60, new StoryGenerator(readSeeds(join(ROOT, 'samples', 'seeds'))));
  });
  after(() => rmSync(workspace, { recursive: true, force: true }));

  it('builds the same index as one thread: samples, fixture stories and declared actors', async () => {
    const entries = [...entriesUnder(join(ROOT, 'samples'), join(ROOT, 'test', 'fixtures', 'stories')), ...STORY_URIS.map((uri, i) => ({ uri, text: BASE_TEXTS[i]! }))];
    const { index, log } = await pooled(entries);
    assert.deepEqual(log, []);
    assert.deepEqual(snapshot(index), snapshot(inThread(entries)));
    assert.ok(index.declaredActorsKey().includes('Vladimir Putin'), 'the declared actor reached every story');
  });

  it('builds the same index as one thread on a generated workspace', async () => {
    const entries = entriesUnder(workspace);
    assert.equal(entries.length, 60);
    const { index } = await pooled(entries);
    assert.deepEqual(snapshot(index), snapshot(inThread(entries)));
  });

  it('saves the workers’ encodings in the index cache, renumbered, and restores the same index from it', async () => {
    const entries = [...entriesUnder(workspace).slice(0, 20), ...STORY_URIS.map((uri, i) => ({ uri, text: BASE_TEXTS[i]! }))];
    const file = join(workspace, '.cache', 'index.bin');
    // The cache has shapes of its own already (from another document), so the workers' numbers differ.
    const cache = IndexCache.open(file, (m) => assert.fail(m));
    const before = inThread([{ uri: 'file:///ws/other.articles', text: BASE_TEXTS[1]! }]);
    cache.save(before, () => true);
    const { index } = await pooled(entries, undefined, WORKER, cache);
    assert.equal(cache.save(index, () => true).documents, entries.length);
    const reopened = IndexCache.open(file, (m) => assert.fail(m));
    const restored = entries.map((e) => ({ ...e, restored: reopened.restore(e.uri, e.text) }));
    assert.ok(restored.every((e) => e.restored));
    assert.deepEqual(snapshot(inThread(restored)), snapshot(inThread(entries)));
  });

  it('discards results made under declared actors the index no longer has, and analyses those files again', async () => {
    // The index already holds a story declaring Putin that the pool was not told about.
    const entries = [...entriesUnder(workspace).slice(0, 12), { uri: STORY_URIS[1], text: BASE_TEXTS[1]! }];
    const declaring = { uri: STORY_URIS[0], text: BASE_TEXTS[0]! };
    const { index } = await pooled(entries, (i) => i.setDocument(declaring.uri, declaring.text));
    assert.deepEqual(snapshot(index), snapshot(inThread([declaring, ...entries])));
  });

  it('analyses in this thread what a worker fails on, or every file when no worker starts', async () => {
    // A lone surrogate cannot be encoded for the trip back: that file is analysed here.
    const broken = { uri: 'file:///ws/broken.articles', text: '=== Wire ===\n\n“We will \uD800 help,” Putin said.' };
    const entries = [...entriesUnder(join(ROOT, 'samples')), broken];
    const failing = await pooled(entries);
    assert.equal(failing.log.length, 1);
    assert.match(failing.log[0]!, /A worker failed to analyse broken\.articles: .*lone surrogate/);
    assert.deepEqual(snapshot(failing.index), snapshot(inThread(entries)));
    const missing = await pooled(entries, undefined, join(ROOT, 'dist', 'no-such-worker.js'));
    assert.ok(missing.log.some((m) => /An analysis worker stopped/.test(m)), missing.log.join('\n'));
    assert.deepEqual(snapshot(missing.index), snapshot(inThread(entries)));
  });

  it('the CLI writes the same JSON, byte for byte, with and without worker threads', () => {
    for (const dir of [join(ROOT, 'samples'), workspace]) {
      const run = (jobs: string): string => {
        const result = spawnSync(process.execPath, [CLI, 'analyze', '--json', '--jobs', jobs, dir], { encoding: 'utf8', maxBuffer: 1 << 30 });
        assert.equal(result.status, 0, result.stderr);
        assert.equal(result.stderr, '');
        return result.stdout;
      };
      const alone = run('1');
      assert.ok(alone.length > 10_000 && JSON.parse(alone));
      assert.equal(run('2'), alone);
    }
    const usage = spawnSync(process.execPath, [CLI, 'analyze', '--jobs', 'many', join(ROOT, 'samples')], { encoding: 'utf8' });
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /--jobs needs a whole number/);
  });
});
