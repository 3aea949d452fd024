/**
 * Where and how the annotation commands write `@speaker`, `@ignore` and `@actor` lines. This is not
 * article parsing (the server does that): it only finds the header lines to write after, using the
 * core's own rules for delimiters and annotation lines so that the two cannot disagree.
 */
import type { ActorItem, QuoteItem } from '../../server/src/protocol';
import { isAnnotationLine } from '../../server/src/core/annotationParser';
import { readDelimiter } from '../../server/src/core/storyParser';
import { normalizedWords } from '../../server/src/core/tokens';

/** Reads line `i` (without its break) of a document. */
export type LineReader = (line: number) => string;

/** Where to insert an annotation line. */
export interface AnnotationPlace {
  /** Insert before this line; equal to the line count means after the last line. */
  readonly line: number;
  /** `article`: in the header of the article around the cursor; `preamble`: for the whole story. */
  readonly scope: 'article' | 'preamble';
  /** The article's source, for messages. */
  readonly source?: string;
  /**
   * Also insert a blank line after the annotation: the article had no header and its body starts
   * right under the delimiter, so without one the body's first line would read as a broken header.
   */
  readonly blankLineAfter: boolean;
  /** The article's lines: its delimiter line, and the next delimiter line (or the line count). */
  readonly articleLines?: { readonly delimiter: number; readonly end: number };
  /** Lines of annotations already written in this scope (header, or preamble), to extend an `@actor` line. */
  readonly headerLines: readonly number[];
}

/** A reason no annotation can be written there, worded for the user. */
export interface Refusal {
  readonly refusal: string;
}

// Mirrors HEADER_FIELD in core/storyParser.ts: `key: value`, where `http:` and `https:` are never keys.
const HEADER_FIELD = /^[A-Za-z][\w-]*[ \t]*:/;
const NOT_A_KEY = /^https?[ \t]*:/i;

/** True for a line of nothing but spaces, tabs, no-break spaces or a byte order mark. */
export function isBlankLine(text: string): boolean {
  return /^[ \t\u00a0\uFEFF]*$/.test(text);
}

/**
 * Finds where an annotation for the cursor's article goes: after the article's existing header lines
 * (before the blank line that ends the header). With the cursor in the preamble, and `allowPreamble`,
 * after the preamble's last non-blank line. Refuses for a file without `=== Source ===` lines: such a
 * file is one article with no header, and no line of it is read as an annotation.
 */
export function findAnnotationPlace(lineAt: LineReader, lineCount: number, cursorLine: number, allowPreamble: boolean): AnnotationPlace | Refusal {
  let delimiter = -1;
  for (let i = Math.min(cursorLine, lineCount - 1); i >= 0; i--) {
    if (readDelimiter(lineAt(i))) {
      delimiter = i;
      break;
    }
  }
  if (delimiter < 0) {
    let first = -1;
    for (let i = Math.max(0, cursorLine); i < lineCount; i++) {
      if (readDelimiter(lineAt(i))) {
        first = i;
        break;
      }
    }
    if (first < 0) {
      return {
        refusal:
          'This file has no "=== Source ===" line, so it is read as one article without a header, and annotations in it would be plain text. Add a line such as "=== The Daily Ledger ===" above the article, then try again.',
      };
    }
    if (!allowPreamble) return { refusal: 'The cursor is before the first article. Put it inside a quotation of an article, then try again.' };
    let last = first - 1;
    while (last >= 0 && isBlankLine(lineAt(last))) last--;
    const headerLines: number[] = [];
    for (let i = 0; i < first; i++) if (isAnnotationLine(lineAt(i))) headerLines.push(i);
    return { line: last + 1, scope: 'preamble', blankLineAfter: false, headerLines };
  }

  let end = delimiter + 1;
  while (end < lineCount && !readDelimiter(lineAt(end))) end++;
  let line = delimiter + 1;
  const headerLines: number[] = [];
  for (; line < end; line++) {
    const text = lineAt(line);
    if (isBlankLine(text)) break;
    if (isAnnotationLine(text)) headerLines.push(line);
    else if (!HEADER_FIELD.test(text) || NOT_A_KEY.test(text)) break;
  }
  const bodyRightBelow = line === delimiter + 1 && line < end && !isBlankLine(lineAt(line));
  return {
    line,
    scope: 'article',
    source: readDelimiter(lineAt(delimiter))?.source ?? '',
    blankLineAfter: bodyRightBelow,
    articleLines: { delimiter, end },
    headerLines,
  };
}

/** Type guard for {@link findAnnotationPlace}'s refusal. */
export function isRefusal(value: AnnotationPlace | Refusal): value is Refusal {
  return 'refusal' in value;
}

