import * as vscode from 'vscode';
import type { CoverageResult, ScopeParams } from '../../../server/src/protocol';
import type { ArticleLensContext } from '../context';
import { isCancellation, messageOf } from '../errors';
import { fileName } from '../locations';
import { variantTypeLabel } from '../views/serverTree';
import { openShownLocation } from './openShownLocation';
import { html, panelOptions, renderPage, ShownLocations, type SafeHtml } from './html';

/** Groups the matrix shows at most (a workspace may have tens of thousands); a story's are fewer. */
const MATRIX_ROWS = 200;

const STATUS_LABEL = { verbatim: 'verbatim', altered: 'altered', elided: 'elided', absent: 'absent' } as const;

/**
 * The Coverage Matrix panel: variant groups × sources, each cell saying whether the source quotes the
 * group verbatim, altered, elided, or not at all. Clicking a cell opens the quote. One panel is reused
 * and fetched again when the index changes.
 */
export class CoverageMatrix implements vscode.Disposable {
  private static current: CoverageMatrix | undefined;

  /** The open panel, if any (for tests). */
  static get instance(): CoverageMatrix | undefined {
    return CoverageMatrix.current;
  }

  /** Shows the matrix of a scope (one story, or the workspace when `scope.uri` is absent). */
  static async show(ctx: ArticleLensContext, scope: ScopeParams): Promise<CoverageMatrix> {
    const coverage = await ctx.request('coverage', { ...scope, limit: MATRIX_ROWS });
    const matrix =
      CoverageMatrix.current ??
      new CoverageMatrix(
        ctx,
        vscode.window.createWebviewPanel('articleLens.coverage', 'Coverage Matrix', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, panelOptions(ctx.extension.extensionUri)),
      );
    CoverageMatrix.current = matrix;
    matrix.render(scope, coverage);
    matrix.panel.reveal(undefined, true);
    return matrix;
  }

  private scope: ScopeParams = {};
  private coverageValue: CoverageResult | undefined;
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

  /** The matrix shown. */
  get coverage(): CoverageResult | undefined {
    return this.coverageValue;
  }

  private render(scope: ScopeParams, coverage: CoverageResult): void {
    this.scope = scope;
    this.coverageValue = coverage;
    const where = scope.uri ? fileName(scope.uri) : 'whole workspace';
    this.panel.title = `Coverage: ${where}`;
    this.shown.clear();
    this.panel.webview.html = renderPage(this.panel.webview, this.ctx.extension.extensionUri, 'Coverage Matrix', this.body(where, coverage));
  }

  private async refetch(): Promise<void> {
    try {
      this.render(this.scope, await this.ctx.request('coverage', { ...this.scope, limit: MATRIX_ROWS }));
    } catch (error) {
      if (!isCancellation(error)) this.ctx.output.warn(`Updating the coverage matrix: ${messageOf(error)}`);
    }
  }

  private body(where: string, coverage: CoverageResult): SafeHtml {
    if (coverage.rows.length === 0) {
      return html`<h1>Coverage: ${where}</h1><p class="notice">No quote is carried by two sources here yet, so there is nothing to compare.</p>`;
    }
    return html`<header>
<h1>Coverage: ${where}</h1>
<p class="legend">
<span class="cell-sample verbatim">verbatim</span> word for word ·
<span class="cell-sample altered">altered</span> words changed ·
<span class="cell-sample elided">elided</span> words left out ·
<span class="cell-sample absent">absent</span> not quoted. Click a cell to open the quote.
</p>
${coverage.totalRows > coverage.rows.length ? html`<p class="notice">The first ${coverage.rows.length.toLocaleString('en')} of ${coverage.totalRows.toLocaleString('en')} quotes, in the order they are first quoted. Open a story and run Coverage Matrix for its own quotes.</p>` : ''}
</header>
<div class="matrix-scroll">
<table class="matrix">
<thead><tr><th scope="col">Quote</th>${coverage.sources.map((source) => html`<th scope="col">${source}</th>`)}</tr></thead>
<tbody>
${coverage.rows.map(
  (row) => html`<tr><th scope="row" class="quote-label" title="${row.label}">${row.label}</th>${coverage.sources.map((source, i) => {
    const cell = row.cells[i] ?? null;
    if (!cell) return html`<td class="cell absent" title="${source} does not quote this">${STATUS_LABEL.absent}</td>`;
    return html`<td class="cell clickable ${cell.status}" ${this.shown.attributes(cell.location)} title="${source}: ${variantTypeLabel(cell.type)}. Click to open.">${STATUS_LABEL[cell.status]}</td>`;
  })}</tr>`,
)}
</tbody>
</table>
</div>`;
  }

  private async open(message: unknown): Promise<void> {
    await openShownLocation(this.ctx, this.shown, message, 'coverage matrix');
  }

  dispose(): void {
    if (CoverageMatrix.current === this) CoverageMatrix.current = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}
