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

/** Whether `s` holds any of the characters of `chars` (a few): /[…]/.test(s) without the expression. */
export function holdsAny(s: string, chars: string): boolean {
  return holdsAnyBetween(s, 0, s.length, chars);
}

/** Whether `text` holds any of the characters of `chars` from `from` to before `to`. */
export function holdsAnyBetween(text: string, from: number, to: number, chars: string): boolean {
  for (let i = from; i < to; i++) if (chars.includes(text[i]!)) return true;
  return false;
}

const SPACE = /\s/;

/** The length of `s` without the white space at its end (as `trimEnd` would cut it). */
export function endWithoutSpace(s: string): number {
  let end = s.length;
  while (end > 0) {
    const code = s.charCodeAt(end - 1);
    if (code < 128 ? code === 32 || (code >= 9 && code <= 13) : SPACE.test(s.charAt(end - 1))) end--;
    else break;
  }
  return end;
}

/** Shrinks a span past leading and trailing white space. */
export function trimSpan(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && /\s|\uFEFF/.test(text[start]!)) start++;
  while (end > start && /\s|\uFEFF/.test(text[end - 1]!)) end--;
  return { start, end };
}

/**
 * Whether `text` holds a lone surrogate (unsaved editor text can; a file read as UTF-8 cannot), which
 * UTF-8 cannot keep. String.prototype.isWellFormed (Node 20): 7× faster than /\p{Cs}/u on a story; not
 * in the ES2022 typings.
 */
export function hasLoneSurrogate(text: string): boolean {
  return !(text as unknown as { isWellFormed(): boolean }).isWellFormed();
}
