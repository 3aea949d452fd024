import { forEachLineBreak } from './lines';

/** A 0-based line and UTF-16 character, as in LSP. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/**
 * Converts offsets to LSP positions and back. Line breaks are exactly LSP's: CRLF, LF and a lone CR;
 * U+2028 and U+2029 are ordinary characters.
 */
export class LineIndex {
  /**
   * Typed: every document keeps its index, and a list of numbers takes twice the room and grows in steps.
   * The start of each line and the end of its text (before its line break); the text itself is not kept.
   */
  private readonly lineStarts: Int32Array;
  private readonly lineEnds: Int32Array;
  private readonly length: number;

  constructor(text: string) {
    const starts = [0];
    const ends: number[] = [];
    forEachLineBreak(text, 0, text.length, (at, next) => {
      ends.push(at);
      starts.push(next);
    });
    ends.push(text.length);
    this.lineStarts = Int32Array.from(starts);
    this.lineEnds = Int32Array.from(ends);
    this.length = text.length;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low]! };
  }

  /** Clamps out-of-range positions to the text, like LSP's TextDocument. */
  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.length;
    const start = this.lineStarts[position.line]!;
    return Math.max(start, Math.min(start + Math.max(0, position.character), this.lineEnds[position.line]!));
  }

  rangeOf(span: { start: number; end: number }): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }
}
