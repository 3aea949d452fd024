import type { Span } from './model';

export interface Line extends Span {
  /** Offset just past the line break (equal to end on the last line). */
  readonly next: number;
}

/** Splits text into lines on CRLF, LF and lone CR; the spans exclude the break. */
export function splitLines(text: string, from = 0, to = text.length): Line[] {
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
