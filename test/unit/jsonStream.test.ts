import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildReport } from '../../server/src/core/analysisReport';
import { WorkspaceIndex } from '../../server/src/core/workspaceIndex';
import { collectStoryFiles, readStoryFile } from '../../server/src/fsWorkspace';
import { writeRecordJson } from '../../server/src/jsonStream';
import { ROOT } from './testFiles';

async function streamed(record: object): Promise<{ text: string; pieces: number }> {
  const pieces: string[] = [];
  await writeRecordJson(record, async (piece) => {
    await Promise.resolve();
    pieces.push(piece);
  });
  return { text: pieces.join(''), pieces: pieces.length };
}

describe('writeRecordJson', () => {
  it('writes the analysis report of the samples as JSON, one article, quote, actor or group per line', async () => {
    const index = new WorkspaceIndex();
    index.setDocuments(
      collectStoryFiles([join(ROOT, 'samples'), join(ROOT, 'test', 'fixtures', 'stories')]).files.flatMap((file) => {
        const read = readStoryFile(file);
        return read.ok ? [{ uri: pathToFileURL(file).href, text: read.text }] : [];
      }),
    );
    const report = buildReport(index, (uri) => uri.slice(uri.lastIndexOf('/') + 1));
    assert.ok(report.quotes.length > 50 && report.variantGroups.length > 5);
    const { text } = await streamed(report);
    assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(report)));
    const lines = text.split('\n');
    // The braces, the version, four array openings and closings, and one line per element.
    const elements = report.articles.length + report.quotes.length + report.actors.length + report.variantGroups.length;
    assert.equal(lines.length, 2 + 1 + 4 * 2 + elements);
    assert.equal(lines[1], '"version":1,');
    for (const quote of report.quotes) assert.ok(lines.includes(`${JSON.stringify(quote)},`) || lines.includes(JSON.stringify(quote)), quote.id);
    assert.ok(text.length < JSON.stringify(report, null, 2).length / 1.5, 'well under the size of indented JSON');
  });

  it('writes empty records and arrays, nested values, undefined fields and elements, and line breaks in strings as JSON.stringify does', async () => {
    const records: object[] = [
      {},
      { a: [] },
      { a: undefined, b: [undefined, null, { c: 'x\ny', d: [1, [2, {}]] }, () => 1], e: { f: [] }, g: 'u\u2028v' },
      { only: 3 },
    ];
    for (const record of records) {
      const { text } = await streamed(record);
      assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(record)));
      // A line break inside a string is escaped: every line is a piece of the structure.
      assert.ok(text.split('\n').every((line) => !line.includes('x\ny')));
    }
    assert.equal((await streamed({})).text, '{}');
    assert.equal((await streamed({ a: [1, 2], b: 'c' })).text, '{\n"a":[\n1,\n2\n],\n"b":"c"\n}');
  });

  it('hands over a long array in several pieces', async () => {
    const record = { rows: Array.from({ length: 5_000 }, (_, i) => ({ id: `row${i}`, text: 'words '.repeat(10) })) };
    const { text, pieces } = await streamed(record);
    assert.deepEqual(JSON.parse(text), record);
    assert.equal(text.split('\n').length, 5_000 + 4);
    assert.ok(pieces > 1, `${pieces} piece(s)`);
  });
});
