import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { TextDocument, type Position } from 'vscode-languageserver-textdocument';
import { PIECE_TEXT_DOCUMENTS } from '../../server/src/pieceTextDocument';

// LSP's TextDocument is the oracle: the server's documents must read, place and count exactly as it does.
const alphabet = fc.constantFrom('a', 'b', ' ', '\n', '\r', '\r\n', '“', '”', '😀', '\u0301', '\u2028', '=== X ===\n', 'Putin said ');
const text = fc.array(alphabet, { maxLength: 40 }).map((parts) => parts.join(''));
// Ranges as clients send them: between positions of the document (start and end in either order).
// Positions past the end are left out: there LSP's own document writes holes into its line table.
const change = fc.oneof(
  { weight: 9, arbitrary: fc.record({ from: fc.double({ min: 0, max: 1, noNaN: true }), to: fc.double({ min: 0, max: 1, noNaN: true }), text }) },
  { weight: 1, arbitrary: fc.record({ text }) },
);
type Change = { from: number; to: number; text: string } | { text: string };
function asEvent(document: TextDocument, c: Change): { range: { start: Position; end: Position }; text: string } | { text: string } {
  if (!('from' in c)) return c;
  const length = document.getText().length;
  return { range: { start: document.positionAt(Math.floor(c.from * length)), end: document.positionAt(Math.floor(c.to * length)) }, text: c.text };
}

describe('PieceTextDocument', () => {
  it('equals LSP’s TextDocument after every change of 3,000 random sequences (text, lines, positions, offsets)', () => {
    fc.assert(
      fc.property(text, fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { maxLength: 12 }), fc.array(fc.nat({ max: 1 }), { maxLength: 12 }), (initial, batches, reads) => {
        const oracle = TextDocument.create('file:///a.articles', 'articles', 1, initial);
        const pieces = PIECE_TEXT_DOCUMENTS.create('file:///a.articles', 'articles', 1, initial);
        batches.forEach((batch, i) => {
          // Each change of a batch is placed in the text the changes before it made, as LSP says.
          const changes = batch.map((c) => {
            const event = asEvent(oracle, c);
            TextDocument.update(oracle, [event], i + 2);
            return event;
          });
          PIECE_TEXT_DOCUMENTS.update(pieces, changes, i + 2);
          // Reading the text joins the pieces: sometimes between changes, sometimes not.
          if (reads[i] === 1) assert.equal(pieces.getText(), oracle.getText());
          assert.equal(pieces.version, oracle.version);
          assert.equal(pieces.lineCount, oracle.lineCount);
          for (let line = -1; line <= oracle.lineCount; line++) {
            assert.deepEqual(pieces.getLineRange(line), oracle.getLineRange(line), `line range ${line}`);
            assert.equal(pieces.getEOLCharacters(line), oracle.getEOLCharacters(line), `end of line ${line}`);
            for (const character of [-1, 0, 1, 2, 5, 40]) assert.equal(pieces.offsetAt({ line, character }), oracle.offsetAt({ line, character }), `offset of ${line}:${character}`);
          }
          const length = oracle.getText().length;
          for (let offset = -1; offset <= length + 1; offset++) assert.deepEqual(pieces.positionAt(offset), oracle.positionAt(offset), `position of ${offset}`);
        });
        assert.equal(pieces.getText(), oracle.getText());
        assert.equal(pieces.getText({ start: { line: 0, character: 1 }, end: { line: 2, character: 3 } }), oracle.getText({ start: { line: 0, character: 1 }, end: { line: 2, character: 3 } }));
      }),
      { numRuns: 3000 },
    );
  });

  it('does not copy the whole text at each edit of a 200 KB story', () => {
    const story = 'A line of an article with “a quote” in it.\n'.repeat(5000);
    const document = PIECE_TEXT_DOCUMENTS.create('file:///big.articles', 'articles', 1, story);
    for (let n = 0; n < 200; n++) {
      const at = document.positionAt((n * 7919) % story.length);
      PIECE_TEXT_DOCUMENTS.update(document, [{ range: { start: at, end: at }, text: 'x' }], n + 2);
    }
    // 200 edits, never read: a list of cuts of the one text, not 200 joined copies.
    assert.ok((document as unknown as { pieces: string[] }).pieces.length <= 2 * 200 + 1);
    assert.equal(document.getText().length, story.length + 200);
    assert.equal((document as unknown as { pieces: string[] }).pieces.length, 1);
  });
});
