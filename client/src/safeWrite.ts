// Every file the extension writes itself (not through a WorkspaceEdit on an open document) goes
// through here: the target is resolved and kept inside the workspace, and the file is replaced
// atomically, so a crash or a full disk mid-write never leaves half a file. No `vscode` import: the
// unit tests run this in plain Node.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** Why a write was refused, worded for the user. */
export class WriteRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WriteRefusedError';
  }
}

/** Where a write may go. */
export interface WritePolicy {
  /** Absolute paths of the workspace folders; a relative target is resolved against the first. */
  readonly roots: readonly string[];
  /**
   * A target outside every root is written only when this is set: for a path the user picked in a
   * save dialog. A path inside a root whose real path leaves it (a symbolic link planted in the
   * workspace) is refused either way.
   */
  readonly allowOutside?: boolean;
}

/** Options of {@link writeTextFile}. */
export interface WriteOptions {
  /** When the target exists, give the new text its byte order mark and line endings. */
  readonly keepFormat?: boolean;
  /** Test hook: runs once the temporary file is complete, before it replaces the target. */
  readonly beforeReplace?: (tempPath: string) => void | Promise<void>;
}

/**
 * The real path a write to `target` goes to: `target` resolved (against the first root when relative),
 * symbolic links followed on the nearest existing ancestor and on the target itself. Throws
 * {@link WriteRefusedError} when that leaves the workspace against the policy, or names a folder.
 */
export async function resolveWriteTarget(target: string, policy: WritePolicy): Promise<string> {
  const first = policy.roots[0];
  if (!isAbsolute(target) && first === undefined) throw new WriteRefusedError(`"${target}" is a relative path and no workspace folder is open to resolve it against.`);
  const lexical = resolve(first ?? '', target);
  const realRoots = await Promise.all(policy.roots.map((root) => realPathOf(resolve(root))));
  const real = await realPathOf(lexical);
  if (!realRoots.some((root) => isWithin(root, real))) {
    const lexicallyInside = policy.roots.some((root) => isWithin(resolve(root), lexical)) || realRoots.some((root) => isWithin(root, lexical));
    if (lexicallyInside) throw new WriteRefusedError(`${lexical} leads through a symbolic link to ${real}, outside the workspace folders; Article Lens does not write there.`);
    if (!policy.allowOutside) throw new WriteRefusedError(`${lexical} is outside the workspace folders (${policy.roots.join(', ') || 'none open'}); Article Lens writes only inside them.`);
  }
  const stat = await fs.stat(real).catch(() => undefined);
  if (stat?.isDirectory()) throw new WriteRefusedError(`${real} is a folder.`);
  return real;
}

/**
 * Writes `text` (UTF-8) to `target` after {@link resolveWriteTarget}, atomically: into a temporary file
 * in the same folder, flushed, then renamed over the target, which keeps its permissions. On any
 * failure the target is as it was and the temporary file is gone. Returns the real path written.
 */
export async function writeTextFile(target: string, text: string, policy: WritePolicy, options: WriteOptions = {}): Promise<string> {
  const real = await resolveWriteTarget(target, policy);
  const existing = await fs.readFile(real).catch(() => undefined);
  const content = options.keepFormat && existing ? withFormatOf(existing.toString('utf8'), text) : text;
  await replaceAtomically(real, Buffer.from(content, 'utf8'), options.beforeReplace);
  return real;
}

/**
 * Edits an existing UTF-8 file: `edit` gets its text without a byte order mark; what it returns is
 * written back atomically with the file's byte order mark and line endings (see {@link withFormatOf}).
 */
export async function editTextFile(target: string, edit: (text: string) => string, policy: WritePolicy, options: Omit<WriteOptions, 'keepFormat'> = {}): Promise<string> {
  const real = await resolveWriteTarget(target, policy);
  const original = (await fs.readFile(real)).toString('utf8');
  const edited = edit(original.replace(/^\uFEFF/, ''));
  await replaceAtomically(real, Buffer.from(withFormatOf(original, edited), 'utf8'), options.beforeReplace);
  return real;
}

/** The line endings a text uses throughout, or undefined when it has none or mixes them. */
export function lineEndingsOf(text: string): '\r\n' | '\n' | undefined {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const all = (text.match(/\r\n|\r|\n/g) ?? []).length;
  if (all === 0) return undefined;
  if (crlf === all) return '\r\n';
  return crlf === 0 && !text.includes('\r') ? '\n' : undefined;
}

/**
 * `next` as a new version of `original`: with a byte order mark exactly when the original has one,
 * and with the original's line endings when it uses one kind throughout (a file mixing them, or
 * using lone CRs, keeps `next`'s as they are).
 */
export function withFormatOf(original: string, next: string): string {
  const eol = lineEndingsOf(original.replace(/^\uFEFF/, ''));
  let body = next.replace(/^\uFEFF/, '');
  if (eol === '\r\n') body = body.replace(/\r?\n/g, '\r\n');
  else if (eol === '\n') body = body.replace(/\r\n/g, '\n');
  return original.startsWith('\uFEFF') ? `\uFEFF${body}` : body;
}

async function replaceAtomically(real: string, data: Buffer, beforeReplace: WriteOptions['beforeReplace']): Promise<void> {
  const mode = (await fs.stat(real).catch(() => undefined))?.mode;
  const temp = join(dirname(real), `.${basename(real)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(temp, 'wx');
    // A replaced file keeps its permissions (the umask shaped the temporary file's).
    if (mode !== undefined) await handle.chmod(mode & 0o7777);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await beforeReplace?.(temp);
    await fs.rename(temp, real);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}

/**
 * The real path of `path`: symbolic links resolved on its nearest existing ancestor and on itself, a
 * dangling link followed to where it points, the rest appended.
 */
async function realPathOf(path: string): Promise<string> {
  const rest: string[] = [];
  let current = path;
  for (let hops = 0; hops < 64; hops++) {
    try {
      return join(await fs.realpath(current), ...rest.reverse());
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
    }
    const link = await fs.lstat(current).then((s) => s.isSymbolicLink(), () => false);
    if (link) {
      current = resolve(dirname(current), await fs.readlink(current));
      continue;
    }
    const parent = dirname(current);
    if (parent === current) return join(current, ...rest.reverse());
    rest.push(basename(current));
    current = parent;
  }
  throw new WriteRefusedError(`${path} leads through too many symbolic links.`);
}

function isWithin(root: string, path: string): boolean {
  const fold = (p: string): string => (process.platform === 'win32' || process.platform === 'darwin' ? p.toLowerCase() : p);
  const rel = relative(fold(root), fold(path));
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}
