// The persisted index: each story file's parse and analysis, saved between runs of the server so that a
// warm start reads, hashes and restores the files instead of analysing them again. See docs/design.md.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { declaredActorsOf, type ActorMention, type DeclaredActor } from './core/actorFinder';
import { detachedString } from './core/detachedCopy';
import { hasLoneSurrogate } from './core/lines';
import { MentionTable } from './core/mentionTable';
import { sameWords } from './core/wordingTable';
import type { StoryAnalysis } from './core/storyAnalyzer';
import type { IndexedDocument, RestoredAnalysis, WorkspaceIndex } from './core/workspaceIndex';

/** Bump when the file layout or the value encoding below changes. */
export const CACHE_FORMAT_VERSION = 1;

/**
 * Bump on every change that makes `parseStory` or `analyzeStory` give a different result for the same
 * text and declared actors (new fields, other quotes, speakers, actors, problems or messages). A file
 * written under another version is ignored. The server also keys the file on a hash of its own bundle,
 * so a release never trusts a cache written by another build even when a bump was forgotten.
 */
export const ANALYSER_VERSION = 1;

const MAGIC = 'ALIDX\n';
/** A temporary file this old is left over from a save that was cut off (another save finishes in seconds). */
const LEFTOVER_AGE_MS = 10 * 60_000;


/**
 * The content hash that decides whether a file changed since it was saved: SHA-1 of the text as UTF-8,
 * or of the file's bytes (a UTF-8 BOM, which the text does not keep, is left out), which is the same.
 */
export function contentHash(content: string | Uint8Array): string {
  const bom = typeof content !== 'string' && content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf;
  return createHash('sha1')
    .update(bom ? content.subarray(3) : content)
    .digest('base64');
}

/** The cache file of a workspace (its folders' uris) in `directory`: one file per set of folders. */
export function cacheFileFor(directory: string, folders: readonly string[]): string {
  return join(directory, `index-${createHash('sha1').update(folders.join('\n')).digest('hex').slice(0, 16)}.bin`);
}

/** A name for the program that writes a cache: the hash of its own file (the bundle), or '' when unreadable. */
export function buildFingerprint(file: string): string {
  try {
    return contentHash(readFileSync(file));
  } catch {
    return '';
  }
}

/**
 * One document's parse and analysis, encoded: each field of the story (`storyShape` lists them), then
 * each field of the analysis but `story` (`analysisShape`), starting at the offsets in `sections`.
 * Strings are in the document's own `strings`.
 */
export interface Chunk {
  readonly hash: string;
  readonly strings: readonly string[];
  readonly bytes: Uint8Array;
  readonly storyShape: number;
  readonly analysisShape: number;
  readonly sections: readonly number[];
  /** The story's own `@actor` declarations, so that restoring a story does not have to read it. */
  readonly declares: readonly DeclaredActor[];
}

/** A saved document: its chunk, with the place of its bytes in the file's body. */
interface HeaderEntry extends Omit<Chunk, 'bytes'> {
  readonly uri: string;
  readonly offset: number;
  readonly length: number;
}

interface Header {
  readonly format: number;
  readonly analyser: number;
  readonly build: string;
  /** `WorkspaceIndex.declaredActorsKey()` when the file was written: every analysis in it was made under it. */
  readonly declared: string;
  readonly shapes: string[][];
  readonly bodyLength: number;
  readonly bodyHash: string;
  readonly entries: HeaderEntry[];
}

export interface SaveResult {
  readonly documents: number;
  /** Documents encoded afresh (the others kept the bytes they were restored from). */
  readonly encoded: number;
  readonly bytes: number;
  readonly ms: number;
}

/**
 * The persisted index of one workspace in one file. `restore` hands out what the file holds for a
 * document whose text is unchanged (by content hash); `save` writes every document the caller picks
 * (the server: closed files, whose text is what is on disk), re-encoding only those whose analysis
 * changed since they were restored or last saved. A missing, partial, corrupt or other-version file is
 * logged and treated as empty; nothing here throws to the caller but `save`'s I/O errors.
 */
