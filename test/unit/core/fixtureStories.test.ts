import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildReport } from '../../../server/src/core/analysisReport';
import { evaluate, type EvaluationResult, type GoldFile } from '../../../server/src/core/evaluation';
import { WorkspaceIndex } from '../../../server/src/core/workspaceIndex';
import { ROOT, readRepoFile } from '../testFiles';

/**
 * Three fictional stories the analysis was never tuned on (test/fixtures/stories/<story>/*.txt), each
 * with hand-made reference annotations in the form of shared/gold/seeds.json (gold.json beside them).
 *
 * Issue targets: quote recall ≥ 0.97, quote precision ≥ 0.95, speaker accuracy ≥ 0.95, variant-group
 * pairwise F1 ≥ 0.95. The current analysis does not reach them on unseen news; the floors below are the
 * measured values rounded DOWN to the nearest 0.05, so any regression fails while improvements pass.
 * Raise a floor when the analysis gets better.
 *
 * Measured (recall / precision / speaker / kind / group F1):
 *   carrowmore-dock-strike  1.000 / 1.000 / 0.867 / 1.000 / 0.885
 *   eu-green-steel-fund     1.000 / 1.000 / 1.000 / 0.966 / 1.000
 *   riverbend-flood         1.000 / 1.000 / 1.000 / 1.000 / 1.000
 *   all three together      (see the assertion below)
 * (first measured before the attribution rework: speaker 0.276 / 0.607 / 0.545.)
 */
interface Floors {
  readonly recall: number;
  readonly precision: number;
  readonly speaker: number;
  readonly kind: number;
  readonly groupF1: number;
}

const STORIES: ReadonlyArray<{ name: string; floors: Floors }> = [
  { name: 'carrowmore-dock-strike', floors: { recall: 1, precision: 1, speaker: 0.85, kind: 1, groupF1: 0.85 } },
  { name: 'eu-green-steel-fund', floors: { recall: 1, precision: 1, speaker: 1, kind: 0.95, groupF1: 1 } },
  { name: 'riverbend-flood', floors: { recall: 1, precision: 1, speaker: 1, kind: 1, groupF1: 1 } },
];
const ALL_FLOORS: Floors = { recall: 1, precision: 1, speaker: 0.95, kind: 0.95, groupF1: 0.9 };

const STORIES_DIR = join('test', 'fixtures', 'stories');

const articleFiles = (story: string): string[] =>
  readdirSync(join(ROOT, STORIES_DIR, story))
    .filter((f) => f.endsWith('.txt'))
    .sort();

const goldOf = (story: string): GoldFile => JSON.parse(readRepoFile(STORIES_DIR, story, 'gold.json')) as GoldFile;

function measure(stories: readonly string[]): EvaluationResult {
  const index = new WorkspaceIndex();
  const articles: Array<GoldFile['articles'][number]> = [];
  for (const story of stories) {
    for (const file of articleFiles(story)) index.setDocument(`file:///stories/${story}/${file}`, readRepoFile(STORIES_DIR, story, file));
    // Group names are local to a story's gold file.
    for (const a of goldOf(story).articles) articles.push({ file: a.file, quotes: a.quotes.map((q) => ({ ...q, groups: q.groups.map((g) => `${story}:${g}`) })) });
  }
  return evaluate({ articles }, buildReport(index));
}

function assertFloors(result: EvaluationResult, floors: Floors): void {
  const misses = `\n${result.misses.join('\n')}`;
  assert.ok(result.recall >= floors.recall, `quote recall ${result.recall.toFixed(3)} < ${floors.recall}${misses}`);
  assert.ok(result.precision >= floors.precision, `quote precision ${result.precision.toFixed(3)} < ${floors.precision}${misses}`);
  assert.ok(result.speakerAccuracy >= floors.speaker, `speaker accuracy ${result.speakerAccuracy.toFixed(3)} < ${floors.speaker}${misses}`);
  assert.ok(result.kindAccuracy >= floors.kind, `kind accuracy ${result.kindAccuracy.toFixed(3)} < ${floors.kind}${misses}`);
  assert.ok(result.groupF1 >= floors.groupF1, `variant-group F1 ${result.groupF1.toFixed(3)} < ${floors.groupF1}${misses}`);
}

