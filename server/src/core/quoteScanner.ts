import { ProblemCode, type Problem, type Span } from './model';
import { REPORTING_VERBS } from './vocabulary';

/** Which marks pair with which: any double mark closes any double mark, and so on. */
type Family = 'double' | 'single' | 'guillemet' | 'angle';

/** A quotation as found in the text, before it is classified and attributed. */
export interface ScannedQuote {
  /** Offset of the opening mark. */
  readonly open: number;
  /** Offset just past the closing mark, or the end of the last part when never closed. */
  readonly end: number;
  /** The quoted words of each paragraph, without marks; several parts when continued over paragraphs. */
  readonly parts: readonly Span[];
  /** Index of the quote this one is nested in, in the returned list. */
  readonly parent?: number;
  readonly depth: number;
  readonly family: Family;
  readonly closed: boolean;
}

const FAMILY: Readonly<Record<string, Family>> = {
  '"': 'double', '“': 'double', '”': 'double', '„': 'double', '‟': 'double',
  "'": 'single', '‘': 'single', '’': 'single', '‚': 'single',
  '«': 'guillemet', '»': 'guillemet',
  '‹': 'angle', '›': 'angle',
};

/**
 * Finds the code units that may be quotation marks, for a scan that moves forward: most characters
 * of a text are none, and the regular expression skips them natively, many times faster than a loop.
 */