export class IndexCache {
  private readonly shapes = new ShapeTable();
  /** What the file held when opened, until the next save. */
  private loaded = new Map<string, { readonly chunk: Chunk; readonly declared: string }>();
  /** The encoded form of each analysis restored or saved, so an unchanged document is not encoded again. */
  private readonly chunks = new WeakMap<StoryAnalysis, Chunk>();
  /** Analyses that could not be encoded (reported once). */
  private readonly unsaveable = new WeakSet<StoryAnalysis>();
  /** Analyses made by a worker, with their encoding in the worker's shape numbers (see `adopt`). */
  private readonly adopted = new WeakMap<StoryAnalysis, { readonly chunk: Chunk; readonly shapes: ShapeTable }>();
  private bytesOnDisk = 0;

  private constructor(
    readonly file: string,
    private readonly build: string,
    private readonly log: (message: string) => void,
  ) {}

  /** Opens the cache file (which need not exist). `build` names the program that writes it. */
  static open(file: string, log: (message: string) => void, build = ''): IndexCache {
    const cache = new IndexCache(file, build, log);
    cache.read();
    return cache;
  }

  /** The size of the file as last read or written. */
  get fileBytes(): number {
    return this.bytesOnDisk;
  }

  /** How many documents the file held when opened (0 when it was missing or ignored), until the next save. */
  get size(): number {
    return this.loaded.size;
  }

  /**
   * The saved parse and analysis of `uri` when they were made from exactly `text` (whose file's bytes
   * may be given, which hashes faster); undefined otherwise. Parts of it are decoded on first use.
   */
  restore(uri: string, text: string, bytes?: Uint8Array): RestoredAnalysis | undefined {
    const entry = this.loaded.get(uri);
    // A text with a lone surrogate is neither saved nor restored: as UTF-8 it becomes U+FFFD, so its
    // hash would be that of another text.
    if (!entry || (!bytes && hasLoneSurrogate(text)) || entry.chunk.hash !== contentHash(bytes ?? text)) return undefined;
    try {
      const analysis = decodeChunk(entry.chunk, this.shapes, text, (problem) => this.log(`Index cache: the entry of ${uri} is damaged (${problem}).`));
      this.chunks.set(analysis, entry.chunk);
      return { analysis, declaredKey: entry.declared, declares: entry.chunk.declares };
    } catch (error) {
      this.log(`Index cache: the entry of ${uri} is damaged (${(error as Error).message}); analysing the file.`);
      this.loaded.delete(uri);
      return undefined;
    }
  }

  /**
   * Keeps the encoding an analysis worker sent with `analysis` (its objects numbered by the worker's
   * `shapes`): saving the document then renumbers those bytes instead of encoding the analysis again.
   */
  adopt(analysis: StoryAnalysis, chunk: Chunk, shapes: ShapeTable): void {
    this.adopted.set(analysis, { chunk, shapes });
  }

