import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { LineIndex } from '../../../server/src/core/lineIndex';
import { splitLines, type Line } from '../../../server/src/core/lines';

// A loop over code units: the plain version `splitLines` (which jumps with indexOf) must agree with.
function byLoop(text: string, from: number, to: number): Line[] {
  const lines: Line[] = [];
  let start = from;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      const next = c === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
      lines.push({ start, end: i, next });
      start = next;
      i = next - 1;
    }
  }
  lines.push({ start, end: to, next: to });
  return lines;
}

const text = fc.array(fc.constantFrom('a', ' ', '\n', '\r', '\r\n', '\u2028', 'é', '😀'), { maxLength: 30 }).map((p) => p.join(''));

describe('lines', () => {
  it('puts every offset on the line and character a loop over code units finds (LSP line breaks only)', () => {
    fc.assert(
      fc.property(text, (t) => {
        const index = new LineIndex(t);
        let line = 0;
        let lineStart = 0;
        for (let offset = 0; offset <= t.length; offset++) {
          assert.deepEqual(index.positionAt(offset), { line, character: offset - lineStart });
          const c = t.charCodeAt(offset);
          if (c === 10 || (c === 13 && t.charCodeAt(offset + 1) !== 10)) {
            line++;
            lineStart = offset + 1;
          }
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('splits on LF, CRLF and lone CR like a loop over every code unit, within any range', () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (t, a, b) => {
        const from = a % (t.length + 1);
        const to = from + (b % (t.length - from + 1));
        assert.deepEqual(splitLines(t, from, to), byLoop(t, from, to));
      }),
      { numRuns: 20000 },
    );
  });
});
