import { Minimatch } from 'minimatch';

/** The `articleLens.*` settings the server uses, validated. */
export interface ServerSettings {
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly includeTxt: boolean;
  readonly disabledDiagnostics: readonly string[];
  readonly similarityThreshold: number;
  readonly minimumWords: number;
}

export const DEFAULT_SETTINGS: ServerSettings = {
  include: ['**/*.articles', '**/*.article'],
  exclude: [],
  includeTxt: false,
  disabledDiagnostics: [],
  similarityThreshold: 0.5,
  minimumWords: 1,
};

interface RawSettings {
  files?: { include?: unknown; exclude?: unknown; includeTxt?: unknown };
  diagnostics?: { disabled?: unknown };
  variants?: { similarityThreshold?: unknown };
  quotes?: { minimumWords?: unknown };
}

const strings = (value: unknown, fallback: readonly string[]): readonly string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : fallback;
const number = (value: unknown, fallback: number, min: number, max: number): number =>
  typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;

/** Reads the nested `articleLens` section (as the client sends it); anything malformed keeps its default. */
export function readSettings(section: unknown, base: ServerSettings = DEFAULT_SETTINGS): ServerSettings {
  if (!section || typeof section !== 'object') return base;
  const raw = section as RawSettings;
  return {
    include: strings(raw.files?.include, base.include),
    exclude: strings(raw.files?.exclude, base.exclude),
    includeTxt: typeof raw.files?.includeTxt === 'boolean' ? raw.files.includeTxt : base.includeTxt,
    disabledDiagnostics: strings(raw.diagnostics?.disabled, base.disabledDiagnostics),
    similarityThreshold: number(raw.variants?.similarityThreshold, base.similarityThreshold, 0.3, 0.95),
    minimumWords: Math.round(number(raw.quotes?.minimumWords, base.minimumWords, 1, 1000)),
  };
}

/** True when a workspace-relative path is a story file under the settings. */
export function isStoryPath(relativePath: string, settings: ServerSettings): boolean {
  const path = relativePath.replace(/\\/g, '/');
  const included = settings.include.some((glob) => matcher(glob, false).match(path)) || (settings.includeTxt && path.toLowerCase().endsWith('.txt'));
  return included && !settings.exclude.some((glob) => matcher(glob, true).match(path));
}

/** Each glob compiled once: a start matches every file of the workspace against the same few globs. */
const matchers = new Map<string, Minimatch>();
function matcher(glob: string, dot: boolean): Minimatch {
  const key = `${dot ? 'dot' : ''}\u0000${glob}`;
  let compiled = matchers.get(key);
  if (!compiled) matchers.set(key, (compiled = new Minimatch(glob, { dot, nocase: true })));
  return compiled;
}
