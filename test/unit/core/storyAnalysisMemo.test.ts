import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StoryAnalysisMemo } from '../../../server/src/core/storyAnalysisMemo';
import { analyzeStory } from '../../../server/src/core/storyAnalyzer';
import { parseStory } from '../../../server/src/core/storyParser';
import { random } from '../../lsp/reliabilityClient';
import { bigStory } from '../../soak/bigStory';

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

  it('renumbers the articles after a delimiter line that was broken or restored, without reading them again', () => {
    const text = bigStory(8, 24 * 1024);
    const third = parseStory(text).articles[2]!.span.start;
    // "=== Outlet 03 ===" loses its first "=": articles 2 and 3 become one, and articles 4 to 8 move up one.
    const joined = text.slice(0, third) + text.slice(third + 1);
    const memo = new StoryAnalysisMemo();
    for (const [version, moved] of [[text, 0], [joined, 5], [text, 5]] as const) {
      let reads = 0;
      const counting = new Proxy(memo, {
        get: (target, key) =>
          key === 'names' || key === 'article'
            ? (...args: unknown[]) => {
                const read = args[args.length - 1] as () => unknown;
                args[args.length - 1] = () => (reads++, read());
                return (target[key] as (...a: unknown[]) => unknown).apply(target, args);
              }
            : Reflect.get(target, key, target),
      });
      const story = parseStory(version);
      const incremental = analyzeStory(story, declared, counting);
      assert.deepEqual(incremental, analyzeStory(story, declared), `version with ${story.articles.length} articles`);
      if (moved > 0) assert.ok(reads <= 2 * 2, `${reads} reads of articles: only the joined (or split) ones were to be read`);
      assert.equal(Math.max(...incremental.quotes.map((q) => q.articleIndex)), story.articles.length - 1, 'the last article keeps its quotes');
    }
  });
});