  /** Writes the documents of `index` that `include` accepts, atomically (a temporary file, then a rename). */
  save(index: WorkspaceIndex, include: (uri: string) => boolean): SaveResult {
    const started = performance.now();
    const parts: Uint8Array[] = [];
    const entries: HeaderEntry[] = [];
    let offset = 0;
    let encoded = 0;
    for (const doc of index.documents()) {
      if (!include(doc.uri)) continue;
      const known = this.chunks.has(doc.analysis);
      const chunk = this.chunkOf(doc);
      if (!chunk) continue;
      if (!known) encoded++;
      const { bytes, ...rest } = chunk;
      entries.push({ uri: doc.uri, offset, length: bytes.length, ...rest });
      parts.push(bytes);
      offset += bytes.length;
    }
    const body = Buffer.concat(parts, offset);
    const header: Header = {
      format: CACHE_FORMAT_VERSION,
      analyser: ANALYSER_VERSION,
      build: this.build,
      declared: index.declaredActorsKey(),
      shapes: this.shapes.keys,
      bodyLength: body.length,
      bodyHash: createHash('sha1').update(body).digest('base64'),
      entries,
    };
    const headerBytes = Buffer.from(JSON.stringify(header));
    const length = Buffer.alloc(4);
    length.writeUInt32LE(headerBytes.length);
    const all = Buffer.concat([Buffer.from(MAGIC), length, headerBytes, body]);
    mkdirSync(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    try {
      writeFileSync(temporary, all);
      renameSync(temporary, this.file);
    } catch (error) {
      rmSync(temporary, { force: true });
      throw error;
    }
    this.loaded = new Map();
    this.bytesOnDisk = all.length;
    return { documents: entries.length, encoded, bytes: all.length, ms: performance.now() - started };
  }

  /**
   * Encodes the documents `save` would write that are not encoded yet, for at most about `budgetMs`;
   * true when none is left. A caller that must stay responsive runs this in slices before `save`.
   */
  encodePending(index: WorkspaceIndex, include: (uri: string) => boolean, budgetMs: number): boolean {
    const deadline = performance.now() + budgetMs;
    let encoded = 0;
    for (const doc of index.documents()) {
      if (!include(doc.uri) || this.chunks.has(doc.analysis) || this.unsaveable.has(doc.analysis)) continue;
      // One document at least per call, however small the budget.
      if (encoded > 0 && performance.now() > deadline) return false;
      this.chunkOf(doc);
      encoded++;
    }
    return true;
  }

  /** The document's chunk, encoded now unless known; undefined (logged) when it cannot be encoded. */
  private chunkOf(doc: IndexedDocument): Chunk | undefined {
    let chunk = this.chunks.get(doc.analysis);
    if (chunk || this.unsaveable.has(doc.analysis)) return chunk;
    try {
      const adopted = this.adopted.get(doc.analysis);
      chunk = adopted ? renumbered(adopted.chunk, adopted.shapes, this.shapes) : encodeChunk(doc.analysis, doc.text, this.shapes);
      // The worker's bytes are not needed once renumbered (the two copies were 2 × 9 KB per story file).
      this.adopted.delete(doc.analysis);
    } catch (error) {
      this.log(`Index cache: ${doc.uri} cannot be saved (${(error as Error).message}); it will be analysed at the next start.`);
      this.unsaveable.add(doc.analysis);
      return undefined;
    }
    this.chunks.set(doc.analysis, chunk);
    return chunk;
  }

  private read(): void {
    this.removeLeftovers();
    let data: Buffer;
    try {
      data = readFileSync(this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.log(`Index cache: ${this.file} cannot be read (${(error as Error).message}); indexing from scratch.`);
      return;
    }
    this.bytesOnDisk = data.length;
    let problem: string | undefined;
    try {
      problem = this.take(data);
    } catch {
      // A header of the right JSON but the wrong shapes (null where an entry should be, …).
      problem = 'its header is damaged';
    }
    if (problem) {
      this.loaded.clear();
      this.log(`Index cache: ignoring ${this.file}: ${problem}; indexing from scratch.`);
    }
  }

  /** Temporary files of saves that never finished (the process was killed while writing). */
  private removeLeftovers(): void {
    const prefix = `${basename(this.file)}.`;
    try {
      for (const name of readdirSync(dirname(this.file))) {
        const path = join(dirname(this.file), name);
        if (name.startsWith(prefix) && name.endsWith('.tmp') && Date.now() - statSync(path).mtimeMs > LEFTOVER_AGE_MS) rmSync(path, { force: true });
      }
    } catch {
      // No folder yet, or nothing to remove.
    }
  }

  /** Takes the file's entries; returns why it cannot, or undefined. */
  private take(data: Buffer): string | undefined {
    if (data.length < MAGIC.length + 4 || data.toString('latin1', 0, MAGIC.length) !== MAGIC) return 'not an index cache file';
    const headerLength = data.readUInt32LE(MAGIC.length);
    const bodyStart = MAGIC.length + 4 + headerLength;
    if (bodyStart > data.length) return 'it is cut short';
    let header: Header;
    try {
      header = JSON.parse(data.toString('utf8', MAGIC.length + 4, bodyStart)) as Header;
    } catch {
      return 'its header is damaged';
    }
    if (header.format !== CACHE_FORMAT_VERSION || header.analyser !== ANALYSER_VERSION || header.build !== this.build) {
      return `it was written by another version (format ${String(header.format)}, analyser ${String(header.analyser)})`;
    }
    const body = data.subarray(bodyStart);
    if (body.length !== header.bodyLength || createHash('sha1').update(body).digest('base64') !== header.bodyHash) return 'it is cut short or damaged';
    if (!Array.isArray(header.shapes) || !Array.isArray(header.entries) || typeof header.declared !== 'string') return 'its header is damaged';
    try {
      this.shapes.seed(header.shapes);
    } catch (error) {
      return (error as Error).message;
    }
    for (const entry of header.entries) {
      const { uri, hash, offset, length, strings, storyShape, analysisShape, sections, declares } = entry;
      const fields = (this.shapes.keysOf(storyShape)?.length ?? -1) + (this.shapes.keysOf(analysisShape)?.length ?? -1);
      const fits = Number.isInteger(offset) && Number.isInteger(length) && offset >= 0 && length >= 0 && offset + length <= body.length;
      const valid = typeof uri === 'string' && typeof hash === 'string' && fits && Array.isArray(strings) && Array.isArray(sections) && sections.length === fields && Array.isArray(declares);
      if (!valid || !sections.every((at, i) => Number.isInteger(at) && at >= (sections[i - 1] ?? 0) && at < length)) return 'an entry of its header is damaged';
      const chunk: Chunk = { hash, strings, bytes: body.subarray(offset, offset + length), storyShape, analysisShape, sections, declares };
      this.loaded.set(uri, { chunk, declared: header.declared });
    }
    return undefined;
  }
}

// The encoding. A value is a varint (LEB128) `payload * 16 + tag`, followed for arrays, objects and maps
// by their elements. Objects are written by shape (the list of their keys, shared by the whole file)
// and decoded by a function made once per shape, so that every decoded object is a literal of one
// hidden class, as the analyser builds them; strings that are the document's text or a slice of it at
// the span just before them (a quote's words, a mention's name) are written as offsets, the rest into
// the document's own table of distinct strings.
const CONSTANT = 0; // payload 0 undefined, 1 null, 2 false, 3 true
const INTEGER = 1;
const NEGATIVE = 2;
const FLOAT = 3; // followed by 8 bytes
const STRING = 4; // payload: index in the document's strings
const ARRAY = 5; // payload: length
const OBJECT = 6; // payload: shape
const MAP = 7; // payload: size
const SLICE = 8; // payload: start, followed by the length
const TEXT = 9; // the whole text
const TAGS = 16;
/** Larger integers are written as floats, so a payload times TAGS stays an exact double. */
const LARGEST_INTEGER = 2 ** 48;

/**
 * The shapes of objects seen so far: the same list for every chunk of a file (or every chunk an analysis
 * worker sends), only ever appended to.
 */
export class ShapeTable {
  readonly keys: string[][] = [];
  /** The shapes by their first key: found by comparing keys, not by joining them (an encoder asks once per object). */
  private readonly byFirstKey = new Map<string, number[]>();
  private readonly makers: Array<(read: () => unknown) => unknown> = [];

  idOf(keys: string[]): number {
    for (const id of this.byFirstKey.get(keys[0] ?? '') ?? []) if (sameWords(this.keys[id]!, keys)) return id;
    this.add(keys);
    return this.keys.length - 1;
  }

  /** Starts from a file's shapes, so that the chunks read from it stay valid when written again. */
  seed(shapes: readonly unknown[]): void {
    if (this.keys.length > 0) throw new Error('shapes seeded twice');
    for (const keys of shapes) {
      if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'string' && k !== '__proto__')) throw new Error('a shape of its header is damaged');
      this.add(keys as string[]);
    }
  }

