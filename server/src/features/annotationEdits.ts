import type { TextEdit } from 'vscode-languageserver';
import { splitLines } from '../core/lines';
import type { Article } from '../core/model';
import type { Quote } from '../core/storyAnalyzer';
import { normalizedWords } from '../core/tokens';
import type { IndexedDocument } from '../core/workspaceIndex';
import { rangeOf } from './lookup';

/**
 * An edit that adds an annotation line to an article's header (after its last header line), or
 * undefined for a file without delimiters, where an annotation line would become body text.
 */
export function insertInArticleHeader(doc: IndexedDocument, article: Article, line: string): TextEdit | undefined {
  if (!article.delimiterSpan) return undefined;
  const lines = splitLines(doc.text, article.delimiterSpan.start, article.bodySpan.start);
  const eol = /\r\n/.test(doc.text) ? '\r\n' : '\n';
  let insertAt = article.delimiterSpan.end;
  for (const l of lines.slice(1)) {
    if (l.end === l.start) break;
    insertAt = l.end;
  }
  const range = rangeOf(doc, { start: insertAt, end: insertAt });
  return { range, newText: `${eol}${line}` };
}

/** An edit that adds an annotation line to the story's preamble (creating one if needed). */
export function insertInPreamble(doc: IndexedDocument, line: string): TextEdit | undefined {
  const eol = /\r\n/.test(doc.text) ? '\r\n' : '\n';
  const first = doc.story.articles[0];
  if (!first?.delimiterSpan) return undefined;
  const at = doc.story.preamble ? doc.story.preamble.end : 0;
  const newText = doc.story.preamble ? `${eol}${line}` : `${line}${eol}${eol}`;
  return { range: rangeOf(doc, { start: at, end: at }), newText };
}

/** The anchor that names a quote in an annotation: its words, and #N when other quotes share them. */
export function anchorFor(doc: IndexedDocument, quote: Quote): string {
  const firstPart = doc.text.slice(quote.parts[0]!.start, quote.parts[0]!.end).replace(/"/g, '”');
  const words = firstPart.length > 120 ? firstPart.slice(0, firstPart.lastIndexOf(' ', 120)) : firstPart;
  const wanted = ` ${normalizedWords(words).join(' ')} `;
  const same = doc.analysis.quotes.filter((q) => q.articleIndex === quote.articleIndex && ` ${normalizedWords(q.text).join(' ')} `.includes(wanted));
  const nth = same.findIndex((q) => q.id === quote.id) + 1;
  return same.length > 1 ? `"${words}" #${nth}` : `"${words}"`;
}
