import * as vscode from 'vscode';
import { MAX_PAGE, type ActorFacts, type ActorKind, type QuoteItem } from '../../../server/src/protocol';
import {
  actorAnnotation,
  declaredActorName,
  declaredAliases,
  findAnnotationPlace,
  formatAnchor,
  ignoreAnnotation,
  invalidAlias,
  invalidName,
  isRefusal,
  occurrenceOf,
  quoteAt,
  speakerAnnotation,
  withAlias,
  type AnnotationPlace,
} from '../annotationText';
import type { ArticleLensContext } from '../context';
import { applyDocumentEdit, quotePosition, requireAnnotatableEditor } from '../editors';
import { UserError } from '../errors';
import { oneLine } from '../locations';

/** Attribute Quote to…: writes `@speaker "words" = Name` for the quote at the cursor into its article's header. */
export async function attributeQuote(ctx: ArticleLensContext): Promise<void> {
  const target = await quoteTarget(ctx, 'attribute it');
  const speaker = await pickActorName(ctx, {
    title: `Who said “${oneLine(target.quote.text, 60)}”?`,
    placeholder: target.quote.speaker ? `Now attributed to ${target.quote.speaker}; type another name or pick an actor` : 'Type a name or pick an actor',
    kinds: ['person', 'organization'],
  });
  if (!speaker) return;
  await insertLine(target.editor, target.version, target.place, speakerAnnotation(target.anchor, speaker.name));
}

/** Ignore Quote: writes `@ignore "words"` for the quote at the cursor, so it is no longer listed or compared. */
export async function ignoreQuote(ctx: ArticleLensContext): Promise<void> {
  const target = await quoteTarget(ctx, 'ignore it');
  await insertLine(target.editor, target.version, target.place, ignoreAnnotation(target.anchor));
}

/**
 * Add Actor Alias…: asks for the alias (the selection by default) and the actor, then adds the alias
 * to the actor's `@actor` line in this header or the preamble, or writes a new `@actor` line.
 */
export async function addActorAlias(ctx: ArticleLensContext): Promise<void> {
  const editor = requireAnnotatableEditor(ctx);
  const document = editor.document;
  const version = document.version;
  const place = placeFor(document, editor.selection.active.line, true);
  const selected = editor.selection.isEmpty ? '' : document.getText(editor.selection);
  const alias = await vscode.window.showInputBox({
    title: 'Add Actor Alias (1/2)',
    prompt: 'Another name the articles use for an actor, e.g. "the foreign minister"',
    value: /[\r\n]/.test(selected) ? '' : selected.trim(),
    validateInput: (value) => invalidAlias(value),
    ignoreFocusOut: true,
  });
  if (alias === undefined) return;
  const actor = await pickActorName(ctx, { title: `Add Actor Alias (2/2): whom does “${alias.trim()}” name?`, placeholder: 'Type a name or pick an actor' });
  if (!actor) return;

  const existing = place.headerLines.find((line) => declaredActorName(document.lineAt(line).text) === actor.name);
  const declarationLine = existing ?? preambleDeclaration(document, actor.name);
  if (declarationLine !== undefined) {
    const line = document.lineAt(declarationLine);
    if (declaredAliases(line.text).some((a) => a.toLowerCase() === alias.trim().toLowerCase())) {
      throw new UserError(`“${alias.trim()}” is already an alias of ${actor.name} (line ${declarationLine + 1}).`);
    }
    await editDocument(document, version, (edit) => edit.replace(document.uri, line.range, withAlias(line.text, alias)));
    vscode.window.setStatusBarMessage(`$(check) Added “${alias.trim()}” to the @actor line of ${actor.name}.`, 5000);
    return;
  }
  const kind = actor.kind ?? (await pickKind(actor.name));
  if (kind === null) return;
  await insertLine(editor, version, place, actorAnnotation(actor.name, kind, [alias]));
}

interface QuoteTarget {
  readonly editor: vscode.TextEditor;
  readonly version: number;
  readonly quote: QuoteItem;
  readonly place: AnnotationPlace;
  readonly anchor: string;
}

/** The quote at the cursor, where its article's header takes an annotation, and the anchor naming it. */
async function quoteTarget(ctx: ArticleLensContext, action: string): Promise<QuoteTarget> {
  const editor = requireAnnotatableEditor(ctx);
  const document = editor.document;
  const version = document.version;
  const cursor = quotePosition(editor);
  const place = placeFor(document, cursor.line, false);
  const quotes = await ctx.request('listQuotes', { uri: document.uri.toString() });
  const quote = quoteAt(quotes, cursor.line, cursor.character);
  if (!quote) throw new UserError(`Put the cursor inside a quotation to ${action}.`);
  const lines = place.articleLines;
  const inArticle = lines ? quotes.filter((q) => q.range.start.line > lines.delimiter && q.range.start.line < lines.end) : quotes;
  const anchor = formatAnchor(quote.text, occurrenceOf(quote, inArticle));
  if (!anchor) throw new UserError('This quote\'s words cannot be written as an anchor (they contain every kind of closing quotation mark).');
  return { editor, version, quote, place, anchor };
}