const MARKS = '"“”„‟\'‘’‚«»‹›';

/** Where `words` occur in `text` from `from` on, preceded by what `opens` accepts; -1 if nowhere. */
function quotedAt(text: string, words: string, from: number, opens: (before: string) => boolean): number {
  for (let at = text.indexOf(words, from); at >= 0; at = text.indexOf(words, at + 1)) {
    if (opens(text.slice(Math.max(0, at - 3), at))) return at;
  }
  return -1;
}

describe('analysis measured against the fictional fixture stories', () => {
  for (const { name, floors } of STORIES) {
    describe(name, () => {
      it('has a reference file that matches its articles', () => {
        const gold = goldOf(name) as GoldFile & { actors: Array<{ name: string }>; variantGroups: Record<string, Array<{ file: string; text: string }>> };
        const files = articleFiles(name);
        assert.ok(files.length >= 3 && files.length <= 4, 'three or four outlets per story');
        assert.deepEqual(gold.articles.map((a) => a.file).sort(), files);
        const actors = new Set(gold.actors.map((a) => a.name));
        for (const article of gold.articles) {
          const text = readRepoFile(STORIES_DIR, name, article.file);
          for (const q of article.quotes) {
            // A quotation continued over paragraphs: each later part follows the break and a reopening mark.
            const [first, ...rest] = q.text.split('\n\n');
            let at = quotedAt(text, first!, 0, (before) => before !== '' && MARKS.includes(before.slice(-1)));
            assert.ok(at >= 0, `${article.file}: "${q.text}" is not a quotation of the article`);
            for (const part of rest) {
              at = quotedAt(text, part, at, (before) => /\n\n.$/u.test(before) && MARKS.includes(before.slice(-1)));
              assert.ok(at >= 0, `${article.file}: "${part}" does not continue the quotation`);
            }
            assert.ok(q.speaker === null || actors.has(q.speaker), `${article.file}: speaker ${q.speaker} is not among the actors`);
            assert.ok(['speech', 'fragment', 'name'].includes(q.kind!), `${article.file}: kind ${q.kind}`);
          }
        }
        for (const [group, members] of Object.entries(gold.variantGroups)) {
          assert.ok(new Set(members.map((m) => m.file)).size >= 2, `group ${group} spans two articles`);
          const listed = gold.articles.flatMap((a) => a.quotes.filter((q) => q.groups.includes(group)).map((q) => ({ file: a.file, text: q.text })));
          assert.deepEqual(members, listed, `group ${group} lists exactly the quotes that name it`);
        }
      });

      it(`stays at or above the measured floors (recall ${floors.recall}, precision ${floors.precision}, speaker ${floors.speaker}, kind ${floors.kind}, group F1 ${floors.groupF1})`, () => {
        assertFloors(measure([name]), floors);
      });
    });
  }

  it('keeps the floors with all three stories in one workspace (no cross-story groups)', () => {
    assertFloors(
      measure(STORIES.map((s) => s.name)),
      ALL_FLOORS,
    );
  });

  it('flags the version that drops a negation (I believe the fund is dead)', () => {
    const index = new WorkspaceIndex();
    const story = 'eu-green-steel-fund';
    for (const file of articleFiles(story)) index.setDocument(`file:///stories/${story}/${file}`, readRepoFile(STORIES_DIR, story, file));
    const flagged = index
      .variantGroups()
      .flatMap((g) => g.members)
      .filter((m) => m.comparison.negationChanged)
      .map((m) => index.quote(m.key)!.quote.text);
    assert.ok(flagged.includes('I believe the fund is dead,'), `flagged: ${flagged.join(' | ')}`);
    // The versions that keep the negation are not flagged. (Truncations and fragments whose left-out
    // words hold a negation are flagged today, wrongly; that is reported, not asserted.)
    assert.ok(!flagged.includes('I do not believe the fund is dead') && !flagged.includes('I do not believe the fund is dead.'), `flagged: ${flagged.join(' | ')}`);
  });
});
