import { strict as assert } from 'node:assert';
import type { Diagnostic, DocumentSymbol, Position, Range } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Annotation, Span } from '../../../server/src/core/model';
import type { IndexedDocument, WorkspaceIndex } from '../../../server/src/core/workspaceIndex';
import { provideDiagnostics } from '../../../server/src/features/diagnostics';
import { provideFoldingRanges } from '../../../server/src/features/folding';
import { provideHover } from '../../../server/src/features/hover';
import { provideSemanticTokens } from '../../../server/src/features/semanticTokens';
import { provideDocumentSymbols } from '../../../server/src/features/symbols';

/**
 * Checks that every range the analysis and the features emit for a document converts back (through
 * LSP's own TextDocument) to exactly its span, is a valid position, and never splits a surrogate pair.
 */

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
/** True when the offset falls between the two halves of a surrogate pair. */
export const splitsPair = (text: string, offset: number): boolean => offset > 0 && offset < text.length && isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset));

/** Every span the parser and the analysis emit for one document, with what its text must be (when known). */
export function spansOf(doc: IndexedDocument): Array<{ what: string; span: Span; text?: string }> {
  const out: Array<{ what: string; span: Span; text?: string }> = [];
  const { story, analysis } = doc;
  const annotation = (a: Annotation): void => {
    out.push({ what: `@${a.type}`, span: a.span });
    if (a.type === 'actor') out.push({ what: '@actor name', span: a.nameSpan, text: a.name });
    else out.push({ what: `@${a.type} anchor`, span: a.anchor.wordsSpan, text: a.anchor.words });
    if (a.type === 'speaker') out.push({ what: '@speaker name', span: a.speakerSpan, text: a.speaker });
  };
  if (story.preamble) out.push({ what: 'preamble', span: story.preamble });
  story.annotations.forEach(annotation);
  for (const article of story.articles) {
    out.push({ what: 'article', span: article.span }, { what: 'body', span: article.bodySpan });
    if (article.delimiterSpan) out.push({ what: 'delimiter', span: article.delimiterSpan });
    if (article.sourceSpan) out.push({ what: 'source', span: article.sourceSpan, ...(article.sourceSpan.end > article.sourceSpan.start ? { text: article.source } : {}) });
    for (const p of article.paragraphs) out.push({ what: 'paragraph', span: p });
    for (const f of article.fields) out.push({ what: 'field', span: f.span }, { what: `field ${f.key} value`, span: f.valueSpan, text: f.value });
    article.annotations.forEach(annotation);
  }
  for (const q of [...analysis.quotes, ...analysis.ignoredQuotes]) {
    out.push({ what: `quote ${q.id}`, span: q.span, ...(q.parts.length === 1 ? { text: q.text } : {}) }, { what: `quote ${q.id} with marks`, span: q.outerSpan });
    for (const part of q.parts) out.push({ what: `quote ${q.id} part`, span: part });
    if (q.attribution?.cue) out.push({ what: `quote ${q.id} cue`, span: q.attribution.cue });
  }
  for (const m of analysis.mentions) out.push({ what: `mention of ${m.actor}`, span: m, text: m.text });
  for (const p of analysis.problems) out.push({ what: `problem ${p.code}`, span: p.span });
  return out;
}

export function checkDocument(index: WorkspaceIndex, uri: string): void {
  const doc = index.get(uri)!;
  const text = doc.text;
  const oracle = TextDocument.create(uri, 'articles', 1, text);
  /** A position the client can use as is: within its line, not inside a line break. */
  const valid = (p: Position, what: string): void => {
    assert.deepEqual(oracle.positionAt(oracle.offsetAt(p)), p, `${what}: position ${JSON.stringify(p)} is not a valid position`);
    assert.ok(!splitsPair(text, oracle.offsetAt(p)), `${what}: ${JSON.stringify(p)} splits a surrogate pair`);
  };
  const offsetsOf = (r: Range, what: string): [number, number] => {
    valid(r.start, what);
    valid(r.end, what);
    return [oracle.offsetAt(r.start), oracle.offsetAt(r.end)];
  };

  const known = new Set<string>();
  for (const { what, span, text: expected } of spansOf(doc)) {
    known.add(`${span.start}:${span.end}`);
    assert.ok(span.start >= 0 && span.start <= span.end && span.end <= text.length, `${what}: span ${span.start}-${span.end} outside the text`);
    assert.ok(!splitsPair(text, span.start) && !splitsPair(text, span.end), `${what}: span ${span.start}-${span.end} splits a surrogate pair`);
    const range = doc.lines.rangeOf(span);
    const [start, end] = offsetsOf(range as Range, what);
    assert.deepEqual([start, end], [span.start, span.end], `${what}: range ${JSON.stringify(range)} is ${start}-${end}, not ${span.start}-${span.end}`);
    assert.equal(oracle.getText(range as Range), text.slice(span.start, span.end), what);
    if (expected !== undefined) assert.equal(text.slice(span.start, span.end), expected, `${what}: the span's text`);
  }

  provideDiagnostics(index, uri).forEach((d: Diagnostic) => {
    const [start, end] = offsetsOf(d.range, `diagnostic ${String(d.code)}`);
    assert.ok(known.has(`${start}:${end}`), `diagnostic ${String(d.code)} at ${start}-${end} matches no span of the analysis`);
  });

  const symbol = (s: DocumentSymbol): void => {
    const [rs, re] = offsetsOf(s.range, `symbol ${s.name}`);
    const [ss, se] = offsetsOf(s.selectionRange, `symbol ${s.name} selection`);
    assert.ok(rs <= ss && se <= re, `symbol ${s.name}: selection ${ss}-${se} outside its range ${rs}-${re}`);
    s.children?.forEach(symbol);
  };
  provideDocumentSymbols(index, uri).forEach(symbol);

  for (const q of doc.analysis.quotes) {
    const hover = provideHover(index, uri, doc.lines.positionAt(q.span.start));
    assert.ok(hover?.range, `no hover on quote ${q.id}`);
    offsetsOf(hover.range, `hover on ${q.id}`);
  }

  const lineCount = oracle.lineCount;
  for (const f of provideFoldingRanges(index, uri)) assert.ok(f.startLine < f.endLine && f.endLine < lineCount, `fold ${f.startLine}-${f.endLine} of ${lineCount} lines`);

  // Semantic tokens: relative encoding, one line each, never overlapping, never splitting a pair.
  const data = provideSemanticTokens(index, uri).data;
  let line = 0;
  let character = 0;
  let lastEnd = -1;
  for (let i = 0; i < data.length; i += 5) {
    const [dl, dc, length] = [data[i]!, data[i + 1]!, data[i + 2]!];
    character = dl === 0 ? character + dc : dc;
    line += dl;
    const start = oracle.offsetAt({ line, character });
    const lineEnd = oracle.offsetAt({ line, character: Number.MAX_SAFE_INTEGER });
    assert.ok(length > 0 && start + length <= lineEnd, `semantic token ${line}:${character}+${length} leaves its line`);
    assert.ok(start >= lastEnd, `semantic token at ${line}:${character} overlaps the one before`);
    assert.ok(!splitsPair(text, start) && !splitsPair(text, start + length), `semantic token ${line}:${character}+${length} splits a surrogate pair`);
    lastEnd = start + length;
  }
}