  keysOf(id: unknown): readonly string[] | undefined {
    return typeof id === 'number' ? this.keys[id] : undefined;
  }

  maker(id: number): (read: () => unknown) => unknown {
    const maker = this.makers[id];
    if (!maker) throw new Error(`unknown shape ${id}`);
    return maker;
  }

  private add(keys: string[]): void {
    const first = this.byFirstKey.get(keys[0] ?? '');
    if (first) first.push(this.keys.length);
    else this.byFirstKey.set(keys[0] ?? '', [this.keys.length]);
    this.keys.push(keys);
    // An object literal per shape, measured 1.5× faster to decode than assigning keys one by one. The
    // keys are written as JSON string literals (and `__proto__` is refused), so no key is ever code.
    const body = `return { ${keys.map((k) => `${JSON.stringify(k)}: read()`).join(', ')} };`;
    this.makers.push(new Function('read', body) as (read: () => unknown) => unknown);
  }
}

class Writer {
  bytes = new Uint8Array(1 << 16);
  length = 0;

  /** Room for a head and a float after it. */
  private reserve(): void {
    if (this.length + 24 <= this.bytes.length) return;
    const grown = new Uint8Array(this.bytes.length * 2);
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  /** Copies `count` bytes of `source` from `start` (at most a float's). */
  copy(source: Uint8Array, start: number, count: number): void {
    this.reserve();
    if (start + count > source.length) throw new Error('cut short');
    this.bytes.set(source.subarray(start, start + count), this.length);
    this.length += count;
  }

  varint(value: number): void {
    this.reserve();
    while (value >= 128) {
      this.bytes[this.length++] = (value % 128) + 128;
      value = Math.floor(value / 128);
    }
    this.bytes[this.length++] = value;
  }

  head(tag: number, payload: number): void {
    this.varint(payload * TAGS + tag);
  }

  float(value: number): void {
    this.head(FLOAT, 0);
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, value, true);
    for (let i = 0; i < 8; i++) this.bytes[this.length++] = view.getUint8(i);
  }
}

