// The property soak: the reliability properties of npm test, run much longer (at least 100,000 edits for
// "incremental equals fresh"), each in a worker with a time limit so a hang is reported, not waited on.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { scanQuotes } from '../../server/src/core/quoteScanner';
import { parseStory } from '../../server/src/core/storyParser';
import { WorkspaceIndex } from '../../server/src/core/workspaceIndex';
import { provideHover } from '../../server/src/features/hover';
import { defineJob, runBounded } from '../unit/reliability/bounded';
import { freshIndex, replay, snapshot } from '../unit/reliability/indexSnapshot';
import { checkMarkdown, storiesArb, URIS } from '../unit/reliability/markdownChecks';
import { checkDocument } from '../unit/reliability/rangeChecks';
import { BASE_TEXTS, scenarioArb, unicodeStoryArb } from '../unit/reliability/storyArbitraries';

interface JobResult {
  runs: number;
  edits?: number;
  failures: string[];
}

const describeFailure = <T>(seed: number, details: fc.RunDetails<T>): string =>
  `seed ${seed}, path ${details.counterexamplePath ?? '?'}: ${JSON.stringify(details.counterexample)}\n    ${String((details.errorInstance as Error | undefined)?.message ?? details.errorInstance).split('\n')[0]}`;

/** Runs a property in batches with fresh seeds until `enough()` says stop; shrinks and keeps each failure. */
function batches<T>(arb: fc.Arbitrary<T>, check: (value: T) => void, enough: (runs: number) => boolean, progress: (input: unknown) => void): JobResult {
  const failures: string[] = [];
  let runs = 0;
  for (let seed = 1; !enough(runs) && failures.length < 5; seed++) {
    const details = fc.check(
      fc.property(arb, (value) => {
        progress(value);
        check(value);
      }),
      { numRuns: 250, seed },
    );
    runs += details.numRuns;
    if (details.failed) failures.push(describeFailure(seed, details));
  }
  return { runs, failures };
}

const targetEdits = Number(process.env.SOAK_PROPERTY_EDITS ?? 100_000);

const incrementalJob = defineJob('soak: incremental equals fresh', (progress) => {
  let edits = 0;
  const result = batches(
    scenarioArb(60, 'max'),
    ({ initial, ops }) => {
      edits += ops.filter((o) => o.kind === 'edit').length;
      const { index, texts } = replay(initial, ops);
      assert.deepEqual(snapshot(index), snapshot(freshIndex(texts)));
    },
    () => edits >= targetEdits,
    progress,
  );
  return { ...result, edits };
});

const positionsJob = defineJob('soak: positions', (progress) =>
  batches(
    fc.tuple(unicodeStoryArb, fc.boolean()),
    ([text, withOther]) => {
      const index = new WorkspaceIndex();
      index.setDocument('file:///ws/unicode.articles', text);
      if (withOther) index.setDocument('file:///ws/b.articles', BASE_TEXTS[1]! + '\n' + text);
      checkDocument(index, 'file:///ws/unicode.articles');
    },
    (runs) => runs >= Number(process.env.SOAK_POSITION_RUNS ?? 5000),
    progress,
  ),
);

const hoverJob = defineJob('soak: hover injection', (progress) =>
  batches(
    storiesArb,
    (texts) => {
      const index = new WorkspaceIndex();
      texts.forEach((text, i) => index.setDocument(URIS[i]!, text));
      const allowed = new Set<string>();
      for (const doc of index.documents()) for (const q of doc.analysis.quotes) {
        const r = doc.lines.rangeOf(q.span);
        allowed.add(`${doc.uri}#L${r.start.line + 1},${r.start.character + 1}`);
      }
      for (const doc of index.documents()) {
        for (const offset of [...doc.analysis.quotes.map((q) => q.span.start), ...[...doc.analysis.mentions].map((m) => m.start)]) {
          const hover = provideHover(index, doc.uri, doc.lines.positionAt(offset));
          if (hover) checkMarkdown((hover.contents as { value: string }).value, allowed);
        }
      }
    },
    (runs) => runs >= Number(process.env.SOAK_HOVER_RUNS ?? 1500),
    progress,
  ),
);

const treeJob = defineJob('soak: quotation nesting', (progress) =>
  batches(
    fc.array(fc.constantFrom('“', '”', '"', "'", '‘', '’', '«', '»', '„', '‹', '›', 'a', 'i', ' ', '.', '\n', '\n\n'), { minLength: 1, maxLength: 60 }).map((a) => a.join('')),
    (text) => {
      for (const article of parseStory(text).articles) {
        const { quotes } = scanQuotes(text, article.paragraphs);
        quotes.forEach((q, i) => assert.ok(q.parent === undefined || q.parent < i, `quote ${i} has parent ${q.parent}`));
      }
    },
    (runs) => runs >= 50_000,
    progress,
  ),
);

export async function propertySoak(): Promise<boolean> {
  const jobs: Array<[string, string, number]> = [
    [incrementalJob, `incremental equals fresh (≥ ${targetEdits.toLocaleString('en')} edits)`, 1_800_000],
    [positionsJob, 'ranges map back to spans on random Unicode', 600_000],
    [hoverJob, 'no active markdown from articles in hovers', 600_000],
    [treeJob, 'quotation nesting is a tree', 300_000],
  ];
  let ok = true;
  console.log('Property soak:');
  for (const [job, label, limit] of jobs) {
    const started = performance.now();
    try {
      const result = (await runBounded(job, limit)) as JobResult;
      const seconds = ((performance.now() - started) / 1000).toFixed(0);
      const edits = result.edits !== undefined ? `, ${result.edits.toLocaleString('en')} edits` : '';
      console.log(`  ${result.failures.length ? 'FAIL' : 'ok  '} ${label}: ${result.runs.toLocaleString('en')} runs${edits} in ${seconds} s`);
      for (const f of result.failures) console.log(`       ${f}`);
      if (result.failures.length) ok = false;
    } catch (error) {
      ok = false;
      console.log(`  FAIL ${label}: ${(error as Error).message.slice(0, 2000)}`);
    }
  }
  return ok;
}
