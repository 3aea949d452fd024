import type { AnalysisReport } from './analysisReport';
import { normalizedWords } from './tokens';
import { alignWords } from './wordAlignment';

/** Reference annotations, in the form of `shared/gold/seeds.json`. */
export interface GoldFile {
  readonly articles: ReadonlyArray<{
    readonly file: string;
    readonly quotes: ReadonlyArray<{ readonly text: string; readonly speaker: string | null; readonly kind?: string; readonly groups: readonly string[] }>;
  }>;
}

export interface EvaluationResult {
  readonly goldQuotes: number;
  readonly predictedQuotes: number;
  readonly matchedQuotes: number;
  readonly recall: number;
  readonly precision: number;
  readonly speakerAccuracy: number;
  readonly kindAccuracy: number;
  readonly groupPrecision: number;
  readonly groupRecall: number;
  readonly groupF1: number;
  /** Gold quotes not found, predicted quotes not in the gold, and wrong speakers: what to look at. */
  readonly misses: readonly string[];
}

/** Words must agree this closely (2·LCS / total words) for a predicted quote to match a reference one. */
const MATCH_THRESHOLD = 0.9;

const baseName = (path: string): string => path.replace(/^.*[\\/]/, '');

/**
 * Scores an analysis against reference annotations: quote recall and precision, speaker accuracy over
 * matched quotes, and the pairwise F1 of variant groups (pairs of quotes sharing a group).
 */
export function evaluate(gold: GoldFile, report: AnalysisReport): EvaluationResult {
  const misses: string[] = [];
  const goldIds = new Map<string, string>(); // predicted quote id → gold id
  let goldCount = 0;
  let predictedCount = 0;
  let matched = 0;
  let speakersRight = 0;
  let kindsRight = 0;
  const goldPairs = new Set<string>();
  const goldFiles = new Set(gold.articles.map((a) => a.file));

  for (const article of gold.articles) {
    const predicted = report.quotes.filter((q) => baseName(q.file) === article.file);
    goldCount += article.quotes.length;
    predictedCount += predicted.length;
    const used = new Set<string>();
    article.quotes.forEach((g, gi) => {
      const goldId = `${article.file}#${gi}`;
      const words = normalizedWords(g.text);
      let best: { id: string; score: number } | undefined;
      for (const p of predicted) {
        if (used.has(p.id)) continue;
        const pw = normalizedWords(p.text);
        const score = (2 * alignWords(words, pw).matched) / (words.length + pw.length || 1);
        if (score >= MATCH_THRESHOLD && (!best || score > best.score)) best = { id: p.id, score };
      }
      if (!best) {
        misses.push(`missed ${article.file}: "${g.text}"`);
        return;
      }
      used.add(best.id);
      goldIds.set(best.id, goldId);
      matched++;
      const p = predicted.find((x) => x.id === best!.id)!;
      if (p.speaker === g.speaker) speakersRight++;
      else misses.push(`speaker ${article.file}: "${g.text.slice(0, 50)}" is ${g.speaker}, got ${p.speaker}`);
      if (g.kind === undefined || g.kind === p.kind) kindsRight++;
      else misses.push(`kind ${article.file}: "${g.text.slice(0, 50)}" is ${g.kind}, got ${p.kind}`);
    });
    for (const p of predicted) if (!used.has(p.id)) misses.push(`extra ${article.file}: "${p.text}"`);
  }
  const goldGroups = new Map<string, string[]>();
  for (const article of gold.articles) {
    article.quotes.forEach((g, gi) => {
      for (const group of g.groups) {
        let list = goldGroups.get(group);
        if (!list) goldGroups.set(group, (list = []));
        list.push(`${article.file}#${gi}`);
      }
    });
  }
  for (const list of goldGroups.values()) addPairs(list, goldPairs);

  const predictedPairs = new Set<string>();
  const quoteFile = new Map(report.quotes.map((q) => [q.id, baseName(q.file)]));
  for (const group of report.variantGroups) {
    const ids = group.quoteIds.filter((id) => goldFiles.has(quoteFile.get(id) ?? '')).map((id) => goldIds.get(id) ?? `predicted:${id}`);
    addPairs(ids, predictedPairs);
  }
  let common = 0;
  for (const pair of predictedPairs) if (goldPairs.has(pair)) common++;
  const groupPrecision = predictedPairs.size === 0 ? (goldPairs.size === 0 ? 1 : 0) : common / predictedPairs.size;
  const groupRecall = goldPairs.size === 0 ? 1 : common / goldPairs.size;
  for (const pair of goldPairs) if (!predictedPairs.has(pair)) misses.push(`group pair missing: ${pair}`);
  for (const pair of predictedPairs) if (!goldPairs.has(pair)) misses.push(`group pair extra: ${pair}`);

  return {
    goldQuotes: goldCount,
    predictedQuotes: predictedCount,
    matchedQuotes: matched,
    recall: goldCount === 0 ? 1 : matched / goldCount,
    precision: predictedCount === 0 ? 1 : matched / predictedCount,
    speakerAccuracy: matched === 0 ? 0 : speakersRight / matched,
    kindAccuracy: matched === 0 ? 0 : kindsRight / matched,
    groupPrecision,
    groupRecall,
    groupF1: groupPrecision + groupRecall === 0 ? 0 : (2 * groupPrecision * groupRecall) / (groupPrecision + groupRecall),
    misses,
  };
}

function addPairs(ids: readonly string[], into: Set<string>): void {
  const unique = [...new Set(ids)].sort();
  for (let i = 0; i < unique.length; i++) for (let j = i + 1; j < unique.length; j++) into.add(`${unique[i]} ~ ${unique[j]}`);
}
