import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex } from '../../../server/src/core/lineIndex';
import { WorkspaceIndex } from '../../../server/src/core/workspaceIndex';
import { defineJob, inMocha, runBounded } from './bounded';
import { checkDocument } from './rangeChecks';
import { BASE_TEXTS, unicodeStoryArb } from './storyArbitraries';

const URI = 'file:///ws/unicode.articles';
const OTHER = 'file:///ws/b.articles';

const lineIndexJob = defineJob('LineIndex agrees with TextDocument', (progress) => {
  fc.assert(
    fc.property(unicodeStoryArb, fc.array(fc.record({ line: fc.integer({ min: -2, max: 40 }), character: fc.integer({ min: -2, max: 200 }) }), { maxLength: 20 }), (text, positions) => {
      progress(text);
      const lines = new LineIndex(text);
      const oracle = TextDocument.create(URI, 'articles', 1, text);
      assert.equal(lines.lineCount, oracle.lineCount);
      for (let offset = 0; offset <= text.length; offset++) {
        // Inside a CRLF the two may differ; nothing the analysis emits points there (checked below).
        if (text[offset - 1] === '\r' && text[offset] === '\n') continue;
        assert.deepEqual(lines.positionAt(offset), oracle.positionAt(offset), `offset ${offset}`);
      }
      for (const p of positions) assert.equal(lines.offsetAt(p), oracle.offsetAt(p), JSON.stringify(p));
    }),
    { numRuns: 300, seed: 0x5eed3 },
  );
});

const rangesJob = defineJob('ranges map back to spans', (progress) => {
  fc.assert(
    fc.property(unicodeStoryArb, fc.boolean(), (text, withOther) => {
      progress(text);
      const index = new WorkspaceIndex();
      index.setDocument(URI, text);
      if (withOther) index.setDocument(OTHER, BASE_TEXTS[1]! + '\n' + text);
      checkDocument(index, URI);
      if (withOther) checkDocument(index, OTHER);
    }),
    { numRuns: 400, seed: 0x5eed4, endOnFailure: true },
  );
});

const fixedTextsJob = defineJob('ranges on fixed texts', (progress) => {
  const texts = [
    '\uFEFF=== 𝒳 News ===\r\ntitle: 😀 “quoted” title\r\n\r\n𝒳avier Dupont said: “We are 👨‍👩‍👧 ready\u2028to help,” he said.\r\n',
    '=== A ===\r\r“İstanbul is ready,” Olena Zelenska said.\r“Straße ß\u2029naïve,” she said.',
    '\uFEFF@actor Zoë 😀 Lane [person]: Zoë\n=== B ===\n\nZoë said: “e\u0301te\u0301 𝐁old 😀”. «Ура» — „Wir sind bereit“.',
    '“😀”“😀',
    '\uFEFF',
    '\r\n\r\n\r',
  ];
  for (const text of texts) {
    progress(text);
    const index = new WorkspaceIndex();
    index.setDocument(URI, text);
    index.setDocument(OTHER, BASE_TEXTS[1]!);
    checkDocument(index, URI);
  }
});

if (inMocha) {
  describe('reliability: positions on any Unicode text', function () {
    this.timeout(120000);
    it('LineIndex agrees with LSP’s TextDocument on every offset and position', () => runBounded(lineIndexJob, 30000));
    it('every range of the analysis and the features maps back to exactly its span (random Unicode stories)', () => runBounded(rangesJob, 60000));
    it('on fixed texts with CRLF, a lone CR, U+2028, U+2029, a BOM and characters outside the BMP', () => runBounded(fixedTextsJob, 20000));
  });
}
