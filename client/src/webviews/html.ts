import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LspLocation } from '../../../server/src/protocol';
import { isLspRange, locationKey } from '../locations';

/** Markup that is already safe to insert: built only by {@link html} and {@link raw}. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** What {@link html} accepts between its literal parts: text is escaped, arrays are joined. */
export type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

/** Escapes text for HTML element content and quoted attribute values. Article text always goes through it. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Template tag for markup: every interpolated string is escaped, so article text cannot inject markup,
 * and only {@link SafeHtml} (other `html` results) is inserted as is. `null`, `undefined` and `false` insert nothing.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** A random nonce for the Content-Security-Policy of one rendering. */
export function createNonce(): string {
  return randomBytes(16).toString('hex');
}

/** Panel options: scripts on, resources only from media/, no state kept while hidden (it is re-rendered). */
export function panelOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')], enableFindWidget: true };
}

/**
 * A complete page with a strict Content-Security-Policy: nothing loads but the stylesheet and script
 * from media/ and the nonce'd inline style, and styles follow the theme through `var(--vscode-…)`.
 */
export function renderPage(webview: vscode.Webview, extensionUri: vscode.Uri, title: string, body: SafeHtml): string {
  const nonce = createNonce();
  const media = (file: string): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', file)).toString();
  const csp = `default-src 'none'; style-src ${webview.cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}'`;
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${media('webview.css')}" nonce="${nonce}">
<title>${title}</title>
</head>
<body>
${body}
<script nonce="${nonce}" src="${media('webview.js')}"></script>
</body>
</html>`.value;
}

/**
 * The locations a page shows, so a message from the page can open only one of them. The page
 * cannot be trusted: its script sees the article text, and a message is just data.
 */
export class ShownLocations {
  private readonly byKey = new Map<string, LspLocation>();

  /** Registers a location and returns the attributes that make an element open it when clicked. */
  attributes(location: LspLocation): SafeHtml {
    this.byKey.set(locationKey(location), location);
    return html`data-uri="${location.uri}" data-range="${JSON.stringify(location.range)}" tabindex="0" role="link"`;
  }

  /** The location an `{ type: 'open', uri, range }` message asks for, if it is exactly one that is shown. */
  resolve(message: unknown): LspLocation | undefined {
    if (typeof message !== 'object' || message === null) return undefined;
    const { type, uri, range } = message as { type?: unknown; uri?: unknown; range?: unknown };
    if (type !== 'open' || typeof uri !== 'string' || !isLspRange(range)) return undefined;
    return this.byKey.get(locationKey({ uri, range }));
  }

  clear(): void {
    this.byKey.clear();
  }
}
