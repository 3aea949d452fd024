import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const STORY_EXTENSIONS = ['.articles', '.article', '.txt'];
/** Larger files are refused with a message rather than analysed: nobody pastes 32 MB of articles by hand. */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;

/** `bytes` are the file as read (a persisted index hashes them: faster than hashing the text). */
export type ReadResult = { ok: true; text: string; bytes: Uint8Array } | { ok: false; reason: string };

/** Files under the given paths (folders recursively, in sorted order) that hold stories. */
export function collectStoryFiles(paths: readonly string[]): { files: string[]; errors: string[] } {
  const files: string[] = [];
  const errors: string[] = [];
  const visit = (path: string, explicit: boolean): void => {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      errors.push(`${path}: no such file or folder`);
      return;
    }
    if (stat.isDirectory()) {
      let names: string[];
      try {
        names = readdirSync(path).filter((n) => !n.startsWith('.') && n !== 'node_modules').sort();
      } catch (error) {
        errors.push(`${path}: cannot be listed (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
        return;
      }
      for (const name of names) visit(join(path, name), false);
    } else if (explicit || STORY_EXTENSIONS.some((ext) => path.toLowerCase().endsWith(ext))) {
      files.push(path);
    }
  };
  for (const p of paths) visit(p, true);
  return { files, errors };
}

/**
 * Reads a story file as UTF-8 (a BOM is dropped). Binary files, other encodings and files over the
 * size limit are refused with a reason a person can act on; nothing is ever written back.
 */
export function readStoryFile(path: string): ReadResult {
  let bytes: Buffer;
  try {
    const size = statSync(path).size;
    if (size > MAX_FILE_BYTES) return { ok: false, reason: `${(size / 1024 / 1024).toFixed(1)} MB is over the ${MAX_FILE_BYTES / 1024 / 1024} MB limit for one story file; split it into several files` };
    bytes = readFileSync(path);
  } catch (error) {
    return { ok: false, reason: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
  return decodeStoryBytes(bytes);
}

export function decodeStoryBytes(bytes: Uint8Array): ReadResult {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, reason: 'is UTF-16; save it as UTF-8 to analyse it' };
  }
  const probe = bytes.subarray(0, 8192);
  if (probe.includes(0)) return { ok: false, reason: 'looks binary (it contains NUL bytes); only UTF-8 text files are analysed' };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), bytes };
  } catch {
    return { ok: false, reason: 'is not valid UTF-8; save it as UTF-8 to analyse it' };
  }
}
