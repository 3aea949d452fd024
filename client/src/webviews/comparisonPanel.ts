import * as vscode from 'vscode';
import type { DiffPart, GroupItem, VariantItem } from '../../../server/src/protocol';
import type { ArticleLensContext } from '../context';
import { isCancellation, messageOf } from '../errors';
import { variantTypeLabel } from '../views/serverTree';
import { openShownLocation } from './openShownLocation';
import { html, panelOptions, renderPage, ShownLocations, type SafeHtml } from './html';

/**
 * The Compare Variants panel: one row per source of a variant group, with its wording marked against
 * the root (inserted and dropped words), its variant type and a warning when a negation changed.
 * One panel is reused; it follows edits by fetching the group again when the index changes.
 */
export class ComparisonPanel implements vscode.Disposable {
  private static current: ComparisonPanel | undefined;

  /** The open panel, if any (for tests). */
  static get instance(): ComparisonPanel | undefined {
    return ComparisonPanel.current;
  }

  /** Shows a group in the panel, creating the panel beside the editor the first time. */
  static show(ctx: ArticleLensContext, group: GroupItem): ComparisonPanel {
    const panel =
      ComparisonPanel.current ??
      new ComparisonPanel(
        ctx,
        vscode.window.createWebviewPanel('articleLens.comparison', 'Compare Variants', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, panelOptions(ctx.extension.extensionUri)),
      );
    ComparisonPanel.current = panel;
    panel.setGroup(group);
    panel.panel.reveal(undefined, true);
    return panel;
  }

  private groupValue: GroupItem | undefined;
  private stale = false;
  private readonly shown = new ShownLocations();
  private readonly disposables: vscode.Disposable[] = [];

  private constructor(
    private readonly ctx: ArticleLensContext,
    readonly panel: vscode.WebviewPanel,
  ) {
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: unknown) => void this.open(message)),
      ctx.onIndexChanged(() => void this.refetch()),
    );
  }

  /** The group shown. */
  get group(): GroupItem | undefined {
    return this.groupValue;
  }

  private setGroup(group: GroupItem, stale = false): void {
    this.groupValue = group;
    this.stale = stale;
    this.panel.title = `Compare: ${shorten(group.label, 40)}`;
    this.shown.clear();
    this.panel.webview.html = renderPage(this.panel.webview, this.ctx.extension.extensionUri, 'Compare Variants', this.body(group));
  }

  /** After an edit, shows the same group again (found by id, else by its root quote), or marks it out of date. */
  private async refetch(): Promise<void> {
    const group = this.groupValue;
    if (!group) return;
    try {
      const fresh = await currentGroup(this.ctx, group);
      if (fresh) this.setGroup(fresh);
      else if (!this.stale) this.setGroup(group, true);
    } catch (error) {
      if (!isCancellation(error)) this.ctx.output.warn(`Updating the comparison: ${messageOf(error)}`);
    }
  }

  private body(group: GroupItem): SafeHtml {
    const negations = group.members.filter((m) => m.negationChanged).length;
    return html`<header>
<h1>${group.label}</h1>
<p class="summary">${group.summary}</p>
${this.stale ? html`<p class="notice" role="status">This group no longer exists after the last edit: the rows show it as it was. Run Compare Variants again on the quote.</p>` : null}
${negations > 0 ? html`<p class="warning" role="alert">⚠ ${negations === 1 ? 'One source' : `${negations} sources`} changed a negation: the quote says the opposite there.</p>` : null}
<p class="legend"><ins>inserted</ins> words are not in the root; <del>dropped</del> words are. Click a row to open the article at the quote.</p>
</header>
<table class="variants">
<thead><tr><th scope="col">Source</th><th scope="col">Date</th><th scope="col">Version</th><th scope="col">Wording</th><th scope="col">Speaker</th></tr></thead>
<tbody>
${group.members.map((member) => this.row(member))}
</tbody>
</table>`;
  }

  private row(member: VariantItem): SafeHtml {
    const location = { uri: member.uri, range: member.range };
    return html`<tr class="clickable${member.isRoot ? ' root' : ''}${member.negationChanged ? ' negation' : ''}" ${this.shown.attributes(location)} title="Open ${member.source} at this quote">
<td class="source">${member.source}</td>
<td class="date">${member.date ?? '—'}</td>
<td class="type"><span class="badge type-${member.type}">${member.isRoot ? 'root' : variantTypeLabel(member.type)}</span>${member.container ? html`<span class="badge">inside a longer quote</span>` : null}</td>
<td class="wording">${member.isRoot ? member.text : diffMarkup(member.diff ?? [], member.text)}${member.negationChanged ? html`<div class="warning">⚠ Negation changed against the root.</div>` : null}</td>
<td class="speaker">${member.speaker ?? html`<span class="muted">unattributed</span>`}</td>
</tr>`;
  }

  private async open(message: unknown): Promise<void> {
    await openShownLocation(this.ctx, this.shown, message, 'comparison panel');
  }

  dispose(): void {
    if (ComparisonPanel.current === this) ComparisonPanel.current = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

/**
 * The wording with inserted words in `<ins>` and dropped words in `<del>`. The parts carry their own
 * spaces; only where a dropped and an inserted word touch is a space put between them, so that they
 * do not read as one word. Falls back to the plain text when there is no diff.
 */
export function diffMarkup(diff: readonly DiffPart[], text: string): SafeHtml {
  if (diff.length === 0) return html`${text}`;
  const pieces: SafeHtml[] = [];
  let previous: DiffPart | undefined;
  for (const part of diff) {
    if (part.text === '') continue;
    const touching = previous !== undefined && previous.kind !== 'equal' && part.kind !== 'equal' && previous.kind !== part.kind && !/\s$/.test(previous.text) && !/^\s/.test(part.text);
    if (touching) pieces.push(html` `);
    if (part.kind === 'equal') pieces.push(html`${part.text}`);
    else {
      // Spaces stay outside the marks, so only words are underlined or struck through.
      const word = part.text.trim();
      const before = part.text.slice(0, part.text.length - part.text.trimStart().length);
      const after = part.text.slice(part.text.trimEnd().length);
      pieces.push(html`${before}${part.kind === 'inserted' ? html`<ins>${word}</ins>` : html`<del>${word}</del>`}${word === '' ? null : after}`);
    }
    previous = part;
  }
  return html`${pieces}`;
}

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/**
 * The group as the index has it now, with its word differences: found by id, else as the group of its
 * root quote (a rebuild may give it another id); undefined when none is left.
 */
export async function currentGroup(ctx: ArticleLensContext, group: GroupItem): Promise<GroupItem | undefined> {
  return (await ctx.request('group', { id: group.id, rootKey: group.rootKey })) ?? undefined;
}
