import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildReport } from '../../server/src/core/analysisReport';
import { WorkspaceIndex } from '../../server/src/core/workspaceIndex';
import { collectStoryFiles, readStoryFile } from '../../server/src/fsWorkspace';
import { writePrettyJson } from '../../server/src/jsonStream';
import { ROOT } from './testFiles';

async function streamed(record: object): Promise<{ text: string; pieces: number }> {
  const pieces: string[] = [];
  await writePrettyJson(record, async (piece) => {
    await Promise.resolve();
    pieces.push(piece);
  });
  return { text: pieces.join(''), pieces: pieces.length };
}

describe('writePrettyJson', () => {
  it('writes what JSON.stringify(…, null, 2) writes for the analysis report of the samples', async () => {
    const index = new WorkspaceIndex();
    index.setDocuments(
      collectStoryFiles([join(ROOT, 'samples'), join(ROOT, 'test', 'fixtures', 'stories')]).files.flatMap((file) => {
        const read = readStoryFile(file);
        return read.ok ? [{ uri: pathToFileURL(file).href, text: read.text }] : [];
      }),
    );
    const report = buildReport(index, (uri) => uri.slice(uri.lastIndexOf('/') + 1));
    assert.ok(report.quotes.length > 50 && report.variantGroups.length > 5);
    assert.equal((await streamed(report)).text, JSON.stringify(report, null, 2));
  });

  it('writes empty records and arrays, nested values, undefined fields and strings with line breaks the same way', async () => {
    const records: object[] = [
      {},
      { a: [] },
      { a: undefined, b: [undefined, null, { c: 'x\ny', d: [1, [2, {}]] }], e: { f: [] }, g: 'u\u2028v' },
      { only: 3 },
    ];
    for (const record of records) assert.equal((await streamed(record)).text, JSON.stringify(record, null, 2));
  });

  it('hands over a long array in several pieces', async () => {
    const record = { rows: Array.from({ length: 5_000 }, (_, i) => ({ id: `row${i}`, text: 'words '.repeat(10) })) };
    const { text, pieces } = await streamed(record);
    assert.equal(text, JSON.stringify(record, null, 2));
    assert.ok(pieces > 1, `${pieces} piece(s)`);
  });
});