class MarkFinder {
  private readonly marks = /["'\u00ab\u00bb\u2018-\u201f\u2039\u203a]/g;
  /** Where the last search started, and the mark it found (the text's length when none). */
  private searchedFrom = 0;
  private found = -1;

  constructor(private readonly text: string) {}

  /** The offset of the first possible mark at or after `from` (the text's length when none). */
  next(from: number): number {
    // A search that ran past the end of a paragraph serves the next ones too.
    if (from >= this.searchedFrom && from <= this.found) return this.found;
    this.searchedFrom = from;
    this.marks.lastIndex = from;
    const match = this.marks.exec(this.text);
    this.found = match ? match.index : this.text.length;
    return this.found;
  }
}

/** Deepest nesting of quotations the scanner follows. */
const MAX_DEPTH = 6;

const ALWAYS_OPEN = new Set(['“', '„', '«', '‹', '‘', '‚', '‟']);
const ALWAYS_CLOSE = new Set(['”', '»', '›']);
/** Words whose leading apostrophe marks a dropped letter ('em, 'til, 'n'), never a quote. */
const ELIDED_WORD = /^(?:em|til|cause|tis|twas|n|bout|round|s)\b/i;

const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);
const isSpace = (c: string | undefined): boolean => c === undefined || /\s/u.test(c);
const isOpenContext = (c: string | undefined): boolean => c === undefined || /[\s([{\u2014\u2013\-/:"“‘'«„]/u.test(c);

type Role = 'open' | 'close' | 'apostrophe';

interface OpenEntry {
  readonly index: number;
  readonly family: Family;
}

interface Building {
  open: number;
  end: number;
  parts: Span[];
  partStart: number;
  parent?: number;
  depth: number;
  family: Family;
  closed: boolean;
}

/**
 * Finds the quotations of an article's paragraphs. A quotation left open at the end of a paragraph
 * continues when the next paragraph reopens with the same kind of mark; otherwise it is reported as
 * unbalanced and ends with its paragraph, so one stray mark never swallows the rest of the article.
 */
export function scanQuotes(text: string, paragraphs: readonly Span[], options: { hardWrapped?: boolean } = {}): { quotes: ScannedQuote[]; problems: Problem[] } {
  const quotes: Building[] = [];
  const problems: Problem[] = [];
  let stack: OpenEntry[] = [];
  let reopened = false;
  const marks = new MarkFinder(text);

  for (let p = 0; p < paragraphs.length; p++) {
    const paragraph = paragraphs[p]!;
    let i = paragraph.start;
    if (reopened) {
      // The paragraph reopens the continued quotation: skip its opening mark.
      i += 1;
      reopened = false;
    }
    for (i = marks.next(i); i < paragraph.end; i = marks.next(i + 1)) {
      const c = text[i]!;
      const family = FAMILY[c];
      if (family === undefined) continue;
      const role = roleOf(text, i, paragraph, stack, quotes);
      if (role === 'apostrophe') continue;
      if (role === 'open' && stack.length >= MAX_DEPTH) {
        // Real quotations nest a few levels at most; deeper marks are noise, and skipping them keeps
        // every stack operation bounded.
        problems.push({ code: ProblemCode.UnbalancedQuote, message: `This ${c} would open a quotation nested ${MAX_DEPTH + 1} deep; it is ignored.`, span: { start: i, end: i + 1 }, severity: 'warning' });
        continue;
      }
      if (role === 'open') {
        const parent = stack.length > 0 ? stack[stack.length - 1]!.index : undefined;
        quotes.push({ open: i, end: i + 1, parts: [], partStart: i + 1, depth: stack.length, family, closed: false, ...(parent !== undefined ? { parent } : {}) });
        stack.push({ index: quotes.length - 1, family });
        continue;
      }
      let match = -1;
      for (let s = stack.length - 1; s >= 0; s--) {
        if (stack[s]!.family === family) {
          match = s;
          break;
        }
      }
      if (match < 0) {
        if (family !== 'single') {
          problems.push({ code: ProblemCode.UnbalancedQuote, message: `This closing ${c} has no opening mark before it in its paragraph.`, span: { start: i, end: i + 1 }, severity: 'warning' });
        }
        continue;
      }
      for (let s = stack.length - 1; s > match; s--) {
        const inner = quotes[stack[s]!.index]!;
        finishPart(inner, i);
        inner.end = i;
        problems.push({
          code: ProblemCode.UnclosedNestedQuote,
          message: `This ${text[inner.open]} is never closed; the quotation around it ends first, so it is taken to end there too.`,
          span: { start: inner.open, end: inner.open + 1 },
          severity: 'information',
        });
      }
      const closing = quotes[stack[match]!.index]!;
      finishPart(closing, i);
      closing.end = i + 1;
      closing.closed = true;
      stack = stack.slice(0, match);
    }

    if (stack.length === 0) continue;
    const next = paragraphs[p + 1];
    // Hard-wrapped text: a line break inside a paragraph does not end the quotation.
    if (options.hardWrapped && next !== undefined && isSoftBreak(text, paragraph.end, next.start)) continue;
    const bottom = quotes[stack[0]!.index]!;
    const reopens = next !== undefined && FAMILY[text[next.start]!] === bottom.family && roleOf(text, next.start, next, [], quotes) === 'open';
    for (let s = stack.length - 1; s >= (reopens ? 1 : 0); s--) {
      const open = quotes[stack[s]!.index]!;
      finishPart(open, paragraph.end);
      open.end = paragraph.end;
      problems.push({
        code: ProblemCode.UnbalancedQuote,
        message: `This ${text[open.open]} is never closed: the quotation is taken to end with its paragraph.`,
        span: { start: open.open, end: open.open + 1 },
        severity: 'warning',
      });
    }
    if (reopens) {
      finishPart(bottom, paragraph.end);
      bottom.partStart = next.start + 1;
      stack = [stack[0]!];
      reopened = true;
    } else {
      stack = [];
    }
  }

  // Empty quotations ("") are dropped; parents are renumbered to the kept list (skipping dropped ones).
  const keptIndex = new Map<number, number>();
  quotes.forEach((q, i) => {
    if (q.parts.some((part) => part.end > part.start)) keptIndex.set(i, keptIndex.size);
  });
  const keptParent = (q: Building): number | undefined => {
    let parent = q.parent;
    while (parent !== undefined && !keptIndex.has(parent)) parent = quotes[parent]!.parent;
    return parent === undefined ? undefined : keptIndex.get(parent);
  };
  const result: ScannedQuote[] = [];
  quotes.forEach((q, i) => {
    if (!keptIndex.has(i)) return;
    const parent = keptParent(q);
    // A copy of its length: the list grew by pushes, and every quote keeps it.
    result.push({ open: q.open, end: q.end, parts: q.parts.slice(), depth: q.depth, family: q.family, closed: q.closed, ...(parent !== undefined ? { parent } : {}) });
  });
  return { quotes: result, problems };
}

/** Only white space and exactly one line break between two lines. */
function isSoftBreak(text: string, from: number, to: number): boolean {
  const between = text.slice(from, to);
  return /^[ \t]*(?:\r\n|\r|\n)[ \t]*$/.test(between);
}

/**
 * True when an article is hard-wrapped (a paragraph over several short lines, as in e-mail or plain
 * text exports) rather than one line per paragraph, as text pasted from the web is.
 */
export function isHardWrapped(text: string, lines: readonly Span[]): boolean {
  if (lines.length < 4) return false;
  const lengths = lines.map((l) => l.end - l.start).sort((a, b) => a - b);
  const median = lengths[Math.floor(lengths.length / 2)]!;
  const longest = lengths[lengths.length - 1]!;
  let soft = 0;
  for (let k = 0; k + 1 < lines.length; k++) if (isSoftBreak(text, lines[k]!.end, lines[k + 1]!.start)) soft++;
  return median >= 30 && longest <= 100 && soft >= (lines.length - 1) * 0.6;
}

/** A lower-case word that is not a verb of saying or a pronoun: the noun after a plural possessive. */
function isPossessedNoun(text: string, from: number, to: number): boolean {
  const word = /^[\p{Ll}][\p{L}-]*/u.exec(text.slice(from, Math.min(to, from + 30)))?.[0];
  return word !== undefined && !REPORTING_VERBS.has(word) && !/^(?:he|she|they|it|we|i|you|and|but|or|as|the|a|an)$/.test(word);
}

function finishPart(quote: Building, end: number): void {
  quote.parts.push({ start: quote.partStart, end: Math.max(quote.partStart, end) });
}

function roleOf(text: string, i: number, paragraph: Span, stack: readonly OpenEntry[], quotes: readonly Building[]): Role {
  const c = text[i]!;
  const before = i > paragraph.start ? text[i - 1] : undefined;
  const after = i + 1 < paragraph.end ? text[i + 1] : undefined;
  const family = FAMILY[c]!;
  const openOfFamily = stack.some((s) => s.family === family);
  const topIs = (f: Family): boolean => stack.length > 0 && stack[stack.length - 1]!.family === f;

  if (family === 'single') {
    if (isWordChar(before) && isWordChar(after)) return 'apostrophe';
    if (c === '‘' && topIs('single') && text[quotes[stack[stack.length - 1]!.index]!.open] === '‚' && !isSpace(before)) return 'close';
    if (c === '‘' || c === '‚') return /\d/.test(after ?? '') ? 'apostrophe' : 'open';
    const rest = text.slice(i + 1, Math.min(paragraph.end, i + 8));
    if (isSpace(before) || isOpenContext(before)) {
      if (/^\d\d(?:s\b|(?!\d))/.test(rest) || (ELIDED_WORD.test(rest) && !openOfFamily)) return 'apostrophe';
      if (isWordChar(after) || (after !== undefined && /["“…]/.test(after))) return 'open';
      return openOfFamily && !isSpace(before) ? 'close' : 'apostrophe';
    }
    // After a word or punctuation: closes an open single quote, else a possessive (players’). A plural
    // possessive inside single quotes (‘our members’ livelihoods’) is followed by the noun it owns.
    if (openOfFamily && before === 's' && after === ' ' && isPossessedNoun(text, i + 2, paragraph.end)) return 'apostrophe';
    return openOfFamily ? 'close' : 'apostrophe';
  }

  if ((c === '«' || c === '‹') && topIs(family) && !isSpace(before)) {
    const top = quotes[stack[stack.length - 1]!.index]!;
    if (text[top.open] === '»' || text[top.open] === '›') return 'close';
  }
  if (ALWAYS_OPEN.has(c)) {
    if (c === '“' && topIs('double') && !isSpace(before) && (isSpace(after) || /[\p{P}]/u.test(after ?? ''))) {
      const top = quotes[stack[stack.length - 1]!.index]!;
      if (text[top.open] === '„' || text[top.open] === '“') return 'close';
    }
    return 'open';
  }
  if (ALWAYS_CLOSE.has(c)) {
    // Some texts use ” or » on both sides (”…” in Swedish, »…« in German).
    if (!openOfFamily && isSpace(before) && !isSpace(after)) return 'open';
    return 'close';
  }
  // Straight double quote: decided by its neighbours.
  if (isSpace(before) || isOpenContext(before)) {
    if (!isSpace(after)) return openOfFamily && topIs('double') && !isSpace(before) ? 'close' : 'open';
    return openOfFamily ? 'close' : 'open';
  }
  if (isSpace(after) || /[\p{P}]/u.test(after ?? '')) return openOfFamily ? 'close' : 'open';
  return openOfFamily ? 'close' : 'open';
}
