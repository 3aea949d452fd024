/** Output is handed to `write` in pieces of about this many characters. */
const PIECE_CHARS = 1 << 20;

/**
 * Writes `JSON.stringify(record, null, 2)` piece by piece, one element of each top-level array at a time,
 * so a report of a hundred megabytes is never one string. The text is the same, byte for byte.
 * `write` may return a promise (a stream asking to wait for 'drain'); it is awaited before the next piece.
 */
export async function writePrettyJson(record: object, write: (piece: string) => void | Promise<void>): Promise<void> {
  let buffer = '{';
  const flush = async (force: boolean): Promise<void> => {
    if (!force && buffer.length < PIECE_CHARS) return;
    const piece = buffer;
    buffer = '';
    await write(piece);
  };
  // A nested value as JSON.stringify(…, null, 2) writes it `depth` levels in (strings never hold a raw line break).
  const nested = (value: unknown, depth: number): string => (JSON.stringify(value, null, 2) ?? 'null').replace(/\n/g, `\n${'  '.repeat(depth)}`);
  let first = true;
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    buffer += `${first ? '' : ','}\n  ${JSON.stringify(key)}: `;
    first = false;
    if (!Array.isArray(value) || value.length === 0) {
      buffer += nested(value, 1);
      continue;
    }
    buffer += '[';
    for (let i = 0; i < value.length; i++) {
      buffer += `${i === 0 ? '' : ','}\n    ${nested(value[i], 2)}`;
      await flush(false);
    }
    buffer += '\n  ]';
  }
  buffer += first ? '}' : '\n}';
  await flush(true);
}
