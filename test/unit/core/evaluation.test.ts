import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { buildReport } from '../../../server/src/core/analysisReport';
import { evaluate, type GoldFile } from '../../../server/src/core/evaluation';
import { WorkspaceIndex } from '../../../server/src/core/workspaceIndex';
import { readRepoFile } from '../testFiles';

const SEEDS = ['000_d2e7a15075f763f0.txt', '001_207b969bab2c243d.txt', '002_780d4a16f8530fba.txt', '004_caf1e3ea4067cbbe.txt'];

describe('analysis measured against the reference annotations of the seeds', () => {
  const index = new WorkspaceIndex();
  for (const f of SEEDS) index.setDocument(`file:///seeds/${f}`, readRepoFile('samples', 'seeds', f));
  const gold = JSON.parse(readRepoFile(join('test', 'fixtures', 'gold', 'seeds.json'))) as GoldFile;
  const result = evaluate(gold, buildReport(index));

  it('meets the quote recall and precision targets (≥ 0.97, ≥ 0.95)', () => {
    assert.ok(result.recall >= 0.97, `recall ${result.recall}: ${result.misses.join('\n')}`);
    assert.ok(result.precision >= 0.95, `precision ${result.precision}: ${result.misses.join('\n')}`);
  });

  it('meets the speaker accuracy target (≥ 0.95)', () => {
    assert.ok(result.speakerAccuracy >= 0.95, `speaker accuracy ${result.speakerAccuracy}: ${result.misses.join('\n')}`);
  });

  it('meets the variant-group pairwise F1 target (≥ 0.95)', () => {
    assert.ok(result.groupF1 >= 0.95, `group F1 ${result.groupF1}: ${result.misses.join('\n')}`);
  });

  it('scores a broken analysis low (the measure can fail)', () => {
    const empty = evaluate(gold, { version: 1, articles: [], quotes: [], actors: [], variantGroups: [] });
    assert.equal(empty.recall, 0);
    assert.equal(empty.groupF1, 0);
  });
});
