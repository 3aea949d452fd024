import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StoryAnalysisMemo } from '../../../server/src/core/storyAnalysisMemo';
import { analyzeStory } from '../../../server/src/core/storyAnalyzer';
import { parseStory } from '../../../server/src/core/storyParser';
import { random } from '../../lsp/reliabilityClient';

const sample = readFileSync(join(process.cwd(), 'samples', 'mediate-russia-first.articles'), 'utf8');
const declared = [{ name: 'Vladimir Putin', aliases: ['the Kremlin chief'] }];
// Edits that move articles, change names (and so what the story knows), open and close quotes.
const PIECES = ['e', ' ', '“', '”', '"', '\n', '\n\n', 'Putin', ' Maria Lopez said ', '=== Extra ===\n\n', '.'];

describe('story analysis memo', () => {
  it('after each of 300 random edits of the sample, re-reading only what changed equals a fresh analysis', () => {
    const next = random(0x5eed);
    const memo = new StoryAnalysisMemo();
    let text = sample;
    analyzeStory(parseStory(text), declared, memo);
    let reused = 0;
    for (let n = 0; n < 300; n++) {
      const at = Math.floor(next() * text.length);
      const remove = next() < 0.3 ? Math.floor(next() * 4) : 0;
      text = text.slice(0, at) + (remove > 0 && next() < 0.5 ? '' : PIECES[Math.floor(next() * PIECES.length)]!) + text.slice(at + remove);
      const story = parseStory(text);
      const incremental = analyzeStory(story, declared, memo);
      const fresh = analyzeStory(story, declared);
      assert.deepEqual(incremental, fresh, `after edit ${n} at ${at}`);
      if (incremental.quotes.length > 0) reused++;
    }
    assert.ok(reused > 250, 'the edits left quotes to compare');
  });

  it('moves the offsets of articles after the edit', () => {
    const memo = new StoryAnalysisMemo();
    analyzeStory(parseStory(sample), [], memo);
    const firstBody = parseStory(sample).articles[0]!.bodySpan.start;
    const edited = `${sample.slice(0, firstBody)}Breaking: ${sample.slice(firstBody)}`;
    const after = analyzeStory(parseStory(edited), [], memo);
    const singleParts = after.quotes.filter((q) => q.parts.length === 1);
    assert.ok(singleParts.length > 30);
    for (const q of singleParts) assert.equal(edited.slice(q.span.start, q.span.end), q.text);
    for (const m of after.mentions) assert.equal(edited.slice(m.start, m.end), m.text);
  });
});
