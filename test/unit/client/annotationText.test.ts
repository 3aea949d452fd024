import { strict as assert } from 'node:assert';
import { findAnnotationPlace, formatAnchor, ignoreAnnotation, isRefusal, speakerAnnotation } from '../../../client/src/annotationText';
import { WorkspaceIndex } from '../../../server/src/core/workspaceIndex';
import { readRepoFile } from '../testFiles';

/** Inserts a line the way the client's WorkspaceEdit does, at the place it computed. */
function insertAt(text: string, line: number, inserted: string, blankLineAfter: boolean): string {
  const lines = text.split('\n');
  lines.splice(line, 0, inserted, ...(blankLineAfter ? [''] : []));
  return lines.join('\n');
}

describe('client annotation writing (round trip through the server’s parser)', () => {
  const story = readRepoFile('samples', 'mediate-russia-first.articles');
  const lines = story.split('\n');
  const cursorLine = lines.findIndex((l) => l.startsWith('“I spoke to him yesterday'));

  it('an @speaker line written by the client attaches to the intended quote', () => {
    const place = findAnnotationPlace((i) => lines[i]!, lines.length, cursorLine, false);
    assert.ok(!isRefusal(place));
    assert.equal(place.source, 'Outlet 001 (unnamed wire report)');
    const anchor = formatAnchor('I spoke to him yesterday… he actually offered to help mediate,')!;
    const edited = insertAt(story, place.line, speakerAnnotation(anchor, 'Vladimir Putin'), place.blankLineAfter);
    const index = new WorkspaceIndex();
    index.setDocument('file:///story.articles', edited);
    const doc = index.get('file:///story.articles')!;
    const quote = doc.analysis.quotes.find((q) => q.text.startsWith('I spoke to him yesterday'))!;
    assert.equal(quote.speaker, 'Vladimir Putin');
    assert.equal(quote.attribution?.method, 'annotation');
    assert.equal(doc.story.articles.length, 4, 'the edit keeps every article');
    assert.equal(doc.analysis.problems.filter((p) => p.code.startsWith('annotation.') || p.code.startsWith('header.')).length, 0);
  });

  it('an @ignore line written into an article without a header keeps the body intact', () => {
    const text = '=== The Daily ===\n“A quote,” she said. Then “Operation Tidewater” began.';
    const textLines = text.split('\n');
    const place = findAnnotationPlace((i) => textLines[i]!, textLines.length, 1, false);
    assert.ok(!isRefusal(place));
    assert.equal(place.blankLineAfter, true);
    const edited = insertAt(text, place.line, ignoreAnnotation(formatAnchor('Operation Tidewater')!), place.blankLineAfter);
    const index = new WorkspaceIndex();
    index.setDocument('file:///d.articles', edited);
    const doc = index.get('file:///d.articles')!;
    assert.deepEqual(doc.analysis.quotes.map((q) => q.text), ['A quote,']);
    assert.equal(doc.analysis.ignoredQuotes[0]!.text, 'Operation Tidewater');
  });

  it('refuses a plain article without delimiters, where an annotation would become body text', () => {
    const place = findAnnotationPlace(() => 'Just one article.', 1, 0, true);
    assert.ok(isRefusal(place));
  });
});
