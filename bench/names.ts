// Compares our rule-based person finder with the NLP library `compromise` on the reference annotations
// (the seeds and the fictional fixture stories): which finds the people better, and how fast.
// Run: npm run eval:names
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import nlp from 'compromise';
import { findActors } from '../server/src/core/actorFinder';
import { parseStory } from '../server/src/core/storyParser';

interface Gold {
  articles: Array<{ file: string }>;
  actors?: Array<{ name: string; kind: string; mentions?: string[] }>;
}

const sets: Array<{ gold: string; folder: string }> = [{ gold: 'test/fixtures/gold/seeds.json', folder: 'samples/seeds' }];
for (const name of readdirSync('test/fixtures/stories')) sets.push({ gold: join('test/fixtures/stories', name, 'gold.json'), folder: join('test/fixtures/stories', name) });

/** Drops punctuation compromise leaves at the end of a name ("Putin,"). */
function trimPunctuation(s: string): string {
  let end = s.length;
  while (end > 0 && '.,:;'.includes(s[end - 1]!)) end--;
  return s.slice(0, end);
}

const norm = (s: string): string => s.replace(/[’']/g, "'").replace(/'s$/, '').trim().toLowerCase();
const ours = { tp: 0, fp: 0, fn: 0, ms: 0 };
const theirs = { tp: 0, fp: 0, fn: 0, ms: 0 };
let bytes = 0;

for (const set of sets) {
  const gold = JSON.parse(readFileSync(set.gold, 'utf8')) as Gold;
  const people = (gold.actors ?? []).filter((a) => a.kind === 'person');
  const surface = new Map<string, string>();
  for (const p of people) for (const m of [p.name, ...(p.mentions ?? [])]) surface.set(norm(m), p.name);
  const text = gold.articles.map((a) => readFileSync(join(set.folder, a.file), 'utf8')).join('\n\n');
  bytes += Buffer.byteLength(text);

  const score = (found: Iterable<string>, into: typeof ours): void => {
    const names = new Set<string>();
    for (const f of found) {
      const person = surface.get(norm(f)) ?? [...surface.entries()].find(([form]) => norm(f).endsWith(form) && form.includes(' '))?.[1];
      if (person) names.add(person);
      else into.fp++;
    }
    into.tp += names.size;
    into.fn += people.length - names.size;
  };

  let t = performance.now();
  const story = parseStory(text, { fileName: 'story.txt' });
  const findings = findActors(story, []);
  ours.ms += performance.now() - t;
  score([...findings.actors.values()].filter((a) => a.kind === 'person').map((a) => a.name), ours);

  t = performance.now();
  const found = (nlp(text).people().out('array') as string[]).map(trimPunctuation);
  theirs.ms += performance.now() - t;
  score(new Set(found), theirs);
}

const report = (name: string, r: typeof ours): string => {
  const p = r.tp / Math.max(1, r.tp + r.fp);
  const rec = r.tp / Math.max(1, r.tp + r.fn);
  const f1 = (2 * p * rec) / Math.max(1e-9, p + rec);
  return `${name.padEnd(22)} precision ${p.toFixed(3)}  recall ${rec.toFixed(3)}  F1 ${f1.toFixed(3)}  ${((bytes / 1e6) / (r.ms / 1000)).toFixed(2)} MB/s`;
};
console.log(`people in ${sets.length} annotated stories (${(bytes / 1024).toFixed(0)} KB)`);
console.log(report('article-lens rules', ours));
console.log(report('compromise 14', theirs));
