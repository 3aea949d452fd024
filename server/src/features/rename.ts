import type { Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { WorkspaceIndex } from '../core/workspaceIndex';
import { insertInPreamble } from './annotationEdits';
import { mentionAt, offsetOf, rangeOf } from './lookup';

/** The actor whose name is at the position (a mention or the name in an `@actor` line). */
function actorAt(index: WorkspaceIndex, uri: string, position: Position): { name: string; range: Range } | undefined {
  const doc = index.get(uri);
  if (!doc) return undefined;
  const offset = offsetOf(doc, position);
  for (const a of [...doc.story.annotations, ...doc.story.articles.flatMap((x) => x.annotations)]) {
    if (a.type === 'actor' && a.nameSpan.start <= offset && offset <= a.nameSpan.end) return { name: a.name, range: rangeOf(doc, a.nameSpan) };
  }
  const m = mentionAt(doc, offset);
  return m ? { name: m.actor, range: rangeOf(doc, m) } : undefined;
}

export function prepareRename(index: WorkspaceIndex, uri: string, position: Position): { range: Range; placeholder: string } | null {
  const actor = actorAt(index, uri, position);
  return actor ? { range: actor.range, placeholder: actor.name } : null;
}

/**
 * Renames an actor's canonical name in the annotations of every story file: its `@actor` declarations
 * and `@speaker` lines. Article bodies are never rewritten; an actor nobody declared yet gets a
 * declaration with the old name as an alias, in this story's preamble.
 */
export function provideRename(index: WorkspaceIndex, uri: string, position: Position, newName: string, versionOf: (uri: string) => number | null = () => null): WorkspaceEdit | null {
  const actor = actorAt(index, uri, position);
  const name = newName.trim();
  if (!actor || name === '' || /[[\]:=,\r\n"]/.test(name)) return null;
  const changes: Record<string, TextEdit[]> = {};
  let declared = false;
  for (const doc of index.documents()) {
    const edits: TextEdit[] = [];
    for (const a of [...doc.story.annotations, ...doc.story.articles.flatMap((x) => x.annotations)]) {
      if (a.type === 'actor' && a.name === actor.name) {
        declared = true;
        edits.push({ range: rangeOf(doc, a.nameSpan), newText: name });
      }
      if (a.type === 'speaker' && a.speaker === actor.name) edits.push({ range: rangeOf(doc, a.speakerSpan), newText: name });
    }
    if (edits.length) changes[doc.uri] = edits;
  }
  if (!declared) {
    const doc = index.get(uri)!;
    const kind = index.actor(actor.name)?.kind;
    const e = insertInPreamble(doc, `@actor ${name}${kind ? ` [${kind}]` : ''}: ${actor.name}`);
    if (!e) return null;
    (changes[uri] ??= []).push(e);
  }
  // Versioned, so the editor refuses the rename rather than apply it to text typed since (null: not open).
  return { documentChanges: Object.entries(changes).map(([u, edits]) => ({ textDocument: { uri: u, version: versionOf(u) }, edits })) };
}
