import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseStory } from '../../server/src/core/storyParser';

/**
 * A story of `articles` articles and at least `bytes` characters, made from the sample articles: each
 * article is a sample body with a few words changed, so the same quotes recur across sources with
 * small differences (as variant groups do in real stories).
 */
export function bigStory(articles = 50, bytes = 200 * 1024): string {
  const samples = join(process.cwd(), 'samples');
  const story = readFileSync(join(samples, 'mediate-russia-first.articles'), 'utf8');
  const parsed = parseStory(story);
  const bodies = parsed.articles.map((a) => story.slice(a.bodySpan.start, a.bodySpan.end));
  for (const name of readdirSync(join(samples, 'seeds')).sort()) bodies.push(readFileSync(join(samples, 'seeds', name), 'utf8').trim());
  const swaps: Array<[RegExp, string]> = [
    [/\bready\b/g, 'prepared'],
    [/\bwar\b/g, 'conflict'],
    [/\bsaid\b/g, 'stated'],
    [/\bfirst\b/g, 'before anything'],
    [/\bsolution\b/g, 'settlement'],
    [/\blater\b/g, 'afterwards'],
  ];
  const out: string[] = [];
  const perArticle = Math.ceil(bytes / articles);
  for (let i = 0; i < articles; i++) {
    let body = bodies[i % bodies.length]!;
    const [pattern, replacement] = swaps[i % swaps.length]!;
    if (i >= bodies.length) body = body.replace(pattern, replacement);
    const header = `=== Outlet ${String(i + 1).padStart(2, '0')} ===\ntitle: Report ${i + 1}\ndate: 2025-06-${String((i % 28) + 1).padStart(2, '0')}\n\n`;
    let article = header + body;
    while (article.length < perArticle) article += `\n\nUpdate ${article.length}: the talks continued, officials said, and no agreement was announced.`;
    out.push(article);
  }
  return out.join('\n\n') + '\n';
}