/** Encodes one document's parse and analysis; throws when a value cannot be encoded (a lone surrogate, a class instance). */
export function encodeChunk(analysis: StoryAnalysis, text: string, shapes: ShapeTable): Chunk {
  if (hasLoneSurrogate(text)) throw new Error('its text has a lone surrogate, which UTF-8 cannot keep');
  const out = new Writer();
  const strings: string[] = [];
  const stringIds = new Map<string, number>();
  let spanStart = -1;
  let spanEnd = -1;
  const write = (value: unknown): void => {
    switch (typeof value) {
      case 'undefined':
        return out.head(CONSTANT, 0);
      case 'boolean':
        return out.head(CONSTANT, value ? 3 : 2);
      case 'number':
        if (Number.isInteger(value) && Math.abs(value) < LARGEST_INTEGER && !Object.is(value, -0)) return value >= 0 ? out.head(INTEGER, value) : out.head(NEGATIVE, -value);
        return out.float(value);
      case 'string': {
        if (value === text) return out.head(TEXT, 0);
        if (value.length > 0 && value.length === spanEnd - spanStart && text.startsWith(value, spanStart)) {
          out.head(SLICE, spanStart);
          return out.varint(value.length);
        }
        let id = stringIds.get(value);
        if (id === undefined) {
          id = strings.length;
          strings.push(value);
          stringIds.set(value, id);
        }
        return out.head(STRING, id);
      }
      case 'object': {
        if (value === null) return out.head(CONSTANT, 1);
        if (Array.isArray(value)) {
          out.head(ARRAY, value.length);
          for (const element of value) write(element);
          return;
        }
        if (value instanceof Map) {
          out.head(MAP, value.size);
          for (const [k, v] of value) {
            write(k);
            write(v);
          }
          return;
        }
        if (Object.getPrototypeOf(value) !== Object.prototype) throw new Error(`a ${value.constructor?.name ?? 'null-prototype'} object cannot be saved`);
        const record = value as Record<string, unknown>;
        const keys = Object.keys(record);
        if (typeof record['start'] === 'number' && typeof record['end'] === 'number') {
          spanStart = record['start'];
          spanEnd = record['end'];
        }
        out.head(OBJECT, shapes.idOf(keys));
        for (const key of keys) write(record[key]);
        return;
      }
      default:
        throw new Error(`a ${typeof value} cannot be saved`);
    }
  };
  const { story, ...rest } = analysis;
  // The mention table is saved as the list of its mentions (what a restore turns back into a table).
  const saved = { ...rest, mentions: [...analysis.mentions] };
  const sections: number[] = [];
  const record = (value: object): number => {
    const fields = Object.keys(value);
    for (const field of fields) {
      sections.push(out.length);
      write((value as Record<string, unknown>)[field]);
    }
    return shapes.idOf(fields);
  };
  const storyShape = record(story);
  const analysisShape = record(saved);
  const chunk = { hash: contentHash(text), strings, bytes: out.bytes.slice(0, out.length), storyShape, analysisShape, sections, declares: declaredActorsOf(story) };
  if (out.length === 0 || sections.some((at) => at >= out.length)) throw new Error('an empty field');
  return chunk;
}

