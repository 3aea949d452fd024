// Grouping alone (the quotes handed straight to groupQuotes), and the naive methods for comparison:
// all-pairs alignment for grouping, `compromise` for names.
import nlp from 'compromise';
import { findActors } from '../server/src/core/actorFinder';
import { analyzeStory } from '../server/src/core/storyAnalyzer';
import { parseStory } from '../server/src/core/storyParser';
import { DEFAULT_GROUPING, groupQuotes, type GroupableQuote } from '../server/src/core/variantGrouper';
import { isStopWord, relateWordings } from '../server/src/core/wordingRelation';
import type { StoryGenerator } from './generate';
import { median, timed } from './stats';

export interface GroupingResult {
  readonly quotes: number;
  readonly runs: number;
  readonly medianMs: number;
  readonly medianCpuMs: number;
  readonly groups: number;
  readonly largestGroup: number;
  /** How many of the viral quote's copies ended up in one group together. */
  readonly viralGrouped: number;
  readonly viralCopies: number;
}

export function runGrouping(generator: StoryGenerator, count: number, runs: number): GroupingResult {
  const quotes = generator.quotes(count);
  const times: number[] = [];
  const cpu: number[] = [];
  let groups = groupQuotes([]);
  for (let r = 0; r < runs; r++) {
    const t = timed(() => groupQuotes(quotes));
    times.push(t.ms);
    cpu.push(t.cpuMs);
    groups = t.value;
  }
  const isViral = (id: string): boolean => id.endsWith('#viral');
  return {
    quotes: quotes.length,
    runs,
    medianMs: median(times),
    medianCpuMs: median(cpu),
    groups: groups.length,
    largestGroup: Math.max(0, ...groups.map((g) => g.memberIds.length)),
    viralGrouped: Math.max(0, ...groups.map((g) => g.memberIds.filter(isViral).length)),
    viralCopies: quotes.filter((q) => isViral(q.id)).length,
  };
}

// The grouper's test for two quotes, applied to every pair: what grouping costs without the index of
// word pairs (and without the cheap bound that rejects most candidates before aligning them).
function naiveRelated(a: GroupableQuote, b: GroupableQuote): boolean {
  const [short, long] = a.words.length <= b.words.length ? [a, b] : [b, a];
  return relateWordings(short.words, long.words, short.elided, DEFAULT_GROUPING, isStopWord) !== undefined;
}

export interface NaiveGroupingResult {
  readonly sample: number;
  readonly pairsDone: number;
  readonly pairsTotal: number;
  readonly ms: number;
  readonly usPerPair: number;
  /** Extrapolated: all pairs of the sample, and of 100,000 quotes. */
  readonly sampleMs: number;
  readonly hundredThousandMs: number;
  /** The grouper on the same sample, for comparison. */
  readonly indexedMs: number;
}

/** All pairs of `sample` quotes, row by row until `budgetMs` is spent; the rest is extrapolated. */
export function runNaiveGrouping(generator: StoryGenerator, sample: number, budgetMs: number): NaiveGroupingResult {
  const quotes = generator.quotes(sample).filter((q) => q.words.length >= 2);
  const indexed = timed(() => groupQuotes(quotes));
  const pairsTotal = (quotes.length * (quotes.length - 1)) / 2;
  let pairsDone = 0;
  let related = 0;
  const t0 = performance.now();
  for (let i = 0; i < quotes.length && performance.now() - t0 < budgetMs; i++) {
    for (let j = i + 1; j < quotes.length; j++) {
      if (naiveRelated(quotes[i]!, quotes[j]!)) related++;
      pairsDone++;
    }
  }
  const elapsed = performance.now() - t0;
  const usPerPair = (elapsed * 1000) / Math.max(1, pairsDone);
  void related;
  return {
    sample: quotes.length,
    pairsDone,
    pairsTotal,
    ms: elapsed,
    usPerPair,
    sampleMs: (usPerPair * pairsTotal) / 1000,
    hundredThousandMs: (usPerPair * (100000 * 99999)) / 2 / 1000,
    indexedMs: indexed.ms,
  };
}

export interface NamesResult {
  readonly articles: number;
  readonly bytes: number;
  readonly compromiseMBps: number;
  readonly compromisePeople: number;
  readonly findActorsMBps: number;
  readonly analyseMBps: number;
  readonly actors: number;
}

/** Names in `stories` stories: compromise's people, places and organisations against findActors. */
export function runNames(generator: StoryGenerator, stories: number): NamesResult {
  const texts = Array.from({ length: stories }, (_, s) => generator.text(s));
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  const parsed = texts.map((t) => parseStory(t));
  const bodies = parsed.map((story) => story.articles.map((a) => story.text.slice(a.bodySpan.start, a.bodySpan.end)).join('\n\n'));
  // Warm up both once (compromise builds its lexicon on first use).
  nlp(bodies[0]!.slice(0, 2000)).people().out('array');
  findActors(parsed[0]!, []);
  let people = 0;
  const naive = timed(() => {
    for (const body of bodies) {
      const doc = nlp(body);
      people += (doc.people().out('array') as string[]).length;
      doc.places().out('array');
      doc.organizations().out('array');
    }
  });
  let actors = 0;
  const ours = timed(() => {
    for (const story of parsed) actors += findActors(story, []).actors.size;
  });
  const analyse = timed(() => parsed.forEach((story) => analyzeStory(story, [])));
  return {
    articles: parsed.reduce((n, s) => n + s.articles.length, 0),
    bytes,
    compromiseMBps: bytes / 1e6 / (naive.ms / 1000),
    compromisePeople: people,
    findActorsMBps: bytes / 1e6 / (ours.ms / 1000),
    analyseMBps: bytes / 1e6 / (analyse.ms / 1000),
    actors,
  };
}
