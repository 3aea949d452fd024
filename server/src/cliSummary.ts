import type { AnalysisReport } from './core/analysisReport';

/** Quote texts longer than this are cut, with an ellipsis, in the summary. */
const QUOTE_WIDTH = 70;

/**
 * The text `article-lens analyze` prints without `--json`: per file its articles, per article its quotes
 * with their speaker and groups, then the variant groups. Linear in the report's size.
 */
export function reportSummary(report: AnalysisReport): string {
  const quotesOf = new Map<string, Array<AnalysisReport['quotes'][number]>>();
  for (const q of report.quotes) {
    const list = quotesOf.get(q.articleId);
    if (list) list.push(q);
    else quotesOf.set(q.articleId, [q]);
  }
  const articlesOf = new Map<string, Array<AnalysisReport['articles'][number]>>();
  for (const a of report.articles) {
    const list = articlesOf.get(a.file);
    if (list) list.push(a);
    else articlesOf.set(a.file, [a]);
  }
  const lines: string[] = [];
  for (const [file, articles] of articlesOf) {
    lines.push(`${file}: ${count(articles.length, 'article')}`);
    for (const a of articles) {
      const quotes = quotesOf.get(a.id) ?? [];
      lines.push(`  ${a.source}${a.title ? ` — ${a.title}` : ''}${a.date ? ` (${a.date})` : ''}: ${count(quotes.length, 'quote')}`);
      for (const q of quotes) {
        const words = q.text.replace(/\s+/g, ' ');
        const shown = words.length > QUOTE_WIDTH ? words.slice(0, QUOTE_WIDTH) + '…' : words;
        lines.push(`    ${q.speaker ?? '(no speaker)'}: “${shown}”${q.groups.length ? ` [${q.groups.join(', ')}]` : ''}`);
      }
    }
  }
  lines.push('', `${count(report.variantGroups.length, 'variant group')} across sources:`);
  for (const g of report.variantGroups) {
    const types = g.variants.map((v) => v.type).join(', ');
    lines.push(`  ${g.id} “${g.label}”: ${g.quoteIds.length} quotes (${types})`);
  }
  return lines.join('\n') + '\n';
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
