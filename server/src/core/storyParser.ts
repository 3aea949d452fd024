import { isAnnotationLine, parseAnnotation } from './annotationParser';
import { isBlank, splitLines, trimSpan, type Line } from './lines';
import { ProblemCode, type Annotation, type Article, type HeaderField, type Problem, type Span, type Story } from './model';

const HEADER_FIELD = /^([A-Za-z][\w-]*)[ \t]*:(.*)$/;

/**
 * Reads `=== Source name ===` (the closing `===` is optional): the source as written and its offset
 * in the line, or undefined for any other line. A leading backslash escapes a body line.
 */
export function readDelimiter(line: string): { source: string; offset: number } | undefined {
  const bom = line.startsWith('\uFEFF') ? 1 : 0;
  if (!line.startsWith('===', bom)) return undefined;
  let start = bom;
  while (line[start] === '=') start++;
  let end = line.length;
  while (end > start && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  let closing = end;
  while (closing > start && line[closing - 1] === '=') closing--;
  if (end - closing >= 3) end = closing;
  while (start < end && (line[start] === ' ' || line[start] === '\t')) start++;
  while (end > start && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  return { source: line.slice(start, end), offset: start };
}

export interface ParseOptions {
  /** Used as the source of a file without delimiters (e.g. a plain .txt article). */
  readonly fileName?: string;
}

/**
 * Parses a story file into its preamble, articles, header fields and annotations. Never throws: anything
 * malformed becomes a problem with a stable code, and the text is still split as well as it can be.
 */
export function parseStory(text: string, options: ParseOptions = {}): Story {
  const lines = splitLines(text);
  const problems: Problem[] = [];
  const delimiterLines: number[] = [];
  lines.forEach((line, i) => {
    if (readDelimiter(text.slice(line.start, line.end))) delimiterLines.push(i);
  });

  if (delimiterLines.length === 0) {
    const article = plainArticle(text, lines, options.fileName ?? 'untitled', problems);
    return { text, articles: [article], annotations: [], problems };
  }

  const firstDelimiter = delimiterLines[0]!;
  let preamble: Span | undefined;
  const storyAnnotations: Annotation[] = [];
  if (firstDelimiter > 0) {
    preamble = { start: 0, end: lines[firstDelimiter - 1]!.end };
    for (const line of lines.slice(0, firstDelimiter)) {
      const content = text.slice(line.start, line.end);
      if (isAnnotationLine(content)) collectAnnotation(content, line.start, storyAnnotations, problems);
    }
  }

  const articles: Article[] = delimiterLines.map((lineIndex, index) => {
    const endLine = index + 1 < delimiterLines.length ? delimiterLines[index + 1]! : lines.length;
    return parseArticle(text, lines, lineIndex, endLine, index, problems);
  });
  return { text, articles, annotations: storyAnnotations, problems, ...(preamble ? { preamble } : {}) };
}

function parseArticle(text: string, lines: readonly Line[], delimiterLine: number, endLine: number, index: number, problems: Problem[]): Article {
  const delimiter = lines[delimiterLine]!;
  const delimiterText = text.slice(delimiter.start, delimiter.end);
  const match = readDelimiter(delimiterText)!;
  const source = match.source;
  const sourceSpan = { start: delimiter.start + match.offset, end: delimiter.start + match.offset + source.length };
  if (source === '') {
    problems.push({ code: ProblemCode.EmptySource, message: 'This article has no source: write the outlet after the delimiter, e.g. "=== The Guardian ===".', span: delimiter, severity: 'warning' });
  }

  const fields: HeaderField[] = [];
  const annotations: Annotation[] = [];
  let line = delimiterLine + 1;
  for (; line < endLine; line++) {
    const current = lines[line]!;
    const content = text.slice(current.start, current.end);
    if (isBlank(text, current)) {
      line++;
      break;
    }
    if (isAnnotationLine(content)) {
      collectAnnotation(content, current.start, annotations, problems);
      continue;
    }
    const field = HEADER_FIELD.exec(content);
    if (field && !/^https?$/i.test(field[1]!)) {
      const key = field[1]!.toLowerCase();
      const rawValue = field[2]!;
      const value = rawValue.trim();
      const valueStart = current.start + content.length - rawValue.trimStart().length;
      if (fields.some((f) => f.key === key)) {
        problems.push({ code: ProblemCode.DuplicateHeader, message: `The header field "${key}" is given twice; the first one is used.`, span: current, severity: 'warning' });
      }
      fields.push({ key, value, span: { start: current.start, end: current.end }, valueSpan: { start: valueStart, end: valueStart + value.length } });
      continue;
    }
    if (line > delimiterLine + 1) {
      problems.push({
        code: ProblemCode.MalformedHeader,
        message: 'This line is neither "key: value" nor an annotation, so the header ends here. Leave a blank line between the header and the body.',
        span: current,
        severity: 'warning',
      });
    }
    break;
  }

  const bodyStart = line < endLine ? lines[line]!.start : lines[endLine - 1]!.end;
  const bodyEnd = lines[endLine - 1]!.end;
  const bodySpan = trimBodyEnd(text, { start: Math.min(bodyStart, bodyEnd), end: bodyEnd });
  const paragraphs = paragraphsOf(text, lines, line, endLine);
  if (paragraphs.length === 0) {
    problems.push({ code: ProblemCode.EmptyArticle, message: `The article from "${source || 'an unnamed source'}" has no body text.`, span: delimiter, severity: 'information' });
  }
  reportDuplicateParagraphs(text, paragraphs, problems);
  const field = (key: string): string | undefined => fields.find((f) => f.key === key)?.value;
  const title = field('title');
  const date = field('date');
  const url = field('url');
  return {
    index,
    source: source || `Untitled ${index + 1}`,
    fields,
    span: { start: delimiter.start, end: bodySpan.end > delimiter.end ? bodySpan.end : delimiter.end },
    delimiterSpan: { start: delimiter.start, end: delimiter.end },
    sourceSpan,
    bodySpan,
    paragraphs,
    annotations,
    ...(title !== undefined ? { title } : {}),
    ...(date !== undefined ? { date } : {}),
    ...(url !== undefined ? { url } : {}),
  };
}

function plainArticle(text: string, lines: readonly Line[], fileName: string, problems: Problem[]): Article {
  const paragraphs = paragraphsOf(text, lines, 0, lines.length);
  const bodySpan = trimBodyEnd(text, { start: 0, end: text.length });
  const first = paragraphs[0];
  const firstText = first ? text.slice(first.start, first.end) : '';
  const title = firstText.length > 0 && firstText.length <= 160 && !/[.!?]["”’]?$/.test(firstText) ? firstText : undefined;
  reportDuplicateParagraphs(text, paragraphs, problems);
  return {
    index: 0,
    source: fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, ''),
    fields: [],
    span: { start: 0, end: text.length },
    bodySpan,
    paragraphs,
    annotations: [],
    ...(title !== undefined ? { title } : {}),
  };
}

function paragraphsOf(text: string, lines: readonly Line[], from: number, to: number): Span[] {
  const paragraphs: Span[] = [];
  for (let i = from; i < to; i++) {
    const line = lines[i]!;
    if (isBlank(text, line)) continue;
    paragraphs.push(trimSpan(text, line));
  }
  // Of its own length (it grew by pushes): every document keeps it.
  return paragraphs.slice();
}

function trimBodyEnd(text: string, span: Span): Span {
  let end = span.end;
  while (end > span.start && /\s/.test(text[end - 1]!)) end--;
  return { start: span.start, end };
}

function reportDuplicateParagraphs(text: string, paragraphs: readonly Span[], problems: Problem[]): void {
  // Paragraphs are compared only with earlier ones of the same length: most lengths are unique, and
  // hashing every paragraph's text (once per keystroke, over the whole story) cost more than the rest of the parse.
  const byLength = new Map<number, Span[]>();
  for (const paragraph of paragraphs) {
    const length = paragraph.end - paragraph.start;
    if (length < 40) continue;
    const earlier = byLength.get(length);
    const first = earlier?.find((e) => text.startsWith(text.slice(paragraph.start, paragraph.end), e.start));
    if (first) {
      problems.push({
        code: ProblemCode.DuplicateParagraph,
        message: 'This paragraph repeats the one above word for word (a copy-paste slip?).',
        span: paragraph,
        severity: 'warning',
        data: { firstStart: String(first.start) },
      });
    } else if (earlier) earlier.push(paragraph);
    else byLength.set(length, [paragraph]);
  }
}

function collectAnnotation(line: string, offset: number, annotations: Annotation[], problems: Problem[]): void {
  const result = parseAnnotation(line, offset);
  if ('annotation' in result) annotations.push(result.annotation);
  else problems.push(result.problem);
}

