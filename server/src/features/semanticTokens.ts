import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver';
import { inClass, tokenize } from '../core/tokens';
import { REPORTING_VERB } from '../core/vocabulary';
import type { WorkspaceIndex } from '../core/workspaceIndex';

/** Quotes by kind, speakers, other actor mentions and reporting verbs. */
export const SEMANTIC_LEGEND: SemanticTokensLegend = {
  tokenTypes: ['string', 'regexp', 'label', 'class', 'variable', 'function'],
  tokenModifiers: ['declaration'],
};
const TYPE = { speech: 0, fragment: 1, name: 2, speaker: 3, actor: 4, verb: 5 } as const;

export function provideSemanticTokens(index: WorkspaceIndex, uri: string): SemanticTokens {
  const doc = index.get(uri);
  if (!doc) return { data: [] };
  const spans: Array<{ start: number; end: number; type: number }> = [];
  const speakers = new Set(doc.analysis.quotes.map((q) => q.speaker).filter((s): s is string => s !== null));
  for (const q of doc.analysis.quotes) if (!q.parentId) for (const part of q.parts) spans.push({ ...part, type: TYPE[q.kind] });
  for (const m of doc.analysis.mentions) spans.push({ start: m.start, end: m.end, type: speakers.has(m.actor) ? TYPE.speaker : TYPE.actor });
  for (const article of doc.story.articles) {
    for (const p of article.paragraphs) {
      for (const t of tokenize(doc.text, p)) if (!t.capitalized && inClass(t, REPORTING_VERB)) spans.push({ start: t.start, end: t.end, type: TYPE.verb });
    }
  }
  // Mentions and verbs inside quotes are shown over the quote: split so tokens never overlap.
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const flat: typeof spans = [];
  for (const s of spans) {
    const last = flat[flat.length - 1];
    if (last && s.start < last.end) {
      if (s.type === TYPE.speech || s.type === TYPE.fragment || s.type === TYPE.name) continue;
      // `last` starts latest, and `s` no earlier: the list stays in order without sorting it again
      // (sorting it at each split took 30–50 ms on a 200 KB story).
      const tail = { start: s.end, end: last.end, type: last.type };
      last.end = s.start;
      flat.push(s);
      if (tail.end > tail.start) flat.push(tail);
    } else flat.push(s);
  }
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  for (const s of flat) {
    // Semantic tokens may not span lines: emit one token per line.
    let start = s.start;
    while (start < s.end) {
      const pos = doc.lines.positionAt(start);
      const lineEnd = doc.lines.offsetAt({ line: pos.line, character: Number.MAX_SAFE_INTEGER });
      const end = Math.min(s.end, lineEnd);
      if (end > start) {
        data.push(pos.line - prevLine, pos.line === prevLine ? pos.character - prevChar : pos.character, end - start, s.type, 0);
        prevLine = pos.line;
        prevChar = pos.character;
      }
      start = doc.lines.offsetAt({ line: pos.line + 1, character: 0 });
      if (start <= end && pos.line + 1 >= doc.lines.lineCount) break;
    }
  }
  return { data };
}
