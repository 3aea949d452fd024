/** Elements of a top-level array turned into text at a time. */
const ELEMENTS_PER_PIECE = 2000;

/**
 * Writes `record` as JSON with no indentation but one line per element of its top-level arrays:
 * `analyze --json` on thousands of articles is tens of megabytes, half of what indented JSON takes,
 * one article, quote, actor or group per line (for grep and diff), and it parses to the same value as
 * `JSON.stringify(record)`. It is handed over piece by piece, a few thousand elements at a time, so
 * the text is never one string. `write` may return a promise (a stream asking to wait for 'drain'); it
 * is awaited before the next piece.
 */
export async function writeRecordJson(record: object, write: (piece: string) => void | Promise<void>): Promise<void> {
  for (const piece of recordJsonPieces(record)) await write(piece);
}

/** The pieces `writeRecordJson` writes, in order (joined, the JSON of `record` as it lays it out). */
export function* recordJsonPieces(record: object): Generator<string> {
  let first = true;
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    const separator = first ? '{' : ',';
    first = false;
    if (!Array.isArray(value) || value.length === 0) {
      yield `${separator}\n${JSON.stringify(key)}:${JSON.stringify(value)}`;
      continue;
    }
    yield `${separator}\n${JSON.stringify(key)}:[`;
    for (let i = 0; i < value.length; i += ELEMENTS_PER_PIECE) {
      // As in JSON.stringify, an element that has no JSON form (undefined, a function) is null.
      const lines = value.slice(i, i + ELEMENTS_PER_PIECE).map((element: unknown) => JSON.stringify(element) ?? 'null');
      yield `${i === 0 ? '' : ','}\n${lines.join(',\n')}`;
    }
    yield '\n]';
  }
  yield first ? '{}' : '\n}';
}
