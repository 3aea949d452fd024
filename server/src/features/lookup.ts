import type { Location, Position, Range } from 'vscode-languageserver';
import type { ActorMention } from '../core/actorFinder';
import type { Article } from '../core/model';
import type { Quote } from '../core/storyAnalyzer';
import { quoteKey, type IndexedDocument, type QuoteRef, type WorkspaceIndex } from '../core/workspaceIndex';

/** The innermost quote whose marks enclose the offset. */
export function quoteAt(doc: IndexedDocument, offset: number): Quote | undefined {
  let found: Quote | undefined;
  for (const q of doc.analysis.quotes) {
    if (q.outerSpan.start <= offset && offset <= q.outerSpan.end) {
      if (!found || q.outerSpan.end - q.outerSpan.start < found.outerSpan.end - found.outerSpan.start) found = q;
    }
  }
  return found;
}

export function mentionAt(doc: IndexedDocument, offset: number): ActorMention | undefined {
  return doc.analysis.mentions.mentionAt(offset);
}

export function articleOf(doc: IndexedDocument, quote: { articleIndex: number }): Article {
  return doc.story.articles[quote.articleIndex]!;
}

export function offsetOf(doc: IndexedDocument, position: Position): number {
  return doc.lines.offsetAt(position);
}

export function rangeOf(doc: IndexedDocument, span: { start: number; end: number }): Range {
  return doc.lines.rangeOf(span) as Range;
}

export function quoteLocation(index: WorkspaceIndex, ref: QuoteRef): Location {
  return { uri: ref.uri, range: rangeOf(index.get(ref.uri)!, ref.quote.span) };
}

export function refOf(doc: IndexedDocument, quote: Quote): QuoteRef {
  return { key: quoteKey(doc.uri, quote), uri: doc.uri, quote };
}

/**
 * A file link that opens the document with the range selected (VS Code reads the #L fragment), safe
 * as a Markdown link target in a table cell: every character but letters, digits and `-._~:/@!$+,;=`
 * is percent-encoded (an existing `%XX` is kept), so a space, `(`, `)`, `<`, `>`, `|`, `` ` ``, `\`,
 * `&`, `#` or a line break in the document's name cannot end the link, open another or split a row.
 */
export function openLink(uri: string, range: Range): string {
  const target = uri.replace(/%(?![0-9A-Fa-f]{2})|[^\w\-.~:/@!$+,;=%]/gu, percentEncode);
  return `${target}#L${range.start.line + 1},${range.start.character + 1}`;
}

/** UTF-8 percent-encoding of one character; a lone surrogate (not a character) becomes U+FFFD. */
function percentEncode(c: string): string {
  try {
    // encodeURIComponent leaves ( ) ' * as they are.
    return encodeURIComponent(c).replace(/[()'*]/g, (m) => `%${m.charCodeAt(0).toString(16).toUpperCase()}`);
  } catch {
    return '%EF%BF%BD';
  }
}
