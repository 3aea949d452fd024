import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AnalysisPool, poolSizeFor } from './analysisPool';
import { buildReport } from './core/analysisReport';
import { reportSummary } from './cliSummary';
import { evaluate, type GoldFile } from './core/evaluation';
import { WorkspaceIndex, type DocumentEntry } from './core/workspaceIndex';
import { collectStoryFiles, readStoryFile } from './fsWorkspace';
import { buildFingerprint, cacheFileFor, IndexCache } from './indexCache';
import { writeRecordJson } from './jsonStream';
import { indexWithPool } from './pooledIndexing';

const USAGE = `Usage:
  article-lens analyze [--json] PATH...      analyse story files (.articles, .article, .txt) and folders
  article-lens eval [--verbose] GOLD.json PATH...   score the analysis against reference annotations

  --cache DIR   keep the analysis in DIR and reuse it for files that did not change since the last run
  --jobs N      analyse in N worker threads (default: one per core for over 4 MB of text; 1: no workers)

Exit codes: 0 all files analysed, 1 some file could not be read, 2 usage error.`;

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const options = new Map<string, string | undefined>();
  let rest = args;
  for (const option of ['--cache', '--jobs']) {
    const at = rest.indexOf(option);
    if (at < 0) continue;
    options.set(option, rest[at + 1]);
    rest = [...rest.slice(0, at), ...rest.slice(at + 2)];
  }
  const cacheDirectory = options.get('--cache');
  if (options.has('--cache') && (!cacheDirectory || cacheDirectory.startsWith('--'))) {
    process.stderr.write(`article-lens: --cache needs a folder\n${USAGE}\n`);
    return 2;
  }
  const jobs = options.has('--jobs') ? Number(options.get('--jobs')) : undefined;
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1)) {
    process.stderr.write(`article-lens: --jobs needs a whole number of threads, 1 or more\n${USAGE}\n`);
    return 2;
  }
  const flags = rest.filter((a) => a.startsWith('--'));
  const paths = rest.filter((a) => !a.startsWith('--'));
  const known = command === 'analyze' ? ['--json'] : command === 'eval' ? ['--verbose', '--json'] : [];
  const unknown = flags.filter((f) => !known.includes(f));
  if ((command !== 'analyze' && command !== 'eval') || unknown.length > 0 || paths.length < (command === 'eval' ? 2 : 1)) {
    process.stderr.write((unknown.length > 0 ? `article-lens: unknown option ${unknown.join(', ')}\n` : '') + USAGE + '\n');
    return 2;
  }
  const storyPaths = command === 'eval' ? paths.slice(1) : paths;
  const { index, fileOf, failed } = await loadWorkspace(storyPaths, cacheDirectory, jobs);
  const report = buildReport(index, fileOf);
  if (command === 'analyze') {
    if (flags.includes('--json')) {
      await writeRecordJson(report, writeOut);
      await writeOut('\n');
    } else process.stdout.write(reportSummary(report));
    return failed ? 1 : 0;
  }
  let gold: GoldFile;
  try {
    gold = JSON.parse(readFileSync(paths[0]!, 'utf8')) as GoldFile;
    if (!Array.isArray(gold.articles)) throw new Error('it has no "articles" list');
  } catch (error) {
    process.stderr.write(`article-lens: ${paths[0]}: not a reference file (${(error as Error).message})\n`);
    return 2;
  }
  const result = evaluate(gold, report);
  if (flags.includes('--json')) {
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  } else {
    const f = (x: number): string => x.toFixed(3);
    process.stdout.write(
      [
        `quotes: ${result.matchedQuotes} of ${result.goldQuotes} reference quotes found, ${result.predictedQuotes} predicted`,
        `quote recall      ${f(result.recall)}`,
        `quote precision   ${f(result.precision)}`,
        `speaker accuracy  ${f(result.speakerAccuracy)}`,
        `kind accuracy     ${f(result.kindAccuracy)}`,
        `variant-group F1  ${f(result.groupF1)} (pair precision ${f(result.groupPrecision)}, recall ${f(result.groupRecall)})`,
        ...(flags.includes('--verbose') ? result.misses.map((m) => `  ${m}`) : []),
      ].join('\n') + '\n',
    );
  }
  return failed ? 1 : 0;
}

/** Writes to stdout; when it asks to wait (a slow pipe), resolves once it drained. */
function writeOut(piece: string): Promise<void> | undefined {
  return process.stdout.write(piece) ? undefined : new Promise((resolve) => process.stdout.once('drain', resolve));
}

async function loadWorkspace(
  paths: readonly string[],
  cacheDirectory: string | undefined,
  jobs: number | undefined,
): Promise<{ index: WorkspaceIndex; fileOf: (uri: string) => string; failed: boolean }> {
  const { files, errors } = collectStoryFiles(paths);
  let failed = errors.length > 0;
  for (const e of errors) process.stderr.write(`article-lens: ${e}\n`);
  const message = (m: string): boolean => process.stderr.write(`article-lens: ${m}\n`);
  const cacheFile = cacheDirectory && cacheFileFor(resolve(cacheDirectory), paths.map((p) => pathToFileURL(resolve(p)).href).sort());
  const cache = cacheFile ? IndexCache.open(cacheFile, message, buildFingerprint(__filename)) : undefined;
  const index = new WorkspaceIndex();
  // Nothing is edited: no document keeps per-article results for its next version.
  index.rememberOnly(() => false);
  const fileOfUri = new Map<string, string>();
  const entries: DocumentEntry[] = [];
  for (const file of files) {
    const read = readStoryFile(file);
    if (!read.ok) {
      process.stderr.write(`article-lens: ${file}: ${read.reason}; skipped\n`);
      failed = true;
      continue;
    }
    const uri = pathToFileURL(file).href;
    fileOfUri.set(uri, file);
    entries.push({ uri, text: read.text, restored: cache?.restore(uri, read.text, read.bytes) });
  }
  await indexEntries(index, entries, jobs, message, cache);
  if (cache) {
    try {
      cache.save(index, () => true);
    } catch (error) {
      message(`the cache cannot be written to ${cacheFile} (${(error as Error).message})`);
    }
  }
  return { index, fileOf: (uri) => fileOfUri.get(uri) ?? uri, failed };
}

/** Documents handed to the grouping index at a time while the workers analyse (about 20 ms of work). */
const GROUPING_SLICE_DOCUMENTS = 50;

/**
 * Adds the entries to the index, those not restored from the cache analysed by worker threads (`jobs` of
 * them; by default one per core when there is enough text to be worth it), while this thread reads the
 * quotes of the documents already added for the variant groups.
 */
async function indexEntries(index: WorkspaceIndex, entries: readonly DocumentEntry[], jobs: number | undefined, log: (message: string) => void, cache?: IndexCache): Promise<void> {
  const waiting = entries.filter((e) => !e.restored).map((e) => e.text);
  const threads = jobs === undefined ? poolSizeFor(waiting) : Math.min(jobs, waiting.length);
  if (threads <= 1) {
    index.setDocuments(entries);
    return;
  }
  const pool = new AnalysisPool(threads, log);
  try {
    await indexWithPool(index, pool, entries, {
      others: [],
      skip: () => false,
      whileWaiting: () => index.prepareGroups(GROUPING_SLICE_DOCUMENTS),
      onPooled: (r) => cache?.adopt(r.analysis, r.chunk, r.shapes),
    });
  } finally {
    await pool.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`article-lens: internal error: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
