import type { IndexedDocument, WorkspaceIndex } from '../core/workspaceIndex';

/** What one document adds to the workspace's counts: mentions per actor, quotes per speaker and source. */
export interface DocumentTally {
  readonly mentions: ReadonlyMap<string, number>;
  /** Quotes per speaker (null: unattributed). */
  readonly quotes: ReadonlyMap<string | null, number>;
  /** For each speaker, their quotes per source. */
  readonly sources: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

const byName = new Intl.Collator(undefined).compare;

/**
 * The workspace's counts of mentions per actor and quotes per speaker, kept up to date document by
 * document: a change subtracts the document's old tally and adds its new one. Most edits (outside names
 * and quotation marks) leave a document's tally as it was, and then the sorted lists are kept too; the
 * Actors and Quotes views ask again after every change, and working the counts out from every document
 * took 0.2 s at 10,000 articles.
 */
export class WorkspaceTallies {
  private readonly applied = new Map<string, DocumentTally>();
  private readonly stale = new Set<string>();
  private readonly tallyOf = new WeakMap<object, DocumentTally>();
  private readonly mentionTotals = new Map<string, number>();
  private readonly quoteTotals = new Map<string | null, number>();
  private readonly sourceTotals = new Map<string, Map<string, number>>();
  private allQuotes = 0;
  private actorOrder: string[] | undefined;
  private speakerOrder: Array<string | null> | undefined;

  constructor(private readonly index: WorkspaceIndex) {
    for (const uri of index.uris()) this.stale.add(uri);
    index.onDidUpdate((uris) => {
      for (const uri of uris) this.stale.add(uri);
    });
  }

  /** Mentions of an actor in the workspace. */
  mentions(name: string): number {
    this.update();
    return this.mentionTotals.get(name) ?? 0;
  }

  /** Quotes of a speaker (null: unattributed) in the workspace. */
  quotes(speaker: string | null): number {
    this.update();
    return this.quoteTotals.get(speaker) ?? 0;
  }

  /** Quotes in the workspace. */
  quoteTotal(): number {
    this.update();
    return this.allQuotes;
  }

  /** Sources a speaker is quoted in. */
  sourceCount(speaker: string): number {
    this.update();
    return this.sourceTotals.get(speaker)?.size ?? 0;
  }

  /** Every actor mentioned: most quoted first, then most mentioned, then by name. */
  actorsInOrder(): readonly string[] {
    this.update();
    this.actorOrder ??= actorsInOrder(this.mentionTotals, this.quoteTotals);
    return this.actorOrder;
  }

  /** Every speaker quoted: most quoted first, then by name, the unattributed last. */
  speakersInOrder(): ReadonlyArray<string | null> {
    this.update();
    this.speakerOrder ??= speakersInOrder(this.quoteTotals);
    return this.speakerOrder;
  }

  /** What one document adds (worked out once per analysis). */
  tally(doc: IndexedDocument): DocumentTally {
    let tally = this.tallyOf.get(doc.analysis);
    if (!tally) this.tallyOf.set(doc.analysis, (tally = tallyOf(doc)));
    return tally;
  }

  private update(): void {
    if (this.stale.size === 0) return;
    for (const uri of this.stale) {
      const doc = this.index.get(uri);
      const before = this.applied.get(uri);
      const after = doc ? this.tally(doc) : undefined;
      if (before === after || (before && after && sameTally(before, after))) {
        if (after) this.applied.set(uri, after);
        continue;
      }
      if (before) this.add(before, -1);
      if (after) this.add(after, 1);
      if (after) this.applied.set(uri, after);
      else this.applied.delete(uri);
      this.actorOrder = undefined;
      this.speakerOrder = undefined;
    }
    this.stale.clear();
  }

  private add(tally: DocumentTally, sign: 1 | -1): void {
    for (const [name, n] of tally.mentions) addTo(this.mentionTotals, name, sign * n);
    for (const [speaker, n] of tally.quotes) {
      addTo(this.quoteTotals, speaker, sign * n);
      this.allQuotes += sign * n;
    }
    for (const [speaker, sources] of tally.sources) {
      let totals = this.sourceTotals.get(speaker);
      if (!totals) this.sourceTotals.set(speaker, (totals = new Map()));
      for (const [source, n] of sources) addTo(totals, source, sign * n);
      if (totals.size === 0) this.sourceTotals.delete(speaker);
    }
  }
}

/** A document's tally, as {@link WorkspaceTallies} keeps it; also one story's counts for a story's view. */
export function tallyOf(doc: IndexedDocument): DocumentTally {
  const mentions = new Map<string, number>();
  const table = doc.analysis.mentions;
  for (let row = 0; row < table.length; row++) addTo(mentions, table.actor(row), 1);
  const quotes = new Map<string | null, number>();
  const sources = new Map<string, Map<string, number>>();
  for (const quote of doc.analysis.quotes) {
    addTo(quotes, quote.speaker, 1);
    if (quote.speaker === null) continue;
    let bySource = sources.get(quote.speaker);
    if (!bySource) sources.set(quote.speaker, (bySource = new Map()));
    addTo(bySource, doc.story.articles[quote.articleIndex]!.source, 1);
  }
  return { mentions, quotes, sources };
}

/** The actors of `mentions`: most quoted first, then most mentioned, then by name. */
export function actorsInOrder(mentions: ReadonlyMap<string, number>, quotes: ReadonlyMap<string | null, number>): string[] {
  return [...mentions.keys()].sort((a, b) => (quotes.get(b) ?? 0) - (quotes.get(a) ?? 0) || mentions.get(b)! - mentions.get(a)! || byName(a, b));
}

/** The speakers of `quotes`: most quoted first, then by name, the unattributed last. */
export function speakersInOrder(quotes: ReadonlyMap<string | null, number>): Array<string | null> {
  return [...quotes.keys()].sort((a, b) => (a === null ? 1 : 0) - (b === null ? 1 : 0) || quotes.get(b)! - quotes.get(a)! || byName(a ?? '', b ?? ''));
}

function addTo<K>(map: Map<K, number>, key: K, n: number): void {
  const total = (map.get(key) ?? 0) + n;
  if (total === 0) map.delete(key);
  else map.set(key, total);
}

function sameTally(a: DocumentTally, b: DocumentTally): boolean {
  return sameCounts(a.mentions, b.mentions) && sameCounts(a.quotes, b.quotes) && a.sources.size === b.sources.size && [...a.sources].every(([speaker, s]) => sameCounts(s, b.sources.get(speaker)));
}

function sameCounts<K>(a: ReadonlyMap<K, number>, b: ReadonlyMap<K, number> | undefined): boolean {
  if (!b || a.size !== b.size) return false;
  for (const [key, n] of a) if (b.get(key) !== n) return false;
  return true;
}
