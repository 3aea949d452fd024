import type { DocumentHighlight, Location, Position } from 'vscode-languageserver';
import type { WorkspaceIndex } from '../core/workspaceIndex';
import { mentionAt, offsetOf, quoteAt, quoteLocation, rangeOf, refOf } from './lookup';

/** Where an actor is defined: the user's `@actor` declaration, else its first full mention. */
export function actorDefinition(index: WorkspaceIndex, actor: string): Location | null {
  for (const doc of index.documents()) {
    for (const a of [...doc.story.annotations, ...doc.story.articles.flatMap((x) => x.annotations)]) {
      if (a.type === 'actor' && a.name === actor) return { uri: doc.uri, range: rangeOf(doc, a.nameSpan) };
    }
  }
  let first: Location | null = null;
  for (const doc of index.documents()) {
    const full = doc.analysis.mentions.firstOf(actor, (via) => via === 'name' || via === 'title' || via === 'organization' || via === 'place');
    const any = full ?? doc.analysis.mentions.firstOf(actor);
    if (full) return { uri: doc.uri, range: rangeOf(doc, full) };
    if (any && !first) first = { uri: doc.uri, range: rangeOf(doc, any) };
  }
  return first;
}

/**
 * Go to definition: on a quote, the root of its variant group (the fullest version); on an actor
 * mention, its declaration or first full mention. Empty elsewhere.
 */
export function provideDefinition(index: WorkspaceIndex, uri: string, position: Position): Location[] {
  const doc = index.get(uri);
  if (!doc) return [];
  const offset = offsetOf(doc, position);
  const quote = quoteAt(doc, offset);
  if (quote) {
    const groups = index.groupsOf(refOf(doc, quote).key);
    return groups.map((g) => quoteLocation(index, index.quote(g.rootKey)!));
  }
  const mention = mentionAt(doc, offset);
  if (mention) {
    const location = actorDefinition(index, mention.actor);
    return location ? [location] : [];
  }
  return [];
}

/** Find references: every variant of the quote in every file, or every mention of the actor. */
export function provideReferences(index: WorkspaceIndex, uri: string, position: Position, includeDeclaration: boolean, limit = 2000): Location[] {
  const doc = index.get(uri);
  if (!doc) return [];
  const offset = offsetOf(doc, position);
  const quote = quoteAt(doc, offset);
  if (quote) {
    const key = refOf(doc, quote).key;
    const keys = new Set(index.groupsOf(key).flatMap((g) => g.members.map((m) => m.key)));
    if (includeDeclaration || keys.size === 0) keys.add(key);
    else keys.delete(key);
    return [...keys].slice(0, limit).map((k) => quoteLocation(index, index.quote(k)!));
  }
  const mention = mentionAt(doc, offset);
  if (!mention) return [];
  const out: Location[] = [];
  for (const d of index.documents()) {
    for (const m of d.analysis.mentions.mentionsOf(mention.actor)) {
      out.push({ uri: d.uri, range: rangeOf(d, m) });
      if (out.length >= limit) return out;
    }
  }
  return out;
}

/** Every mention, in this document, of the actor under the cursor. */
export function provideDocumentHighlights(index: WorkspaceIndex, uri: string, position: Position): DocumentHighlight[] {
  const doc = index.get(uri);
  if (!doc) return [];
  const mention = mentionAt(doc, offsetOf(doc, position));
  if (!mention) return [];
  return doc.analysis.mentions.mentionsOf(mention.actor).map((m) => ({ range: rangeOf(doc, m), kind: 1 }));
}
