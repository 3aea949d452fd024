import { strict as assert } from 'node:assert';
import { buildReport } from '../../server/src/core/analysisReport';
import { WorkspaceIndex } from '../../server/src/core/workspaceIndex';
import { reportSummary } from '../../server/src/cliSummary';
import { repositoryStories } from './testFiles';

describe('the summary of `article-lens analyze`', () => {
  const index = new WorkspaceIndex();
  index.setDocuments([...repositoryStories()].map(([uri, text]) => ({ uri, text })));
  const report = buildReport(index, (uri) => uri.slice(uri.lastIndexOf('/') + 1));
  const lines = reportSummary(report).split('\n');

  it('lists every file once, with its number of articles', () => {
    const files = lines.filter((l) => /^\S.*: \d+ articles?$/.test(l));
    const expected = [...new Set(report.articles.map((a) => a.file))];
    assert.deepEqual(files.map((l) => l.slice(0, l.lastIndexOf(':'))), expected);
    for (const line of files) {
      const file = line.slice(0, line.lastIndexOf(':'));
      assert.equal(Number(line.slice(line.lastIndexOf(': ') + 2).split(' ')[0]), report.articles.filter((a) => a.file === file).length, line);
    }
  });

  it('gives each article the quotes found in it, in order, under their speaker', () => {
    assert.ok(report.quotes.length > 100, 'the samples and fixtures hold quotes');
    const articleLines = lines.filter((l) => /^ {2}\S.*: \d+ quotes?$/.test(l));
    assert.equal(articleLines.length, report.articles.length);
    const quoteLines = lines.filter((l) => l.startsWith('    '));
    assert.equal(quoteLines.length, report.quotes.length);
    report.quotes.forEach((q, i) => {
      assert.ok(quoteLines[i]!.startsWith(`    ${q.speaker ?? '(no speaker)'}: “`), quoteLines[i]);
      assert.ok(quoteLines[i]!.includes(q.text.replace(/\s+/g, ' ').slice(0, 40)), quoteLines[i]);
    });
    let at = 0;
    for (const [k, article] of report.articles.entries()) {
      const n = report.quotes.filter((q) => q.articleId === article.id).length;
      assert.ok(articleLines[k]!.endsWith(`: ${n} quote${n === 1 ? '' : 's'}`), articleLines[k]);
      at += n;
    }
    assert.equal(at, report.quotes.length);
  });

  it('ends with every variant group', () => {
    const heading = lines.indexOf(`${report.variantGroups.length} variant groups across sources:`);
    assert.ok(heading > 0);
    assert.equal(lines.slice(heading + 1).filter((l) => /^ {2}g\d+ “/.test(l)).length, report.variantGroups.length);
  });
});
