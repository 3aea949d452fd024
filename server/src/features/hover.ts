import type { Hover, Position } from 'vscode-languageserver';
import type { WorkspaceIndex } from '../core/workspaceIndex';
import type { DiffPart } from '../protocol';
import { articleOf, mentionAt, offsetOf, openLink, quoteAt, rangeOf, refOf } from './lookup';
import { escapeMarkdown } from './markdown';
import { groupSummary, variantItem } from './variantView';

const METHOD_TEXT: Readonly<Record<string, string>> = {
  annotation: 'declared in an annotation',
  pattern: 'named next to a reporting verb',
  pronoun: 'a pronoun resolved to the person it refers to',
  'sentence-subject': 'the subject of the sentence',
  'previous-quote': 'continues the previous quotation',
  nested: 'quoted inside their own quotation',
};

/**
 * Hover on a quote: its speaker and how they were found, and every source's wording of the same quote
 * side by side with the differences from the root marked. Hover on an actor mention: who it is. Empty
 * (null) elsewhere. Article text is escaped: nothing in an article becomes a link or markup.
 */
/** Rows of a variant table in a hover, besides the root and the hovered version. */
const HOVER_ROWS = 25;

export function provideHover(index: WorkspaceIndex, uri: string, position: Position): Hover | null {
  const doc = index.get(uri);
  if (!doc) return null;
  const offset = offsetOf(doc, position);
  const quote = quoteAt(doc, offset);
  if (quote) {
    const ref = refOf(doc, quote);
    const lines: string[] = [];
    const speaker = quote.speaker ? `**${escapeMarkdown(quote.speaker)}**` : '*no speaker found*';
    const how = quote.attribution ? ` (${METHOD_TEXT[quote.attribution.method] ?? quote.attribution.method})` : '';
    lines.push(`${speaker}${how} · ${quote.kind} · ${escapeMarkdown(articleOf(doc, quote).source)}`);
    for (const group of index.groupsOf(ref.key)) {
      // A quote copied by hundreds of outlets would make a table nobody reads: the root, this version and
      // the first others; the comparison view lists them all.
      const shown = group.members.filter((m, at) => m.key === group.rootKey || m.key === ref.key || at < HOVER_ROWS).map((m) => variantItem(index, group, m));
      lines.push('', `**Variant group** “${escapeMarkdown(group.label)}”: ${escapeMarkdown(groupSummary(index, group))}`, '');
      lines.push('| Source | Date | Type | Wording |', '|---|---|---|---|');
      for (const m of shown) {
        const here = m.key === ref.key ? ' (here)' : '';
        const type = `${m.isRoot ? 'root' : m.type}${m.container ? ', in a longer quote' : ''}${m.negationChanged ? ', ⚠ negation changed' : ''}`;
        lines.push(`| [${escapeMarkdown(m.source)}](${openLink(m.uri, m.range)})${here} | ${escapeMarkdown(m.date ?? '')} | ${type} | ${renderDiff(m.diff ?? [{ kind: 'equal', text: m.text }])} |`);
      }
      if (shown.length < group.members.length) lines.push('', `… and ${group.members.length - shown.length} more versions: *Article Lens: Compare Variants* shows every one.`);
      if (group.members.some((m) => m.comparison.negationChanged)) lines.push('', '⚠ A version drops or adds a negation (*not*, *never*, *no*): the meaning may be reversed.');
    }
    return { contents: { kind: 'markdown', value: lines.join('\n') }, range: rangeOf(doc, quote.outerSpan) };
  }
  const mention = mentionAt(doc, offset);
  if (mention) {
    const actor = index.actor(mention.actor);
    if (!actor) return null;
    const quotes = index.quotesBy(actor.name);
    const sources = new Set(quotes.map((r) => articleOf(index.get(r.uri)!, r.quote).source));
    const lines = [
      `**${escapeMarkdown(actor.name)}** · ${actor.kind}${actor.declared ? ' · declared' : ''}`,
      '',
      `Seen as: ${actor.aliases.slice(0, 12).map((a) => `“${escapeMarkdown(a)}”`).join(', ')}`,
      '',
      `${quotes.length} quote${quotes.length === 1 ? '' : 's'} by them in ${sources.size} source${sources.size === 1 ? '' : 's'}`,
    ];
    if (mention.via === 'typo') lines.push('', `⚠ “${escapeMarkdown(mention.text)}” looks like a misspelling of ${escapeMarkdown(actor.name)}.`);
    return { contents: { kind: 'markdown', value: lines.join('\n') }, range: rangeOf(doc, mention) };
  }
  return null;
}

/** Dropped words struck through, inserted words in bold, so changed punctuation shows too. */
function renderDiff(parts: readonly DiffPart[]): string {
  return parts
    .map((p) => {
      const text = escapeMarkdown(p.text);
      if (p.kind === 'equal' || text.trim() === '') return text;
      return p.kind === 'dropped' ? `~~${text.trim()}~~` : `**${text.trim()}**`;
    })
    .join('');
}