function placeFor(document: vscode.TextDocument, line: number, allowPreamble: boolean): AnnotationPlace {
  const place = findAnnotationPlace((i) => document.lineAt(i).text, document.lineCount, line, allowPreamble);
  if (isRefusal(place)) throw new UserError(place.refusal);
  return place;
}

/** The line of the preamble's `@actor` declaration of a name, if any. */
function preambleDeclaration(document: vscode.TextDocument, name: string): number | undefined {
  const preamble = findAnnotationPlace((i) => document.lineAt(i).text, document.lineCount, 0, true);
  if (isRefusal(preamble) || preamble.scope !== 'preamble') return undefined;
  return preamble.headerLines.find((line) => declaredActorName(document.lineAt(line).text) === name);
}

async function insertLine(editor: vscode.TextEditor, version: number, place: AnnotationPlace, annotation: string): Promise<void> {
  const document = editor.document;
  await editDocument(document, version, (edit) => {
    const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    if (place.line < document.lineCount) {
      edit.insert(document.uri, new vscode.Position(place.line, 0), annotation + eol + (place.blankLineAfter ? eol : ''));
    } else {
      edit.insert(document.uri, document.lineAt(document.lineCount - 1).range.end, eol + annotation);
    }
  });
  const where = place.scope === 'preamble' ? 'the preamble (for the whole story)' : `the header of “${place.source || 'this article'}”`;
  vscode.window.setStatusBarMessage(`$(check) Added ${annotation} to ${where}.`, 5000);
}

/**
 * Applies an edit whose positions were read at `version` (before the user was asked anything): only at
 * that version, so a keystroke typed meanwhile, or racing the edit, is never overwritten.
 */
function editDocument(document: vscode.TextDocument, version: number, fill: (edit: vscode.WorkspaceEdit) => void): Promise<void> {
  return applyDocumentEdit(document, () => {
    const edit = new vscode.WorkspaceEdit();
    fill(edit);
    return edit;
  }, { expectedVersion: version });
}

interface ActorChoice {
  readonly name: string;
  /** Known from the server; undefined for a name typed in. */
  readonly kind: ActorKind | undefined;
}

interface ActorPickItem extends vscode.QuickPickItem {
  readonly choice: ActorChoice;
}

/** A quick pick of the workspace's actors (the given kinds first) that also takes a name typed in. */
async function pickActorName(ctx: ArticleLensContext, options: { title: string; placeholder: string; kinds?: ReadonlyArray<ActorKind> }): Promise<ActorChoice | undefined> {
  // The most quoted, then most mentioned, of the workspace (it may name tens of thousands); any other name can be typed.
  const actors = (await ctx.request('actorRows', { limit: MAX_PAGE })).items;
  const preferred = options.kinds ?? [];
  const rank = (actor: ActorFacts): number => (preferred.includes(actor.kind) ? 0 : 1);
  const known: ActorPickItem[] = [...actors]
    .sort((a, b) => rank(a) - rank(b) || b.quoteCount - a.quoteCount || a.name.localeCompare(b.name))
    .map((actor) => ({
      label: actor.name,
      description: `${actor.kind}${actor.declared ? '' : ', found in the text'}`,
      ...(actor.aliases.length > 0 ? { detail: `also: ${actor.aliases.join(', ')}` } : {}),
      choice: { name: actor.name, kind: actor.kind },
    }));
  const picker = vscode.window.createQuickPick<ActorPickItem>();
  picker.title = options.title;
  picker.placeholder = options.placeholder;
  picker.matchOnDetail = true;
  picker.ignoreFocusOut = true;
  picker.items = known;
  return new Promise<ActorChoice | undefined>((resolve) => {
    let result: ActorChoice | undefined;
    picker.onDidChangeValue((value) => {
      const typed = value.trim();
      const exact = known.some((item) => item.label.toLowerCase() === typed.toLowerCase());
      const problem = typed === '' ? undefined : invalidName(typed);
      picker.items =
        typed === '' || exact
          ? known
          : [{ label: `$(add) ${typed}`, description: problem ?? 'a name not declared yet', alwaysShow: true, choice: { name: problem ? '' : typed, kind: undefined } }, ...known];
    });
    picker.onDidAccept(() => {
      const item = picker.selectedItems[0] ?? picker.activeItems[0];
      if (!item || item.choice.name === '') return;
      result = item.choice;
      picker.hide();
    });
    picker.onDidHide(() => {
      picker.dispose();
      resolve(result);
    });
    picker.show();
  });
}

/** Asks the kind of a new actor; undefined means "no kind", null means the user cancelled. */
async function pickKind(name: string): Promise<ActorKind | undefined | null> {
  const kinds: Array<vscode.QuickPickItem & { actorKind: ActorKind | undefined }> = [
    { label: 'Person', actorKind: 'person' },
    { label: 'Organization', actorKind: 'organization' },
    { label: 'Country', actorKind: 'country' },
    { label: 'Place', actorKind: 'place' },
    { label: 'No kind', actorKind: undefined },
  ];
  const picked = await vscode.window.showQuickPick<(typeof kinds)[number]>(kinds, { title: `What is ${name}?`, placeHolder: 'The kind of the new actor', ignoreFocusOut: true });
  return picked ? picked.actorKind : null;
}
