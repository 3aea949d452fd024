/** Elements of a top-level array turned into text at a time (one JSON.stringify call each). */
const ELEMENTS_PER_PIECE = 2000;

/**
 * Writes `JSON.stringify(record, null, 2)` piece by piece, a few thousand elements of each top-level
 * array at a time, so a report of a hundred megabytes is never one string. The text is the same, byte
 * for byte. `write` may return a promise (a stream asking to wait for 'drain'); it is awaited before
 * the next piece.
 */
export async function writePrettyJson(record: object, write: (piece: string) => void | Promise<void>): Promise<void> {
  let first = true;
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    const separator = first ? '{\n' : ',\n';
    first = false;
    if (!Array.isArray(value) || value.length === 0) {
      // `  "key": value`, indented as it is inside the record.
      await write(separator + JSON.stringify({ [key]: value }, null, 2).slice(2, -2));
      continue;
    }
    await write(`${separator}  ${JSON.stringify(key)}: [`);
    for (let i = 0; i < value.length; i += ELEMENTS_PER_PIECE) {
      // Inside `{"k": [...]}` the elements are indented as they are inside the record's array.
      const wrapped = JSON.stringify({ k: value.slice(i, i + ELEMENTS_PER_PIECE) }, null, 2);
      await write(`${i === 0 ? '' : ','}\n${wrapped.slice(WRAPPED_OPENING.length, -WRAPPED_CLOSING.length)}`);
    }
    await write('\n  ]');
  }
  await write(first ? '{}' : '\n}');
}

const WRAPPED_OPENING = '{\n  "k": [\n';
const WRAPPED_CLOSING = '\n  ]\n}';
