/** Ids repeat in every story (a0q0, a0q1, …): the usual ones are made once and shared by all. */
const sharedQuoteIds: string[][] = [];

/** The id of an article's `n`th scanned quotation: `a<article>q<n>`, unique within its story. */
export function quoteId(articleIndex: number, n: number): string {
  if (articleIndex >= 64 || n >= 1024) return `a${articleIndex}q${n}`;
  const ofArticle = (sharedQuoteIds[articleIndex] ??= []);
  return (ofArticle[n] ??= `a${articleIndex}q${n}`);
}

/** The same quotation's id once its article is the `articleIndex`th. */
export function quoteIdIn(articleIndex: number, id: string): string {
  return quoteId(articleIndex, Number(id.slice(id.indexOf('q') + 1)));
}
