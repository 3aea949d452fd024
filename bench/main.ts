// `npm run bench [-- --quick] [--only index,lsp,group,names,cli]`: generates the synthetic workspaces under .bench-cache/, measures the index,
// the grouper, the language server and the CLI, and prints the figures with a table of targets.
import { spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { SERVER_NODE_FLAGS } from '../server/src/protocol';
import { generateWorkspace, readSeeds, StoryGenerator, type Workspace } from './generate';
import { runGrouping, runNaiveGrouping, runNames, type GroupingResult } from './groupPhase';
import { runIndexPhase, type IndexResult } from './indexPhase';
import { runLspPhase, type LspResult } from './lspPhase';
import { lat, load, mb, mbps, median, ms, table, type Row } from './stats';
import { runWarmPhase, type WarmResult } from './warmPhase';

const ROOT = process.cwd();
const CACHE = join(ROOT, '.bench-cache');
const SEEDS = join(ROOT, 'samples', 'seeds');

/** The parts of the benchmark, each printing its own section and rows. */
const SECTIONS = ['index', 'lsp', 'group', 'names', 'cli'] as const;
type Section = (typeof SECTIONS)[number];

interface Options {
  readonly quick: boolean;
  /** The sections to run (all by default): a target's row is printed only when its section ran. */
  readonly only: ReadonlySet<Section>;
}

const USAGE = `usage: npm run bench [-- --quick] [--only ${SECTIONS.join(',')}]`;

function parseArgs(argv: readonly string[]): Options | string {
  const rest = [...argv];
  let only: ReadonlySet<Section> = new Set(SECTIONS);
  const at = rest.indexOf('--only');
  if (at >= 0) {
    const names = (rest[at + 1] ?? '').split(',').filter(Boolean);
    const wrong = names.filter((n) => !(SECTIONS as readonly string[]).includes(n));
    if (names.length === 0 || wrong.length > 0) return `--only takes sections among ${SECTIONS.join(', ')}${wrong.length ? `, not ${wrong.join(', ')}` : ''}; ${USAGE}`;
    only = new Set(names as Section[]);
    rest.splice(at, 2);
  }
  const unknown = rest.filter((a) => a !== '--quick');
  if (unknown.length) return `unknown option ${unknown.join(' ')}; ${USAGE}`;
  return { quick: argv.includes('--quick'), only };
}

/** The persisted index of the workspace of `articles` articles, written by its cold index run. */
function cacheFileOf(articles: number): string {
  return join(CACHE, `index-${articles}.bin`);
}

/** The generator and the workspace of `articles` articles (generated once, then reused). */
function workspace(generator: StoryGenerator, articles: number): Workspace {
  const stories = Math.ceil(articles / generator.articlesPerStory);
  return generateWorkspace(join(CACHE, `ws-${stories * generator.articlesPerStory}`), stories, generator);
}

/** Runs one phase in a fresh Node process (its own heap and peak RSS) and returns what it printed. */
function child<T>(args: readonly string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    // With the server's V8 flags: the in-process figures measure the index as the server runs it.
    const proc = spawn(process.execPath, ['--expose-gc', ...SERVER_NODE_FLAGS, process.argv[1]!, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.on('error', reject);
    proc.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('{')) reject(new Error(`bench phase ${args.join(' ')} failed (exit ${code}): ${out.slice(-2000)}`));
      else resolve(JSON.parse(last) as T);
    });
  });
}

