import type { Span } from './model';

export interface Line extends Span {
  /** Offset just past the line break (equal to end on the last line). */
  readonly next: number;
}

/** Splits text into lines on CRLF, LF and lone CR; the spans exclude the break. */
export function splitLines(text: string, from = 0, to = text.length): Line[] {
  const lines: Line[] = [];
  let start = from;
  forEachLineBreak(text, from, to, (at, next) => {
    lines.push({ start, end: at, next });
    start = next;
  });
  lines.push({ start, end: to, next: to });
  return lines;
}

/** Calls `onBreak` with the offset of each line break (CRLF, LF, lone CR) from `from` to before `to`, and the offset just past it. */
export function forEachLineBreak(text: string, from: number, to: number, onBreak: (at: number, next: number) => void): void {
  let start = from;
  // indexOf scans natively, far faster than a loop over code units; a CR is looked for again only once passed.
  let lf = text.indexOf('\n', from);
  let cr = text.indexOf('\r', from);
  for (;;) {
    if (lf !== -1 && lf < start) lf = text.indexOf('\n', start);
    if (cr !== -1 && cr < start) cr = text.indexOf('\r', start);
    const at = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
    if (at === -1 || at >= to) return;
    start = at === cr && text.charCodeAt(at + 1) === 10 ? at + 2 : at + 1;
    onBreak(at, start);
  }
}

export function isBlank(text: string, span: Span): boolean {
  for (let i = span.start; i < span.end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 0xfeff && c !== 0xa0) return false;
  }
  return true;
}

/** Shrinks a span past leading and trailing white space. */
export function trimSpan(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && /\s|\uFEFF/.test(text[start]!)) start++;
  while (end > start && /\s|\uFEFF/.test(text[end - 1]!)) end--;
  return { start, end };
}
