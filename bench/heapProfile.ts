// `node --expose-gc out/bench/heapProfile.js WORKSPACE [SNAPSHOT]`: builds the index of a generated
// workspace as the benchmark does (every file, then the variant groups) and prints where its heap goes:
// what each part of the index retains on its own (measured by dropping it and collecting), then, with
// SNAPSHOT, writes a heap snapshot there for `heapSnapshotSummary.ts`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeHeapSnapshot } from 'node:v8';
import { WorkspaceIndex } from '../server/src/core/workspaceIndex';

declare const gc: () => void;

function heapUsed(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

function main(dir: string, snapshot: string | undefined): void {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.articles'))
    .map((f) => join(dir, f));
  const articles = files.length * 4;
  const base = heapUsed();
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  const afterTexts = heapUsed();
  const cpu = process.cpuUsage();
  const index = new WorkspaceIndex();
  texts.forEach((t, i) => index.setDocument(pathToFileURL(files[i]!).href, t));
  const afterAnalysis = heapUsed();
  const groups = index.variantGroups();
  const afterGroups = heapUsed();
  const kb = (bytes: number): string => `${(bytes / articles / 1024).toFixed(2)} KB/article`;
  const say = (what: string, bytes: number): void => void process.stdout.write(`${what.padEnd(44)} ${(bytes / 1e6).toFixed(1).padStart(7)} MB  ${kb(bytes)}\n`);
  process.stdout.write(`${articles} articles, ${groups.length} groups, ${index.quotes().size} quotes\n`);
  say('texts', afterTexts - base);
  say('analysis (docs, refs, memos)', afterAnalysis - afterTexts);
  say('variant groups', afterGroups - afterAnalysis);
  say('total (the bench figure)', afterGroups - base);
  const { user, system } = process.cpuUsage(cpu);
  process.stdout.write(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB, index CPU ${((user + system) / 1e6).toFixed(1)} s (node ${process.execArgv.join(' ')})\n`);
  if (snapshot) {
    writeHeapSnapshot(snapshot);
    process.stdout.write(`snapshot written to ${snapshot}\n`);
  }
  // What each part retains alone: dropped one after another, collected after each.
  const internals = index as unknown as Record<string, unknown>;
  const drops: Array<[string, () => void]> = [
    ['  variant groups (groupsCache, variantOf)', () => ((internals.groupsCache = undefined), (internals.variantOf = new WeakMap()))],
    ['  grouping index', () => ((internals.grouping = undefined), (internals.recentWords as Map<string, unknown>).clear())],
    ['  quote table (quoteCache)', () => (internals.quoteCache = undefined)],
    ['  memos', () => (internals.memos as Map<string, unknown>).clear()],
    ['  quote refs and keys', () => (internals.refsOf as Map<string, unknown>).clear()],
  ];
  let before = heapUsed();
  for (const [what, drop] of drops) {
    drop();
    const now = heapUsed();
    say(what, before - now);
    before = now;
  }
  say('  left: documents (text, parse, analysis, lines)', before - base);
}

main(process.argv[2]!, process.argv[3]);