/** A child process's entry: `--phase index|group ...`, result as one JSON line on stdout. */
function runPhase(argv: readonly string[]): void {
  const arg = (name: string): string => argv[argv.indexOf(name) + 1]!;
  const generator = new StoryGenerator(readSeeds(SEEDS));
  let result: unknown;
  if (arg('--phase') === 'index') {
    const ws = workspace(generator, Number(arg('--articles')));
    const [alone, prose, quote] = arg('--edits').split(',').map(Number) as [number, number, number];
    result = runIndexPhase(ws.files, ws.articles, { alone, prose, quote }, cacheFileOf(ws.articles));
  } else if (arg('--phase') === 'warm') {
    const ws = workspace(generator, Number(arg('--articles')));
    result = runWarmPhase(ws.files, cacheFileOf(ws.articles));
  } else if (arg('--phase') === 'group') {
    result = runGrouping(generator, Number(arg('--quotes')), Number(arg('--runs')));
  } else throw new Error(`unknown phase ${arg('--phase')}`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

async function main(options: Options): Promise<number> {
  const started = performance.now();
  say(`Article Lens benchmark${options.quick ? ' (--quick: 1,000 articles only)' : ''}`);
  say(`node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 1e9).toFixed(1)} GB; load average ${load()} at start`);
  say('Wall-clock times; "cpu" is this process\'s CPU time over the same span (less sensitive to other load).');
  say();

  const generator = new StoryGenerator(readSeeds(SEEDS));
  const sizes = options.quick ? [1000] : [1000, 10000];
  const cliSize = options.quick ? 1000 : 4000;
  const workspaces = new Map<number, Workspace>();
  for (const size of [...new Set([...sizes, cliSize])]) {
    const t0 = performance.now();
    const ws = workspace(generator, size);
    workspaces.set(size, ws);
    say(`workspace ${ws.dir}: ${ws.files.length} stories, ${ws.articles} articles, ${mb(ws.bytes)} (ready in ${ms(performance.now() - t0)})`);
  }
  say();

  const rows: Row[] = [];
  const indexResults = new Map<number, IndexResult>();
  for (const size of options.only.has('index') ? sizes : []) {
    const runs = size <= 1000 ? 3 : 1;
    const results: IndexResult[] = [];
    for (let r = 0; r < runs; r++) {
      results.push(await child<IndexResult>(['--phase', 'index', '--articles', String(size), '--edits', '200,60,30']));
    }
    const byTotal = [...results].sort((a, b) => a.analyseMs + a.groupMs - (b.analyseMs + b.groupMs));
    const res = byTotal[Math.floor(byTotal.length / 2)]!;
    indexResults.set(size, res);
    const total = res.analyseMs + res.groupMs;
    say(`== Index, ${size.toLocaleString('en')} articles (${res.files} files, ${mb(res.bytes)}, ${res.quotes.toLocaleString('en')} quotes, ${res.groups.toLocaleString('en')} variant groups); median of ${runs} cold run(s), each in a fresh process`);
    say(`  read files                ${ms(res.readMs)} (not counted below)`);
    say(`  analyse every story       ${ms(res.analyseMs)} (cpu ${ms(res.analyseCpuMs)})`);
    say(`  relate and assemble groups ${ms(res.groupMs)} (cpu ${ms(res.groupCpuMs)}; as the server's idle time does, without making each group's comparisons)`);
    say(`  cold index total          ${ms(total)} = ${mbps(res.bytes, total).toFixed(2)} MB/s (by cpu: ${mbps(res.bytes, res.analyseCpuMs + res.groupCpuMs).toFixed(2)} MB/s)`);
    if (runs > 1) say(`  all runs (analyse+group)  ${results.map((r) => ms(r.analyseMs + r.groupMs)).join(', ')}`);
    say(`  re-index, 1-char edit     ${lat(res.edit, false)}  (half in quotes; variant groups are rebuilt lazily, on next use)`);
    say(`  edit outside quotes, then hover on another story   ${lat(res.proseEditThenHover, false)}  (groups kept)`);
    say(`  edit inside a quote, then hover on another story   ${lat(res.quoteEditThenHover, false)}  (regroups the changed quotes)`);
    say(`  hover, groups built       ${lat(res.hover)}`);
    say(`  compact closed texts      ${ms(res.compactMs)} (the server does it in idle time; not counted above)`);
    say(`  heap                      ${res.heapUsedMB.toFixed(0)} MB used after GC + ${res.buffersMB.toFixed(0)} MB of array buffers = ${(res.heapBytesPerArticle / 1024).toFixed(1)} KB per article`);
    say(`  peak RSS (index process)  ${res.coldPeakRssMB.toFixed(0)} MB after the cold index, ${res.peakRssMB.toFixed(0)} MB after the edits`);
    say();
    const at = `${size.toLocaleString('en')} articles`;
    if (size === 10000) {
      rows.push({ what: `cold index, ${at}`, measured: ms(total), target: '≤ 3 s', ok: total <= 3000 });
    }
    rows.push({ what: `cold index throughput, ${at}`, measured: `${mbps(res.bytes, total).toFixed(2)} MB/s`, target: '≥ 10 MB/s', ok: mbps(res.bytes, total) >= 10 });
    rows.push({ what: `re-index after 1-char edit p95, ${at}`, measured: ms(res.edit.p95), target: '≤ 10 ms', ok: res.edit.p95 <= 10 });
    rows.push({ what: `edit outside quotes + next hover p95 (in process), ${at}`, measured: ms(res.proseEditThenHover.p95), target: '≤ 10 ms (hover)', ok: res.proseEditThenHover.p95 <= 10 });
    rows.push({ what: `edit inside a quote + next hover p95 (in process), ${at}`, measured: ms(res.quoteEditThenHover.p95), target: '≤ 10 ms (hover)', ok: res.quoteEditThenHover.p95 <= 10 });
    rows.push({ what: `heap per article, ${at}`, measured: `${(res.heapBytesPerArticle / 1024).toFixed(1)} KB`, target: '≤ 20 KB', ok: res.heapBytesPerArticle <= 20 * 1024 });
    if (size === 10000) rows.push({ what: `peak RSS after cold index (index process), ${at}`, measured: `${res.coldPeakRssMB.toFixed(0)} MB`, target: '≤ 400 MB', ok: res.coldPeakRssMB <= 400 });

    // The cold run above wrote the persisted index; a warm start reads the same files and restores them.
    const warmRuns: WarmResult[] = [];
    for (let r = 0; r < 3; r++) warmRuns.push(await child<WarmResult>(['--phase', 'warm', '--articles', String(size)]));
    const warm = [...warmRuns].sort((a, b) => a.totalMs - b.totalMs)[1]!;
    say(`== Warm start from the persisted index, ${size.toLocaleString('en')} articles (cache file ${mb(warm.cacheBytes)}, written in ${ms(res.cacheSaveMs ?? Number.NaN)} after the cold index); median of 3 runs, each in a fresh process`);
    say(`  read and decode ${warm.files} files  ${ms(warm.readMs)}`);
    say(`  open the cache file        ${ms(warm.openMs)}`);
    say(`  hash, restore              ${ms(warm.restoreMs)} (${warm.restored} of ${warm.files} files unchanged, restored)`);
    say(`  add to the index           ${ms(warm.addMs)}`);
    say(`  warm start total           ${ms(warm.totalMs)} (cpu ${ms(warm.totalCpuMs)}) = ${mbps(res.bytes, warm.totalMs).toFixed(1)} MB/s; all runs ${warmRuns.map((w) => ms(w.totalMs)).join(', ')}`);
    say(`  variant groups, first use  ${ms(warm.groupMs)} (not counted: built lazily, as after a cold index)`);
    const same = warm.restored === warm.files && warm.quotes === res.quotes && warm.groups === res.groups;
    if (!same) say(`  MISMATCH: the warm index has ${warm.quotes} quotes and ${warm.groups} groups, the cold one ${res.quotes} and ${res.groups}`);
    say();
    rows.push({ what: `warm start (persisted index, content hashes), ${at}`, measured: `${ms(warm.totalMs)} (cache ${mb(warm.cacheBytes)})`, target: '≤ 1 s', ok: same && warm.totalMs <= 1000 });
  }

  for (const size of options.only.has('lsp') ? sizes : []) {
    const ws = workspaces.get(size)!;
    // A cache folder of its own, emptied: the first server indexes cold and saves, a second one starts warm.
    const lspCache = join(CACHE, `lsp-storage-${size}`);
    rmSync(lspCache, { recursive: true, force: true });
    const r: LspResult = await runLspPhase(ws.dir, ws.files, 200, { prose: 100, quote: 50 }, lspCache);
    const at = `${size.toLocaleString('en')} articles`;
    say(`== Language server over stdio (dist/server.js), ${at}`);
    say(`  start + index from disk   ${ms(r.startMs)} (${mbps(ws.bytes, r.startMs).toFixed(2)} MB/s)`);
    say(`  first hover after index   ${ms(r.firstHoverMs)} (the grouping index reads every quote first)`);
    say(`  hover (quote)             ${lat(r.hover)}`);
    say(`  hover (actor)             ${lat(r.hoverActor)}`);
    say(`  definition (quote)        ${lat(r.definition)}`);
    say(`  references (quote)        ${lat(r.referencesQuote)}`);
    say(`  references (actor)        ${lat(r.referencesActor)}`);
    say(`  workspace symbols         ${lat(r.workspaceSymbols)}`);
    say(`  edit outside quotes, then hover   ${lat(r.proseEditThenHover)}`);
    say(`  edit inside a quote, then hover   ${lat(r.quoteEditThenHover)}`);
    say(`  first edits, then hover  ${lat(r.firstEditsThenHover)} (the first ${r.firstEditsThenHover.n} edits after start, not in the rows above)`);
    say(`  edit, then diagnostics    ${lat(r.editToDiagnostics)} (includes the 50 ms debounce)`);
    say(`  server RSS                ${r.rssMB.toFixed(0)} MB now, ${r.peakRssMB.toFixed(0)} MB peak`);
    const viewList = (tree: boolean): string => r.views.filter((v) => v.tree === tree).map((v) => `${v.name} ${ms(v.ms)} (${v.mb.toFixed(2)} MB)`).join(', ');
    say(`  views' trees, first pages ${viewList(true)}`);
    say(`  whole lists               ${viewList(false)}; peak RSS then ${r.rssAfterViewsMB.toFixed(0)} MB (no target; see docs/design.md)`);
    const slowest = Math.max(...r.views.filter((v) => v.tree).map((v) => v.ms));
    rows.push({ what: `views' tree requests, slowest, ${at}`, measured: ms(slowest), target: '≤ 50 ms', ok: slowest <= 50 });
    if (r.warm) {
      say(`  restart, warm start       ${ms(r.warm.startMs)}: ${r.warm.indexed.replace(/^Indexed /, '')}`);
      say(`  first hover after it      ${ms(r.warm.firstHoverMs)} (the grouping index reads every quote first)`);
      rows.push({ what: `LSP warm start (persisted index, content hashes), ${at}`, measured: ms(r.warm.startMs), target: '≤ 1 s', ok: r.warm.startMs <= 1000 });
    }
    say();
    rows.push({ what: `LSP hover p95, ${at}`, measured: ms(r.hover.p95), target: '≤ 10 ms', ok: r.hover.p95 <= 10 });
    rows.push({ what: `LSP hover (actor) p95, ${at}`, measured: ms(r.hoverActor.p95), target: '≤ 10 ms', ok: r.hoverActor.p95 <= 10 });
    rows.push({ what: `LSP definition p95, ${at}`, measured: ms(r.definition.p95), target: '≤ 10 ms', ok: r.definition.p95 <= 10 });
    rows.push({ what: `LSP references (quote) p95, ${at}`, measured: ms(r.referencesQuote.p95), target: '≤ 50 ms', ok: r.referencesQuote.p95 <= 50 });
    rows.push({ what: `LSP references (actor) p95, ${at}`, measured: ms(r.referencesActor.p95), target: '≤ 50 ms', ok: r.referencesActor.p95 <= 50 });
    rows.push({ what: `LSP workspace symbols p95, ${at}`, measured: ms(r.workspaceSymbols.p95), target: '≤ 50 ms', ok: r.workspaceSymbols.p95 <= 50 });
    rows.push({ what: `LSP edit outside quotes + next hover p95, ${at}`, measured: ms(r.proseEditThenHover.p95), target: '≤ 10 ms (hover)', ok: r.proseEditThenHover.p95 <= 10 });
    rows.push({ what: `LSP edit inside a quote + next hover p95, ${at}`, measured: ms(r.quoteEditThenHover.p95), target: '≤ 10 ms (hover)', ok: r.quoteEditThenHover.p95 <= 10 });
    if (size === 10000) rows.push({ what: `peak RSS (server), ${at}`, measured: `${r.peakRssMB.toFixed(0)} MB`, target: '≤ 400 MB', ok: r.peakRssMB <= 400 });
  }

  if (options.only.has('group')) await runGroupingSection(generator, options, rows);
  if (options.only.has('names')) runNamesSection(generator, rows);
  if (options.only.has('cli')) runCliSection(workspaces.get(cliSize)!, options, rows);

  say(`== Results (load average ${load()} at the end; total ${ms(performance.now() - started)})`);
  say(table(rows));
  const misses = rows.filter((r) => r.ok === false).length;
  say(`${rows.filter((r) => r.ok === true).length} ok, ${misses} MISS`);
  return 0;
}

async function runGroupingSection(generator: StoryGenerator, options: Options, rows: Row[]): Promise<void> {
  const quoteCounts = options.quick ? [1000, 10000] : [10000, 100000];
  const grouping: GroupingResult[] = [];
  for (const count of quoteCounts) grouping.push(await child<GroupingResult>(['--phase', 'group', '--quotes', String(count), '--runs', count <= 10000 ? '5' : '3']));
  say('== Grouping alone (groupQuotes on the synthetic stories\' quotes, each story\'s plus one viral quote per story)');
  for (const g of grouping) {
    say(`  ${g.quotes.toLocaleString('en').padStart(7)} quotes   ${ms(g.medianMs)} (cpu ${ms(g.medianCpuMs)}), median of ${g.runs}; ${g.groups.toLocaleString('en')} groups, largest ${g.largestGroup}; viral quote: ${g.viralGrouped} of ${g.viralCopies} copies grouped together`);
  }
  const [small, large] = grouping as [GroupingResult, GroupingResult];
  const ratio = large.medianMs / small.medianMs;
  say(`  10× quotes took ${ratio.toFixed(1)}× the time (cpu ${(large.medianCpuMs / small.medianCpuMs).toFixed(1)}×)`);
  const naive = runNaiveGrouping(generator, 2000, options.quick ? 2000 : 5000);
  say(`  naive all pairs, ${naive.sample.toLocaleString('en')} quotes: ${naive.pairsDone.toLocaleString('en')} of ${naive.pairsTotal.toLocaleString('en')} pairs in ${ms(naive.ms)} = ${naive.usPerPair.toFixed(1)} µs/pair`);
  say(`    → all ${naive.sample.toLocaleString('en')} quotes ≈ ${ms(naive.sampleMs)} (the grouper: ${ms(naive.indexedMs)}); 100,000 quotes ≈ ${(naive.hundredThousandMs / 3600000).toFixed(1)} h`);
  say();
  if (!options.quick) {
    rows.push({ what: 'grouping 100,000 quotes', measured: ms(large.medianMs), target: '≤ 3 s', ok: large.medianMs <= 3000 });
  }
  rows.push({ what: `grouping ${large.quotes.toLocaleString('en')} vs ${small.quotes.toLocaleString('en')} quotes`, measured: `${ratio.toFixed(1)}× time`, target: '≤ 12×', ok: ratio <= 12 });
  rows.push({ what: 'naive all-pairs grouping, 100,000 quotes', measured: `≈ ${(naive.hundredThousandMs / 3600000).toFixed(1)} h (extrapolated)`, target: '(comparison)', ok: undefined });
}

function runNamesSection(generator: StoryGenerator, rows: Row[]): void {

  const names = runNames(generator, 10);
  say(`== Names on ${names.articles} articles (${mb(names.bytes)})`);
  say(`  compromise people/places/organisations  ${names.compromiseMBps.toFixed(2)} MB/s (${names.compromisePeople} people)`);
  say(`  findActors (this project)                ${names.findActorsMBps.toFixed(2)} MB/s (${names.actors} actors)`);
  say(`  analyzeStory (quotes, speakers, actors)  ${names.analyseMBps.toFixed(2)} MB/s`);
  say();
  rows.push({ what: 'names: compromise vs findActors', measured: `${names.compromiseMBps.toFixed(2)} vs ${names.findActorsMBps.toFixed(2)} MB/s`, target: '(comparison)', ok: undefined });
}

function runCliSection(cliWs: Workspace, options: Options, rows: Row[]): void {
  const cliRuns = options.quick ? 3 : 1;
  const cliTimes: number[] = [];
  let cliBytes = 0;
  for (let r = 0; r < cliRuns; r++) {
    const t0 = performance.now();
    const run = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'analyze', '--json', cliWs.dir], { maxBuffer: 2 ** 31 - 1, stdio: ['ignore', 'pipe', 'inherit'] });
    cliTimes.push(performance.now() - t0);
    if (run.status !== 0) throw new Error(`article-lens analyze exited ${run.status}`);
    cliBytes = run.stdout.length;
  }
  const cliMs = median(cliTimes);
  const cliAt = `${cliWs.articles.toLocaleString('en')} articles`;
  say(`== CLI: article-lens analyze --json, ${cliAt} (${mb(cliWs.bytes)}), median of ${cliRuns}`);
  say(`  ${ms(cliMs)} = ${mbps(cliWs.bytes, cliMs).toFixed(2)} MB/s; ${mb(cliBytes)} of JSON`);
  say();
  rows.push({ what: `CLI analyze --json, ${cliAt}`, measured: `${mbps(cliWs.bytes, cliMs).toFixed(2)} MB/s`, target: '≥ 10 MB/s', ok: mbps(cliWs.bytes, cliMs) >= 10 });
}

if (process.argv.includes('--phase')) {
  runPhase(process.argv.slice(2));
} else {
  const options = parseArgs(process.argv.slice(2));
  if (typeof options === 'string') {
    process.stderr.write(`bench: ${options}\n`);
    process.exitCode = 2;
  } else {
    main(options).then(
      (code) => (process.exitCode = code),
      (error: unknown) => {
        process.stderr.write(`bench: ${(error as Error).stack ?? String(error)}\n`);
        process.exitCode = 1;
      },
    );
  }
}
