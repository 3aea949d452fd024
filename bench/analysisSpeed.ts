// How fast one story's analysis runs (both actor passes, the quote scan, attribution), without the memo:
// every file of a benchmark workspace parsed and analysed, one warm-up round, then 5 measured rounds.
// Prints MB/s of CPU time (median), the time of each phase, and a digest of every result, which must not
// change when the analysis is only made faster.
// Run: npm run bench:analysis [-- [--rounds N] folder ...] (default .bench-cache/ws-1000)
import { createHash, type Hash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { declaredActorsOf, findArticleNames, findArticleReferences, declaredLexicon, mergeStoryNames, storyKnowledgeFor, tokenizeParagraphs } from '../server/src/core/actorFinder';
import { scanQuotes } from '../server/src/core/quoteScanner';
import { StoryAnalysisMemo } from '../server/src/core/storyAnalysisMemo';
import { analyzeStory, type StoryAnalysis } from '../server/src/core/storyAnalyzer';
import { parseStory } from '../server/src/core/storyParser';
import { cpuMs, median } from './stats';

const args = process.argv.slice(2);
const roundsAt = args.indexOf('--rounds');
const ROUNDS = roundsAt >= 0 ? Number(args.splice(roundsAt, 2)[1]) : 5;
const folders = args;
if (folders.length === 0) folders.push('.bench-cache/ws-1000');

const files = folders.flatMap((folder) => readdirSync(folder).filter((name) => /\.articles?$/.test(name)).sort().map((name) => join(folder, name)));
const texts = files.map((file) => readFileSync(file, 'utf8'));
const megabytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0) / 1e6;
const stories = texts.map((text, i) => parseStory(text, { fileName: files[i] }));
const declared = stories.flatMap((story) => declaredActorsOf(story));

/** The whole analysis of every story, as the index runs it on a cold start (no memo). */
function analyzeAll(): StoryAnalysis[] {
  return stories.map((story) => analyzeStory(story, declared));
}

/**
 * CPU ms of each phase run on its own, story by story as the analysis runs them (the quote reading and
 * attribution are the rest of analyzeStory's time).
 */
function phases(knowledge?: Hash): Record<string, number> {
  const lexicon = declaredLexicon(declared);
  const ms: Record<string, number> = {};
  const phase = <T>(name: string, work: () => T): T => {
    const c0 = cpuMs();
    const value = work();
    ms[name] = (ms[name] ?? 0) + cpuMs() - c0;
    return value;
  };
  for (const story of stories) {
    const { text, articles } = story;
    const tokens = phase('tokenize', () => articles.map((article) => tokenizeParagraphs(text, article)));
    const names = phase('names', () => articles.map((article, i) => findArticleNames(text, article, lexicon, tokens[i])));
    const storyNames = phase('merge', () => mergeStoryNames(names, lexicon));
    phase('references', () => articles.forEach((article, i) => findArticleReferences(text, article, names[i]!, storyNames, tokens[i])));
    const keys = phase('knowledge', () => names.map((ofArticle) => storyKnowledgeFor(ofArticle, storyNames)));
    for (const key of keys) knowledge?.update(key);
    phase('scanQuotes', () => articles.forEach((article) => scanQuotes(text, article.paragraphs)));
  }
  return ms;
}

/**
 * What a keystroke costs: each story analysed with a memo, then again after a word is typed into the
 * middle of its last article (only that article is read again): CPU ms of the second analyses.
 */
function rereads(): number {
  let ms = 0;
  for (const story of stories) {
    const memo = new StoryAnalysisMemo();
    analyzeStory(story, declared, memo);
    const last = story.articles[story.articles.length - 1]!;
    const paragraph = last.paragraphs[Math.floor(last.paragraphs.length / 2)];
    if (!paragraph) continue;
    const edited = parseStory(`${story.text.slice(0, paragraph.end)} typed${story.text.slice(paragraph.end)}`, { fileName: 'edited.articles' });
    const c0 = cpuMs();
    analyzeStory(edited, declared, memo);
    ms += cpuMs() - c0;
  }
  return ms;
}

/** A digest of everything the analyses found (all but the parsed story, which this work does not touch). */
function digestOf(analyses: readonly StoryAnalysis[]): string {
  const hash = createHash('sha256');
  for (const { quotes, ignoredQuotes, actors, mentions, problems } of analyses) {
    hash.update(JSON.stringify({ quotes, ignoredQuotes, actors: [...actors.entries()], mentions, problems }));
  }
  return hash.digest('hex').slice(0, 16);
}

const warm = analyzeAll();
const knowledge = createHash('sha256');
phases(knowledge);
const digest = `${digestOf(warm)}, of the knowledge keys ${knowledge.digest('hex').slice(0, 16)}`;
rereads();
const totals: number[] = [];
const perPhase: Array<Record<string, number>> = [];
for (let round = 0; round < ROUNDS; round++) {
  const c0 = cpuMs();
  analyzeAll();
  totals.push(cpuMs() - c0);
  perPhase.push({ ...phases(), 'after a word': rereads() });
}

const medianMs = median(totals);
console.log(`${files.length} files, ${megabytes.toFixed(2)} MB, ${stories.reduce((n, s) => n + s.articles.length, 0)} articles; digest ${digest}`);
const minMs = Math.min(...totals);
console.log(`analyzeStory: ${medianMs.toFixed(0)} ms CPU median of ${ROUNDS} (${totals.map((ms) => ms.toFixed(0)).join(' ')}), ${(megabytes / (medianMs / 1000)).toFixed(2)} MB/s (best ${(megabytes / (minMs / 1000)).toFixed(2)})`);
console.log('phases on their own, median and best ms CPU (knowledge: what the memo asks of each article read again; after a word: every story analysed again with its memo after a word is typed in its last article):');
for (const name of Object.keys(perPhase[0]!)) {
  const samples = perPhase.map((p) => p[name]!);
  console.log(`  ${name.padEnd(12)} ${median(samples).toFixed(0).padStart(5)} ${Math.min(...samples).toFixed(0).padStart(5)}`);
}