/**
 * The chunk with its objects numbered by the shape table `to` instead of `from` (both only ever grow):
 * the bytes are walked value by value and copied, with only the shape numbers rewritten.
 */
function renumbered(chunk: Chunk, from: ShapeTable, to: ShapeTable): Chunk {
  const out = new Writer();
  const renumber = (id: number): { id: number; fields: number } => {
    const keys = from.keysOf(id);
    if (!keys) throw new Error(`unknown shape ${id}`);
    return { id: to.idOf([...keys]), fields: keys.length };
  };
  const copy = (): void => {
    const head = readVarint();
    const tag = head % TAGS;
    const payload = (head - tag) / TAGS;
    switch (tag) {
      case OBJECT: {
        const shape = renumber(payload);
        out.head(OBJECT, shape.id);
        for (let i = 0; i < shape.fields; i++) copy();
        return;
      }
      case ARRAY:
      case MAP:
        out.head(tag, payload);
        for (let i = 0; i < (tag === MAP ? 2 * payload : payload); i++) copy();
        return;
      case FLOAT:
        out.head(FLOAT, 0);
        out.copy(input, position, 8);
        position += 8;
        return;
      case SLICE:
        out.head(SLICE, payload);
        return out.varint(readVarint());
      default:
        return out.head(tag, payload);
    }
  };
  const sections = chunk.sections.map((offset) => {
    const start = out.length;
    at(chunk, from, '', offset, copy);
    return start;
  });
  return { ...chunk, bytes: out.bytes.slice(0, out.length), sections, storyShape: renumber(chunk.storyShape).id, analysisShape: renumber(chunk.analysisShape).id };
}

// The decoder's state: module-level, so that `read` is a plain function (what V8 inlines best).
let input: Uint8Array = new Uint8Array(0);
let position = 0;
let inputStrings: readonly string[] = [];
let inputText = '';
let inputShapes: ShapeTable | undefined;

/** The fields decoded with the document; the others (story, mentions, actors, problems) on first use. */
const EAGER_FIELDS = new Set(['text', 'quotes']);

/** Fields saved in another form than the analysis keeps them: what turns the decoded value back. */
const RESTORED_FORM: ReadonlyMap<string, (value: unknown) => unknown> = new Map([['mentions', (list: unknown) => MentionTable.of(list as ActorMention[])]]);

/**
 * Decodes a chunk's story and analysis, building at once only what the index reads when a document is
 * added (the quotes, for its table of quotes): a warm start then makes only a third of the objects.
 * A field that turns out to be damaged when first read is reported and read as empty.
 */
