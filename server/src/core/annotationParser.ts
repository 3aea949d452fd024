import { ProblemCode, type ActorKind, type Annotation, type Problem, type QuoteAnchor, type Span } from './model';

const ACTOR_KINDS: readonly ActorKind[] = ['person', 'organization', 'country', 'place'];
const KEYWORDS = ['actor', 'speaker', 'ignore'] as const;

/** True when a line (without its break) is written as an annotation: `@actor`, `@speaker` or `@ignore`. */
export function isAnnotationLine(line: string): boolean {
  const m = /^@([a-z]+)\b/.exec(line);
  return m !== null && (KEYWORDS as readonly string[]).includes(m[1]!);
}

export type AnnotationResult = { annotation: Annotation } | { problem: Problem };

/**
 * Parses one annotation line starting at `offset` in the document:
 *   @actor Donald Trump [person]: Trump, the US president
 *   @speaker "mediate his own" #2 = Donald Trump
 *   @ignore "Operation Rising Lion"
 */
export function parseAnnotation(line: string, offset: number): AnnotationResult {
  const span: Span = { start: offset, end: offset + line.length };
  const keyword = /^@([a-z]+)\s*/.exec(line)!;
  const rest = line.slice(keyword[0].length);
  const restOffset = offset + keyword[0].length;
  const fail = (message: string): AnnotationResult => ({
    problem: { code: ProblemCode.MalformedAnnotation, message, span, severity: 'error' },
  });
  switch (keyword[1]) {
    case 'actor':
      return parseActor(rest, restOffset, span) ?? fail('An actor annotation reads: @actor Full Name [person|organization|country|place]: alias, alias');
    case 'speaker': {
      const anchor = parseAnchor(rest, restOffset);
      if (!anchor) return fail('A speaker annotation reads: @speaker "quoted words" = Speaker Name');
      const after = rest.slice(anchor.length);
      const m = /^\s*=\s*(\S(?:.*\S)?)\s*$/.exec(after);
      if (!m) return fail('A speaker annotation needs "= Speaker Name" after the quoted words.');
      const nameStart = restOffset + anchor.length + after.indexOf(m[1]!);
      return {
        annotation: { type: 'speaker', span, anchor: anchor.anchor, speaker: m[1]!, speakerSpan: { start: nameStart, end: nameStart + m[1]!.length } },
      };
    }
    default: {
      const anchor = parseAnchor(rest, restOffset);
      if (!anchor || rest.slice(anchor.length).trim() !== '') return fail('An ignore annotation reads: @ignore "quoted words" (optionally followed by #N for the Nth match).');
      return { annotation: { type: 'ignore', span, anchor: anchor.anchor } };
    }
  }
}

function parseActor(rest: string, restOffset: number, span: Span): AnnotationResult | null {
  const colon = rest.indexOf(':');
  let head = (colon >= 0 ? rest.slice(0, colon) : rest).trim();
  let kind: ActorKind | undefined;
  if (head.endsWith(']')) {
    const open = head.lastIndexOf('[');
    if (open < 0) return null;
    kind = head.slice(open + 1, -1).trim() as ActorKind;
    if (!ACTOR_KINDS.includes(kind)) return null;
    head = head.slice(0, open).trim();
  }
  if (head === '' || head.includes('[') || head.includes(']')) return null;
  const aliases = (colon >= 0 ? rest.slice(colon + 1) : '').split(',').map((a) => a.trim()).filter((a) => a.length > 0);
  const nameStart = restOffset + rest.indexOf(head);
  return {
    annotation: { type: 'actor', span, name: head, nameSpan: { start: nameStart, end: nameStart + head.length }, aliases, ...(kind ? { kind } : {}) },
  };
}

const ANCHOR_CLOSERS: Readonly<Record<string, string>> = { '"': '"', '“': '”', '«': '»', '„': '“' };

function parseAnchor(rest: string, restOffset: number): { anchor: QuoteAnchor; length: number } | null {
  const open = rest[0];
  const close = open === undefined ? undefined : ANCHOR_CLOSERS[open];
  if (close === undefined) return null;
  const end = rest.indexOf(close, 1);
  if (end <= 1) return null;
  const words = rest.slice(1, end);
  let length = end + 1;
  let occurrence: number | undefined;
  const occ = /^\s*#(\d{1,4})/.exec(rest.slice(length));
  if (occ) {
    occurrence = Number(occ[1]);
    length += occ[0].length;
  }
  return {
    anchor: { words, wordsSpan: { start: restOffset + 1, end: restOffset + end }, ...(occurrence ? { occurrence } : {}) },
    length,
  };
}
