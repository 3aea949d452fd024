import type { TextDocumentContentChangeEvent, TextDocumentsConfiguration } from 'vscode-languageserver';
import type { Position, Range, TextDocument } from 'vscode-languageserver-textdocument';
import { forEachLineBreak } from './core/lines';

/**
 * An open document whose text is kept as pieces between reads: an edit joins nothing. LSP's own
 * `TextDocument` cuts and joins its whole text at every change, and V8 copies a joined string whole
 * before cutting it again, so each keystroke in a 200 KB story copied 400 KB (a 30 MB one: 60 MB).
 * Here the text is joined once, when read (the server reads it once per burst of changes). Lines,
 * positions and offsets are kept and answered exactly as `TextDocument` does (a property test compares
 * the two on random edits).
 */
export class PieceTextDocument implements TextDocument {
  /** The text, in order; one piece after every read. */
  private pieces: string[];
  private length: number;
  private lineOffsets: number[] | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private currentVersion: number,
    text: string,
  ) {
    this.pieces = [text];
    this.length = text.length;
  }

  get version(): number {
    return this.currentVersion;
  }

  get lineCount(): number {
    return this.getLineOffsets().length;
  }

  getText(range?: Range): string {
    if (this.pieces.length !== 1) this.pieces = [this.pieces.join('')];
    const text = this.pieces[0]!;
    return range ? text.substring(this.offsetAt(range.start), this.offsetAt(range.end)) : text;
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.length), 0);
    const lineOffsets = this.getLineOffsets();
    let low = 0;
    let high = lineOffsets.length;
    if (high === 0) return { line: 0, character: offset };
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      if (lineOffsets[mid]! > offset) high = mid;
      else low = mid + 1;
    }
    const line = low - 1;
    offset = this.beforeLineBreak(offset, lineOffsets[line]!);
    return { line, character: offset - lineOffsets[line]! };
  }

  offsetAt(position: Position): number {
    const lineOffsets = this.getLineOffsets();
    if (position.line >= lineOffsets.length) return this.length;
    if (position.line < 0) return 0;
    const lineOffset = lineOffsets[position.line]!;
    if (position.character <= 0) return lineOffset;
    const nextLineOffset = position.line + 1 < lineOffsets.length ? lineOffsets[position.line + 1]! : this.length;
    return this.beforeLineBreak(Math.min(lineOffset + position.character, nextLineOffset), lineOffset);
  }

  getLineRange(line: number): Range {
    const lineOffsets = this.getLineOffsets();
    if (line >= lineOffsets.length) {
      const last = lineOffsets.length - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.length - lineOffsets[last]! } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const start = lineOffsets[line]!;
    const next = line + 1 < lineOffsets.length ? lineOffsets[line + 1]! : this.length;
    return { start: { line, character: 0 }, end: { line, character: this.beforeLineBreak(next, start) - start } };
  }

  getEOLCharacters(line: number): string {
    const lineOffsets = this.getLineOffsets();
    if (line >= lineOffsets.length || line < 0) return '';
    const next = line + 1 < lineOffsets.length ? lineOffsets[line + 1]! : this.length;
    return this.getText().substring(this.beforeLineBreak(next, lineOffsets[line]!), next);
  }

  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if ('range' in change && change.range !== undefined) this.replace(wellFormed(change.range), change.text);
      else {
        this.pieces = [change.text];
        this.length = change.text.length;
        this.lineOffsets = undefined;
      }
    }
    this.currentVersion = version;
  }

  private replace(range: Range, text: string): void {
    const start = this.offsetAt(range.start);
    const end = this.offsetAt(range.end);
    this.splice(start, end, text);
    const insertedEnd = start + text.length;
    if ((this.charCodeAt(start - 1) === CR && this.charCodeAt(start) === LF) || (this.charCodeAt(insertedEnd - 1) === CR && this.charCodeAt(insertedEnd) === LF)) {
      // A CRLF pair across an edit boundary is not among the inserted text's line offsets.
      this.lineOffsets = undefined;
      return;
    }
    const lineOffsets = this.lineOffsets;
    if (!lineOffsets) return;
    const startLine = Math.max(range.start.line, 0);
    const endLine = Math.max(range.end.line, 0);
    const added = lineStarts(text, false, start);
    if (endLine - startLine === added.length) {
      for (let i = 0; i < added.length; i++) lineOffsets[i + startLine + 1] = added[i]!;
    } else {
      this.lineOffsets = [...lineOffsets.slice(0, startLine + 1), ...added, ...lineOffsets.slice(endLine + 1)];
    }
    const diff = text.length - (end - start);
    if (diff === 0) return;
    const offsets = this.lineOffsets!;
    for (let i = startLine + 1 + added.length; i < offsets.length; i++) offsets[i] = offsets[i]! + diff;
  }

  /** Replaces [start, end) with `text`, cutting pieces (a cut of a flat string is a view, not a copy). */
  private splice(start: number, end: number, text: string): void {
    const pieces: string[] = [];
    let inserted = false;
    const insert = (): void => {
      if (!inserted && text.length > 0) pieces.push(text);
      inserted = true;
    };
    let at = 0;
    for (const piece of this.pieces) {
      const pieceEnd = at + piece.length;
      if (pieceEnd <= start) pieces.push(piece);
      else if (at >= end) {
        insert();
        pieces.push(piece);
      } else {
        if (at < start) pieces.push(piece.slice(0, start - at));
        insert();
        if (pieceEnd > end) pieces.push(piece.slice(end - at));
      }
      at = pieceEnd;
    }
    insert();
    this.pieces = pieces;
    this.length += text.length - (end - start);
    // Edits that nobody reads in between would make every edit walk a longer list.
    if (this.pieces.length > MAX_PIECES) this.getText();
  }

  private charCodeAt(offset: number): number {
    if (offset < 0) return Number.NaN;
    let at = 0;
    for (const piece of this.pieces) {
      if (offset < at + piece.length) return piece.charCodeAt(offset - at);
      at += piece.length;
    }
    return Number.NaN;
  }

  private beforeLineBreak(offset: number, lineOffset: number): number {
    while (offset > lineOffset && isLineBreak(this.charCodeAt(offset - 1))) offset--;
    return offset;
  }

  private getLineOffsets(): number[] {
    this.lineOffsets ??= lineStarts(this.getText(), true, 0);
    return this.lineOffsets;
  }
}

const MAX_PIECES = 256;
const CR = 13;
const LF = 10;

function isLineBreak(code: number): boolean {
  return code === CR || code === LF;
}

/** Where each line starts, as LSP counts lines (\r\n, \r and \n end one), for `text` placed at `offset`. */
function lineStarts(text: string, atLineStart: boolean, offset: number): number[] {
  const result = atLineStart ? [offset] : [];
  forEachLineBreak(text, 0, text.length, (_, next) => result.push(offset + next));
  return result;
}

function wellFormed(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}

/** For `new TextDocuments(…)`. */
export const PIECE_TEXT_DOCUMENTS: TextDocumentsConfiguration<PieceTextDocument> = {
  create: (uri, languageId, version, content) => new PieceTextDocument(uri, languageId, version, content),
  update: (document, changes, version) => {
    document.update(changes, version);
    return document;
  },
};