export function decodeChunk(chunk: Chunk, shapes: ShapeTable, text: string, report: (problem: string) => void): StoryAnalysis {
  const storyFields = shapes.keysOf(chunk.storyShape)!;
  const analysisFields = shapes.keysOf(chunk.analysisShape)!;
  let section = 0;
  const fill = (target: Record<string, unknown>, fields: readonly string[]): void => {
    for (const field of fields) {
      const offset = chunk.sections[section++]!;
      const form = RESTORED_FORM.get(field);
      const decode = (): unknown => {
        const value = at(chunk, shapes, text, offset, read);
        return form ? form(value) : value;
      };
      if (EAGER_FIELDS.has(field)) {
        target[field] = decode();
        continue;
      }
      Object.defineProperty(target, field, {
        enumerable: true,
        configurable: true,
        get: () => {
          let value: unknown;
          try {
            value = decode();
          } catch (error) {
            report(`${field}: ${(error as Error).message}`);
            const tag = chunk.bytes[offset]! % TAGS;
            value = RESTORED_FORM.get(field)?.([]) ?? (tag === ARRAY ? [] : tag === MAP ? new Map() : undefined);
          }
          Object.defineProperty(target, field, { value, enumerable: true, configurable: false, writable: false });
          return value;
        },
      });
    }
  };
  const story: Record<string, unknown> = {};
  fill(story, storyFields);
  const analysis: Record<string, unknown> = { story };
  fill(analysis, analysisFields);
  if (story['text'] !== text || !Array.isArray(analysis['quotes'])) throw new Error('not a story analysis');
  return analysis as unknown as StoryAnalysis;
}

/** Runs `work` with the decoder reading `chunk` from `offset`. */
function at<T>(chunk: Chunk, shapes: ShapeTable, text: string, offset: number, work: () => T): T {
  input = chunk.bytes;
  position = offset;
  inputStrings = chunk.strings;
  inputText = text;
  inputShapes = shapes;
  try {
    return work();
  } finally {
    input = new Uint8Array(0);
    inputStrings = [];
    inputText = '';
    inputShapes = undefined;
  }
}

function readVarint(): number {
  if (position >= input.length) throw new Error('cut short');
  let byte = input[position++]!;
  let value = byte & 127;
  let scale = 128;
  while (byte >= 128) {
    if (position >= input.length) throw new Error('cut short');
    byte = input[position++]!;
    value += (byte & 127) * scale;
    scale *= 128;
  }
  return value;
}

function read(): unknown {
  const head = readVarint();
  const tag = head % TAGS;
  const payload = (head - tag) / TAGS;
  switch (tag) {
    case CONSTANT:
      if (payload > 3) throw new Error('bad constant');
      return payload === 0 ? undefined : payload === 1 ? null : payload === 3;
    case INTEGER:
      return payload;
    case NEGATIVE:
      return -payload;
    case FLOAT: {
      if (position + 8 > input.length) throw new Error('cut short');
      const value = new DataView(input.buffer, input.byteOffset + position, 8).getFloat64(0, true);
      position += 8;
      return value;
    }
    case STRING:
      if (payload >= inputStrings.length || typeof inputStrings[payload] !== 'string') throw new Error('bad string');
      return inputStrings[payload];
    case ARRAY: {
      if (payload > input.length - position) throw new Error('bad array');
      const array = new Array<unknown>(payload);
      for (let i = 0; i < payload; i++) array[i] = read();
      return array;
    }
    case OBJECT:
      return inputShapes!.maker(payload)(read);
    case MAP: {
      if (payload > input.length - position) throw new Error('bad map');
      const map = new Map<unknown, unknown>();
      for (let i = 0; i < payload; i++) {
        const key = read();
        map.set(key, read());
      }
      return map;
    }
    case SLICE: {
      const length = readVarint();
      if (payload + length > inputText.length) throw new Error('bad slice');
      // A copy of its own: a story nobody has open keeps its text compact, not as this string.
      return detachedString(inputText.slice(payload, payload + length));
    }
    case TEXT:
      return inputText;
    default:
      throw new Error('bad tag');
  }
}

