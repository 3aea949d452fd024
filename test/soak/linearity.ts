// Analysis time must grow linearly: for each shape of input, 10× the input may take at most 12× the time.
// Each shape runs in a worker with a time limit, so a quadratic (or endless) case is reported, not waited on.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkspaceIndex } from '../../server/src/core/workspaceIndex';
import { provideDiagnostics } from '../../server/src/features/diagnostics';
import { defineJob, runBounded } from '../unit/reliability/bounded';
import { bigStory } from './bigStory';

const MAX_RATIO = 12;

/** Body text of the sample story, without delimiters, headers and annotations. */
function sampleBody(): string {
  const story = readFileSync(join(process.cwd(), 'samples', 'mediate-russia-first.articles'), 'utf8');
  return story
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('===') && !l.startsWith('@') && !/^[a-z]+:/.test(l))
    .join(' ');
}
const repeat = (unit: string, n: number): string => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

/** Shapes of input, each a function of the size in characters. */
const SHAPES: Array<{ name: string; small: number; make: (n: number) => string }> = [
  { name: 'a story of articles (5 → 50 articles)', small: 20_000, make: (n) => bigStory(Math.round(n / 4000), n) },
  { name: 'one long line of article text (no line breaks)', small: 20_000, make: (n) => repeat(sampleBody() + ' ', n) },
  { name: 'many short paragraphs, each with an unclosed quote', small: 10_000, make: (n) => '=== A ===\n\n' + repeat('x “a\n', n) },
  { name: 'one paragraph of many quotes, each with its speaker', small: 10_000, make: (n) => repeat('He said “hello there.” ', n) },
  { name: 'one paragraph of many straight quotes', small: 10_000, make: (n) => repeat('" a ', n) },
  { name: 'opening marks only', small: 10_000, make: (n) => repeat('“', n) },
  { name: 'marks of every family, nested', small: 10_000, make: (n) => repeat('“‘«‹„"\'', n) },
  { name: 'one paragraph of names', small: 10_000, make: (n) => repeat('Vladimir Putin said. ', n) },
  { name: 'words without quotes', small: 20_000, make: (n) => repeat('lorem ipsum dolor sit amet, ', n) },
];

function analyse(text: string): number {
  const start = performance.now();
  const index = new WorkspaceIndex();
  index.setDocument('file:///soak/linear.articles', text);
  index.variantGroups();
  provideDiagnostics(index, 'file:///soak/linear.articles');
  return performance.now() - start;
}

const jobs = SHAPES.map((shape) =>
  defineJob(`linearity: ${shape.name}`, (progress) => {
    analyse(shape.make(2000)); // warm up the code and the gazetteer
    const small = shape.make(shape.small);
    const large = shape.make(shape.small * 10);
    progress(`${shape.small} characters`);
    const smallMs = Math.min(analyse(small), analyse(small), analyse(small));
    progress(`${shape.small * 10} characters`);
    let largeMs = analyse(large);
    // Fast runs are noisy (a GC pause weighs a lot): take the best of three, as for the small input.
    if (largeMs < 3000) largeMs = Math.min(largeMs, analyse(large), analyse(large));
    return { smallMs, largeMs, small: small.length, large: large.length };
  }),
);

export async function linearitySoak(limitMs = 300_000): Promise<boolean> {
  console.log(`Linearity (10× the input may take at most ${MAX_RATIO}× the time; index + variant groups + diagnostics):`);
  let ok = true;
  for (let i = 0; i < SHAPES.length; i++) {
    const shape = SHAPES[i]!;
    try {
      const r = (await runBounded(jobs[i]!, limitMs, limitMs)) as { smallMs: number; largeMs: number; small: number; large: number };
      // Below some 20 ms the ratio is noise (timer resolution, a GC pause): give the small run a floor.
      const ratio = r.largeMs / Math.max(r.smallMs, 20);
      const pass = ratio <= MAX_RATIO;
      if (!pass) ok = false;
      console.log(
        `  ${pass ? 'ok  ' : 'FAIL'} ${shape.name}: ${r.small.toLocaleString('en')} chars ${r.smallMs.toFixed(0)} ms, ${r.large.toLocaleString('en')} chars ${r.largeMs.toFixed(0)} ms, ratio ${ratio.toFixed(1)}`,
      );
    } catch (error) {
      ok = false;
      console.log(`  FAIL ${shape.name}: ${(error as Error).message.split('\n')[0]!.slice(0, 300)}`);
    }
  }
  return ok;
}
