import { strict as assert } from 'node:assert';
import { buildReport } from '../../server/src/core/analysisReport';
import { CompactText, compactText } from '../../server/src/compactText';
import { WorkspaceIndex } from '../../server/src/core/workspaceIndex';
import { provideHover } from '../../server/src/features/hover';
import { provideReferences } from '../../server/src/features/navigation';
import { repositoryStories } from './testFiles';

describe('CompactText', () => {
  it('gives back every story of the repository and awkward texts as they were, in fewer bytes', () => {
    const texts = [...repositoryStories().values(), '', 'a\r\nb\rc\n', 'emoji 😀 and 👩‍👩‍👧, U+2028 \u2028 here', '\ufffd replaced bytes \ufffd', 'x'.repeat(100_000)];
    for (const text of texts) {
      const compact = CompactText.of(text)!;
      assert.equal(compact.text, text);
      assert.equal(compact.length, text.length);
      if (text.length > 5000) assert.ok(compact.size < Buffer.byteLength(text) / 2, `${compact.size} bytes for ${text.length} characters`);
    }
    // Read again after others pushed it out of the recent texts: inflated once more, the same.
    const first = CompactText.of(texts[0]!)!;
    for (let i = 0; i < 40; i++) assert.ok(CompactText.of(`story ${i} `.repeat(50))!.text.startsWith(`story ${i} `));
    assert.equal(first.text, texts[0]);
  });

  it('is not made for a text with a lone surrogate (UTF-8 cannot hold it)', () => {
    assert.equal(CompactText.of('half a pair \ud83d here'), undefined);
  });
});

describe('WorkspaceIndex with the texts of closed stories kept compact', () => {
  const stories = repositoryStories();
  const entries = [...stories].map(([uri, text]) => ({ uri, text }));
  const plain = new WorkspaceIndex();
  plain.setDocuments(entries);
  const compact = new WorkspaceIndex();
  compact.rememberOnly(() => false, { compact: compactText });
  compact.setDocuments(entries);
  compact.variantGroups();
  assert.equal(compact.compactClosed(), true);

  it('keeps every text, and reports and answers as an index that keeps them whole', () => {
    for (const [uri, text] of stories) {
      assert.equal(compact.get(uri)!.text, text);
      assert.equal(compact.get(uri)!.story.text, text);
    }
    assert.deepEqual(buildReport(compact), buildReport(plain));
  });

  it('answers hovers and references on every quote and mention the same', () => {
    let asked = 0;
    for (const doc of plain.documents()) {
      const offsets = [...doc.analysis.quotes.map((q) => q.span.start + 1), ...[...doc.analysis.mentions].map((m) => m.start)];
      for (const offset of offsets) {
        const position = doc.lines.positionAt(offset);
        assert.deepEqual(provideHover(compact, doc.uri, position), provideHover(plain, doc.uri, position));
        assert.deepEqual(provideReferences(compact, doc.uri, position, true), provideReferences(plain, doc.uri, position, true));
        asked++;
      }
    }
    assert.ok(asked > 500, `${asked} places`);
  });

  it('takes a text edited after it was made compact, and an opened story keeps its text whole', () => {
    const [uri, text] = [...stories][0]!;
    const edited = text.replace('said', 'stated');
    compact.setDocument(uri, edited);
    assert.equal(compact.get(uri)!.text, edited);
    compact.compactClosed();
    assert.equal(compact.get(uri)!.text, edited);
    compact.rememberOnly((u) => u === uri, { compact: compactText });
    compact.setDocument(uri, text);
    compact.compactClosed();
    assert.equal(compact.get(uri)!.text, text);
    assert.equal(Object.getOwnPropertyDescriptor(compact.get(uri)!, 'text')?.value, text, 'kept as a string');
  });
});
