import * as vscode from 'vscode';
import type { DocumentSelector } from 'vscode-languageclient/node';

/** The configuration section every Article Lens setting lives under. */
export const CONFIGURATION_SECTION = 'articleLens';

/**
 * The settings the language server reads, in the shape of the `articleLens` section: sent as
 * `initializationOptions` at start, and again under `settings.articleLens` in every
 * `workspace/didChangeConfiguration` (the client synchronizes the section).
 */
export interface ServerSettings {
  files: { include: string[]; exclude: string[]; includeTxt: boolean };
  diagnostics: { disabled: string[] };
  variants: { similarityThreshold: number };
  quotes: { minimumWords: number };
}

/** A snapshot of the Article Lens settings; read again with {@link readConfig} after a change. */
export interface ArticleLensConfig {
  readonly server: ServerSettings;
  /** Rows of a long list the views show before a "Show more" row. */
  readonly pageSize: number;
  /** Which documents the language client sends to the server; changing it needs a restart. */
  readonly documentSelector: DocumentSelector;
}

/** Reads the settings, falling back to the documented defaults for values of the wrong type. */
export function readConfig(): ArticleLensConfig {
  const section = vscode.workspace.getConfiguration(CONFIGURATION_SECTION);
  const server: ServerSettings = {
    files: {
      include: stringArray(section.get('files.include'), ['**/*.articles', '**/*.article']),
      exclude: stringArray(section.get('files.exclude'), ['**/node_modules/**', '**/.git/**']),
      includeTxt: section.get('files.includeTxt') === true,
    },
    diagnostics: { disabled: stringArray(section.get('diagnostics.disabled'), []) },
    variants: { similarityThreshold: clampedNumber(section.get('variants.similarityThreshold'), 0.5, 0.3, 0.95) },
    quotes: { minimumWords: Math.round(clampedNumber(section.get('quotes.minimumWords'), 1, 1, Number.MAX_SAFE_INTEGER)) },
  };
  const documentSelector: DocumentSelector = [{ language: 'articles' }];
  if (server.files.includeTxt) documentSelector.push({ scheme: 'file', pattern: '**/*.txt' });
  const pageSize = Math.round(clampedNumber(section.get('views.pageSize'), 200, 1, 1000));
  return { server, pageSize, documentSelector };
}

/** True when a document is a story the server reads: an `articles` document, or a .txt file when those are included. */
export function isStoryDocument(document: vscode.TextDocument, config: ArticleLensConfig): boolean {
  if (document.languageId === 'articles') return true;
  return config.server.files.includeTxt && document.uri.scheme === 'file' && document.uri.path.toLowerCase().endsWith('.txt');
}

/** True when a setting that changed is fixed at client start (the document selector), so the server must restart. */
export function needsRestart(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(`${CONFIGURATION_SECTION}.files.includeTxt`);
}

function stringArray(value: unknown, fallback: string[]): string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? [...value] : fallback;
}

function clampedNumber(value: unknown, fallback: number, min: number, max: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}
