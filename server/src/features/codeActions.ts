import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import { ProblemCode } from '../core/model';
import type { WorkspaceIndex } from '../core/workspaceIndex';
import { anchorFor, insertInArticleHeader, insertInPreamble } from './annotationEdits';
import { articleOf, mentionAt, offsetOf, quoteAt, rangeOf } from './lookup';

const CLOSERS: Readonly<Record<string, string>> = { '"': '"', '“': '”', '„': '“', '‘': '’', "'": "'", '«': '»', '‹': '›', '‚': '‘' };

/**
 * Code actions at a range: attribute the quote to a known actor, ignore it, declare an alias, fix a
 * typo to the known name, remove a duplicated paragraph, close an unbalanced quote. Each is one
 * workspace edit the user can undo; annotations are written, article text only for the fix asked for.
 * `version` is the document version the index holds: the editor refuses an edit made for an older text,
 * so a keystroke typed after the action was offered is never overwritten.
 */
export function provideCodeActions(index: WorkspaceIndex, uri: string, range: Range, diagnostics: readonly Diagnostic[], version: number | null = null): CodeAction[] {
  const doc = index.get(uri);
  if (!doc) return [];
  const actions: CodeAction[] = [];
  const edit = (title: string, edits: TextEdit[], kind: string = CodeActionKind.QuickFix, diagnostic?: Diagnostic): CodeAction => ({
    title,
    kind,
    edit: { documentChanges: [{ textDocument: { uri, version }, edits }] },
    ...(diagnostic ? { diagnostics: [diagnostic] } : {}),
  });

  for (const d of diagnostics) {
    const start = offsetOf(doc, d.range.start);
    const end = offsetOf(doc, d.range.end);
    if (d.code === ProblemCode.PossibleTypo && d.data && typeof d.data === 'object') {
      const data = d.data as { actor?: string; surname?: string };
      if (data.surname) actions.push({ ...edit(`Change “${doc.text.slice(start, end)}” to “${data.surname}”`, [{ range: d.range, newText: data.surname }], CodeActionKind.QuickFix, d), isPreferred: true });
    }
    if (d.code === ProblemCode.DuplicateParagraph) {
      let removeEnd = end;
      while (removeEnd < doc.text.length && (doc.text[removeEnd] === '\n' || doc.text[removeEnd] === '\r')) removeEnd++;
      actions.push(edit('Remove the duplicated paragraph', [{ range: rangeOf(doc, { start, end: removeEnd }), newText: '' }], CodeActionKind.QuickFix, d));
    }
    if (d.code === ProblemCode.UnbalancedQuote) {
      const mark = doc.text[start]!;
      const closer = CLOSERS[mark];
      const paragraph = doc.story.articles.flatMap((a) => a.paragraphs).find((p) => p.start <= start && start < p.end);
      if (closer && paragraph) actions.push(edit(`Close the quotation with ${closer} at the end of the paragraph`, [{ range: rangeOf(doc, { start: paragraph.end, end: paragraph.end }), newText: closer }], CodeActionKind.QuickFix, d));
    }
  }

  const offset = offsetOf(doc, range.start);
  const quote = quoteAt(doc, offset);
  if (quote) {
    const article = articleOf(doc, quote);
    const anchor = anchorFor(doc, quote);
    const people = index.actors().filter((a) => a.kind === 'person' || a.kind === 'organization' || a.kind === 'country');
    const inArticle = new Set(doc.analysis.mentions.inArticle(quote.articleIndex).map((m) => m.actor));
    const candidates = people.filter((a) => inArticle.has(a.name) && a.name !== quote.speaker).slice(0, 6);
    for (const actor of candidates) {
      const e = insertInArticleHeader(doc, article, `@speaker ${anchor} = ${actor.name}`);
      if (e) actions.push(edit(`Attribute this quote to ${actor.name}`, [e], CodeActionKind.RefactorRewrite));
    }
    const ignore = insertInArticleHeader(doc, article, `@ignore ${anchor}`);
    if (ignore) actions.push(edit('Ignore this quote (not a quotation)', [ignore], CodeActionKind.RefactorRewrite));
  }
  const mention = mentionAt(doc, offset);
  if (mention && mention.text !== mention.actor) {
    const e = insertInPreamble(doc, `@actor ${mention.actor}: ${mention.text}`);
    if (e) actions.push(edit(`Declare “${mention.text}” an alias of ${mention.actor}`, [e], CodeActionKind.RefactorRewrite));
  }
  return actions;
}