const ANCHOR_MARKS: ReadonlyArray<readonly [string, string]> = [
  ['"', '"'],
  ['“', '”'],
  ['«', '»'],
  ['„', '“'],
];

/**
 * The anchor naming a quote by its words: `"words"`, with `#N` when other quotes of the scope have the
 * same words. Uses the first pair of marks whose closing mark the words do not contain; undefined when
 * the words are empty or contain every closing mark.
 */
export function formatAnchor(words: string, occurrence?: number): string | undefined {
  const flat = words.replace(/\s+/g, ' ').trim();
  if (flat === '') return undefined;
  const marks = ANCHOR_MARKS.find(([, close]) => !flat.includes(close));
  if (!marks) return undefined;
  return `${marks[0]}${flat}${marks[1]}${occurrence !== undefined ? ` #${occurrence}` : ''}`;
}

/**
 * Which of the scope's quotes with the same words (compared the way the server compares anchors) the
 * target is, counted from 1 in reading order; undefined when it is the only one, so no `#N` is needed.
 */
export function occurrenceOf(target: QuoteItem, quotesInScope: readonly QuoteItem[]): number | undefined {
  const words = (q: QuoteItem): string => normalizedWords(q.text).join(' ');
  const wanted = words(target);
  const same = quotesInScope
    .filter((q) => words(q) === wanted)
    .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  if (same.length <= 1) return undefined;
  const index = same.findIndex((q) => q.key === target.key);
  return index < 0 ? undefined : index + 1;
}

/** The innermost quote whose range holds a position, or undefined. */
export function quoteAt(quotes: readonly QuoteItem[], line: number, character: number): QuoteItem | undefined {
  const before = (l1: number, c1: number, l2: number, c2: number): boolean => l1 < l2 || (l1 === l2 && c1 <= c2);
  const holding = quotes.filter(
    (q) => q.range && before(q.range.start.line, q.range.start.character, line, character) && before(line, character, q.range.end.line, q.range.end.character),
  );
  return holding.sort((a, b) => spanSize(a) - spanSize(b))[0];
}

function spanSize(q: QuoteItem): number {
  return (q.range.end.line - q.range.start.line) * 1e6 + (q.range.end.character - q.range.start.character);
}

/** Why a name cannot be an actor name or speaker (empty, several lines, or `[`, `]`, `:`), or undefined. */
export function invalidName(name: string): string | undefined {
  if (name.trim() === '') return 'Enter a name.';
  if (/[\r\n]/.test(name)) return 'A name is one line.';
  if (/[[\]:]/.test(name)) return 'A name cannot contain "[", "]" or ":".';
  return undefined;
}

/** Why text cannot be an alias (as a name, and no commas), or undefined. */
export function invalidAlias(alias: string): string | undefined {
  return invalidName(alias) ?? (alias.includes(',') ? 'An alias cannot contain a comma: aliases are separated by commas.' : undefined);
}

/** `@speaker "words" #N = Name` */
export function speakerAnnotation(anchor: string, speaker: string): string {
  return `@speaker ${anchor} = ${speaker.trim()}`;
}

/** `@ignore "words" #N` */
export function ignoreAnnotation(anchor: string): string {
  return `@ignore ${anchor}`;
}

/** `@actor Name [kind]: alias, alias` */
export function actorAnnotation(name: string, kind: ActorItem['kind'] | undefined, aliases: readonly string[]): string {
  return `@actor ${name.trim()}${kind ? ` [${kind}]` : ''}${aliases.length > 0 ? `: ${aliases.map((a) => a.trim()).join(', ')}` : ''}`;
}

/** The name an `@actor` line declares, or undefined for another line. */
export function declaredActorName(line: string): string | undefined {
  const m = /^@actor[ \t]([^[\]:]+)/.exec(line);
  return m?.[1]?.trim() || undefined;
}

/** The aliases an `@actor` line lists after its colon. */
export function declaredAliases(line: string): string[] {
  const colon = line.indexOf(':');
  return colon < 0 ? [] : line.slice(colon + 1).split(',').map((a) => a.trim()).filter((a) => a !== '');
}

/** An `@actor` line with one more alias: `, alias` after the list, or `: alias` when it has none. */
export function withAlias(line: string, alias: string): string {
  const trimmed = line.trimEnd();
  const colon = trimmed.indexOf(':');
  if (colon < 0) return `${trimmed}: ${alias.trim()}`;
  return trimmed.slice(colon + 1).trim() === '' ? `${trimmed.slice(0, colon + 1)} ${alias.trim()}` : `${trimmed}, ${alias.trim()}`;
}
