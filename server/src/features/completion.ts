import { CompletionItemKind, type CompletionItem, type Position } from 'vscode-languageserver';
import type { WorkspaceIndex } from '../core/workspaceIndex';
import { offsetOf } from './lookup';

const HEADER_KEYS = ['title', 'date', 'url', 'author', 'lang'];

/** Header keys and annotation keywords at the start of a header line; actor names after `=` or `@actor`. */
export function provideCompletion(index: WorkspaceIndex, uri: string, position: Position): CompletionItem[] {
  const doc = index.get(uri);
  if (!doc) return [];
  const offset = offsetOf(doc, position);
  const lineStart = offsetOf(doc, { line: position.line, character: 0 });
  const before = doc.text.slice(lineStart, offset);
  const actors = (): CompletionItem[] => index.actors().map((a) => ({ label: a.name, kind: CompletionItemKind.Reference, detail: a.kind }));
  const afterEquals = before.startsWith('@speaker ') && before.includes('=') && before.indexOf('=') === before.lastIndexOf('=');
  const inActorName = before.startsWith('@actor ') && !before.includes(':') && !before.includes('[');
  if (afterEquals || inActorName) return actors();
  if (/^@?[a-z]*$/.test(before)) {
    const inHeader = doc.story.articles.some((a) => a.delimiterSpan && a.delimiterSpan.end < offset && offset <= a.bodySpan.start) || (doc.story.preamble !== undefined && offset <= doc.story.preamble.end);
    if (!inHeader) return [];
    return [
      ...HEADER_KEYS.map((k) => ({ label: `${k}: `, kind: CompletionItemKind.Property, detail: 'header field' })),
      { label: '@actor ', kind: CompletionItemKind.Keyword, detail: '@actor Full Name [person]: alias, alias' },
      { label: '@speaker ', kind: CompletionItemKind.Keyword, detail: '@speaker "quoted words" = Speaker' },
      { label: '@ignore ', kind: CompletionItemKind.Keyword, detail: '@ignore "quoted words"' },
    ];
  }
  return [];
}
