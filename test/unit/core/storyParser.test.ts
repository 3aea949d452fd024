import { strict as assert } from 'node:assert';
import { LineIndex } from '../../../server/src/core/lineIndex';
import { ProblemCode } from '../../../server/src/core/model';
import { parseStory } from '../../../server/src/core/storyParser';
import { readRepoFile } from '../testFiles';

describe('storyParser', () => {
  it('reads the four articles of the sample story with sources and titles', () => {
    const story = parseStory(readRepoFile('samples', 'mediate-russia-first.articles'));
    assert.deepEqual(
      story.articles.map((a) => a.source),
      ['Outlet 000 (unnamed tabloid)', 'Outlet 001 (unnamed wire report)', 'Новая газета Европа', 'Outlet 004 (unnamed news site)'],
    );
    assert.equal(story.articles[2]!.title, 'Trump Rejects Moscow’s Israel-Iran Peace Offer, Tells Putin to ‘Mediate Russia First’');
    assert.ok(story.preamble);
    assert.equal(story.problems.filter((p) => p.severity === 'error').length, 0);
    const body = story.text.slice(story.articles[1]!.bodySpan.start, story.articles[1]!.bodySpan.end);
    assert.equal(body, readRepoFile('samples', 'seeds', '001_207b969bab2c243d.txt').trimEnd(), 'the body is kept verbatim');
  });

  it('treats a file without delimiters as one article named after the file', () => {
    const story = parseStory(readRepoFile('samples', 'seeds', '000_d2e7a15075f763f0.txt'), { fileName: 'seeds/000_d2e7a15075f763f0.txt' });
    assert.equal(story.articles.length, 1);
    assert.equal(story.articles[0]!.source, '000_d2e7a15075f763f0');
    assert.equal(story.articles[0]!.title, "Donald Trump's furious response to Vladimir Putin's offer to mediate in Israel-Iran war");
  });

  it('parses an empty file and a preamble-only file without problems', () => {
    assert.equal(parseStory('').articles.length, 1);
    assert.equal(parseStory('').articles[0]!.paragraphs.length, 0);
    const onlyPreamble = parseStory('Notes about the story.\n\nNothing pasted yet.\n', { fileName: 'notes.articles' });
    assert.equal(onlyPreamble.articles.length, 1);
    assert.equal(onlyPreamble.articles[0]!.paragraphs.length, 2);
  });

  it('accepts a delimiter without a header and reports an empty source', () => {
    const story = parseStory('===  ===\nBody right away.\n=== The Daily ===\nAlso a body.');
    assert.equal(story.articles.length, 2);
    assert.equal(story.articles[0]!.source, 'Untitled 1');
    assert.ok(story.problems.some((p) => p.code === ProblemCode.EmptySource));
    // "Also a body." is not a header field, so it is the body.
    assert.equal(story.articles[1]!.paragraphs.length, 1);
    assert.equal(story.articles[1]!.fields.length, 0);
  });

  it('keeps an escaped delimiter line in the body', () => {
    const story = parseStory('=== A ===\ntitle: T\n\nFirst line.\n\\=== not a delimiter ===\nLast line.');
    assert.equal(story.articles.length, 1);
    assert.equal(story.articles[0]!.paragraphs.length, 3);
  });

  it('reads header fields and annotations, and flags a broken header', () => {
    const text = [
      '@actor Donald Trump [person]: Trump, the US president',
      '=== The Daily ===',
      'title: A title',
      'date: 2025-06-19',
      'url: https://example.com/a',
      '@speaker "no surrender" = Ali Khamenei',
      '@ignore "Operation Rising Lion" #2',
      'this line is broken',
      'Body.',
    ].join('\n');
    const story = parseStory(text);
    const article = story.articles[0]!;
    assert.equal(article.title, 'A title');
    assert.equal(article.date, '2025-06-19');
    assert.equal(article.url, 'https://example.com/a');
    assert.deepEqual(story.annotations[0], {
      type: 'actor', span: { start: 0, end: 53 }, name: 'Donald Trump', nameSpan: { start: 7, end: 19 }, kind: 'person', aliases: ['Trump', 'the US president'],
    });
    assert.equal(article.annotations.length, 2);
    const ignore = article.annotations[1]!;
    assert.ok(ignore.type === 'ignore' && ignore.anchor.occurrence === 2 && ignore.anchor.words === 'Operation Rising Lion');
    const malformed = story.problems.find((p) => p.code === ProblemCode.MalformedHeader)!;
    assert.equal(text.slice(malformed.span.start, malformed.span.end), 'this line is broken');
  });

  it('reports a malformed annotation', () => {
    const story = parseStory('@speaker "words without a name"\n=== A ===\n\nBody.');
    assert.equal(story.problems[0]!.code, ProblemCode.MalformedAnnotation);
  });

  it('keeps positions right with CRLF, a BOM, tabs and characters outside the BMP', () => {
    const text = '\uFEFF=== A ===\r\ntitle:\tT\r\n\r\n😀 “Quote”\tend\r\n=== B ===\r\n\r\nx';
    const story = parseStory(text);
    assert.equal(story.articles.length, 2);
    assert.equal(story.articles[0]!.source, 'A');
    assert.equal(story.articles[0]!.title, 'T');
    const lines = new LineIndex(text);
    const paragraph = story.articles[0]!.paragraphs[0]!;
    assert.deepEqual(lines.positionAt(paragraph.start), { line: 3, character: 0 });
    assert.deepEqual(lines.positionAt(paragraph.end), { line: 3, character: 14 });
    assert.deepEqual(lines.positionAt(story.articles[1]!.delimiterSpan!.start), { line: 4, character: 0 });
  });

  it('treats a lone CR as a line break but not U+2028', () => {
    const lines = new LineIndex('a\rb\u2028c\nd');
    assert.equal(lines.lineCount, 3);
    assert.deepEqual(lines.positionAt(4), { line: 1, character: 2 });
    assert.equal(lines.offsetAt({ line: 1, character: 99 }), 5);
  });

  it('reports a duplicated paragraph', () => {
    const p = 'This paragraph is long enough to be checked for duplication.';
    const story = parseStory(`=== A ===\n\n${p}\n${p}\n`);
    const dup = story.problems.filter((x) => x.code === ProblemCode.DuplicateParagraph);
    assert.equal(dup.length, 1);
    assert.equal(dup[0]!.span.start, `=== A ===\n\n${p}\n`.length);
  });
});
