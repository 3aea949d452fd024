import { strict as assert } from 'node:assert';
import { buildReport } from '../../../server/src/core/analysisReport';
import { WorkspaceIndex } from '../../../server/src/core/workspaceIndex';
import { exportAnalysis } from '../../../server/src/features/exporter';
import { repositoryStories } from '../testFiles';

describe('export', () => {
  const index = new WorkspaceIndex();
  index.setDocuments([...repositoryStories()].map(([uri, text]) => ({ uri, text })));
  const report = buildReport(index);

  it('writes JSON as analyze --json does: the report, one article, quote, actor or group per line', () => {
    const json = exportAnalysis(index, 'json');
    assert.deepEqual(JSON.parse(json), JSON.parse(JSON.stringify(report)));
    const lines = json.split('\n');
    const records = report.articles.length + report.quotes.length + report.actors.length + report.variantGroups.length;
    assert.ok(lines.length >= records && lines.length < records + 20, `${lines.length} lines for ${records} records`);
    for (const quote of report.quotes.slice(0, 50)) assert.ok(lines.includes(`${JSON.stringify(quote)},`) || lines.includes(JSON.stringify(quote)), quote.id);
  });

  it('writes CSV with one row per quote and its article’s source, title and date', () => {
    const csv = exportAnalysis(index, 'csv');
    const rows = csv.trimEnd().split('\r\n');
    assert.equal(rows[0], 'id,file,source,title,date,speaker,kind,groups,line,character,text');
    // Rows may hold line breaks inside quoted cells, so count the quotes' ids at the start of rows instead.
    const byId = new Map(report.articles.map((a) => [a.id, a]));
    for (const quote of report.quotes) {
      const article = byId.get(quote.articleId)!;
      const row = rows.find((r) => r.startsWith(`${quote.id},`));
      assert.ok(row, `no row for ${quote.id}`);
      assert.ok(row.includes(article.source.includes(',') ? `"${article.source}"` : article.source), `${quote.id}: not from ${article.source}`);
    }
  });

  it('writes one web annotation per quote', () => {
    const collection = JSON.parse(exportAnalysis(index, 'web-annotation')) as { total: number; first: { items: Array<{ target: { selector: { exact: string } } }> } };
    assert.equal(collection.total, report.quotes.length);
    assert.deepEqual(collection.first.items.map((item) => item.target.selector.exact).slice(0, 20).length, Math.min(20, report.quotes.length));
  });
});
