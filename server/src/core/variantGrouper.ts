import { alignWords, type Alignment } from './wordAlignment';

/** A quotation as the grouper sees it. */
export interface GroupableQuote {
  readonly id: string;
  /** Quotes of one article never form a group on their own. */
  readonly articleKey: string;
  /** Normalised words (see `normalizedWords`). */
  readonly words: readonly string[];
  /** The quote marks an elision (… or ...), so its words may be spread out in a fuller version. */
  readonly elided: boolean;
}

export interface QuoteGroup {
  /** Members in input order; the root is the fullest version that is not a longer compound quote. */
  readonly memberIds: readonly string[];
  readonly rootId: string;
  /** Members that quote the group's words as part of a longer quotation stringing statements together. */
  readonly containerIds: readonly string[];
}

export interface GroupingOptions {
  /** Share of the shorter quote's words that must reappear in order in the longer one. */
  readonly minShared: number;
  /** The same, for quotes of at most `shortQuoteWords` words. */
  readonly minSharedShort: number;
  readonly shortQuoteWords: number;
  /** A posting list longer than this stops adding candidates (a phrase everybody quotes). */
  readonly maxPosting: number;
}

export const DEFAULT_GROUPING: GroupingOptions = { minShared: 0.5, minSharedShort: 0.8, shortQuoteWords: 5, maxPosting: 400 };

const STOP = new Set(['the', 'a', 'an', 'of', 'to', 'and', 'in', 'on', 'is', 'it', 'that', 'for', 'be', 'we', 'i', 'you', 'he', 'they', 'this', 'with', 'are', 'was', 'at', 'as', 'by', 'or', 'not', 'do', 'have', 'has', 'will', 'our', 'us', 'me', 'my']);

export type Relation = { kind: 'peer' } | { kind: 'inside' };

/**
 * Groups quotations that repeat the same words across sources: identical, re-punctuated, elided,
 * truncated, fragments and changed words. Candidates come from an inverted index of word pairs, so no
 * all-pairs comparison; near-equal quotes join as peers, short ones join the group of their best
 * container, and a long quote that strings several statements together joins each of their groups.
 */
/**
 * Remembers how pairs of wordings relate between calls: an index regrouping after one edit then aligns
 * only the pairs the edit created. Pass the same object each time; it keeps only what the last call used.
 */
export class RelationMemo {
  private previous = new Map<string, Relation | null>();
  private current = new Map<string, Relation | null>();

  get(key: string): Relation | null | undefined {
    const found = this.current.get(key) ?? this.previous.get(key);
    if (found !== undefined) this.current.set(key, found);
    return found;
  }

  set(key: string, relation: Relation | null): void {
    this.current.set(key, relation);
  }

  /** Ends a call: what it did not use is forgotten, so the memo never outgrows the workspace. */
  finish(): void {
    this.previous = this.current;
    this.current = new Map();
  }
}

export function groupQuotes(quotes: readonly GroupableQuote[], options: GroupingOptions = DEFAULT_GROUPING, memo?: RelationMemo): QuoteGroup[] {
  const items = quotes.filter((q) => q.words.length >= 2);
  const bags = wordBags(items);
  // Word pairs as numbers (first id × vocabulary + second id): cheaper to hash than joined strings.
  const vocabulary = bags.stop.length;
  const postings = new Map<number, number[]>();
  const seen = new Set<number>();
  bags.sequences.forEach((ids, i) => {
    seen.clear();
    for (let k = 0; k + 1 < ids.length; k++) {
      if (bags.stop[ids[k]!] && bags.stop[ids[k + 1]!]) continue;
      const key = ids[k]! * vocabulary + ids[k + 1]!;
      if (seen.has(key)) continue;
      seen.add(key);
      let list = postings.get(key);
      if (!list) postings.set(key, (list = []));
      list.push(i);
    }
  });

  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };

  const inside: Array<{ inner: number; outer: number }> = [];
  const compared = new Set<number>();
  const relations = new Map<number, Relation | null>();
  bags.sequences.forEach((ids, i) => {
    compared.clear();
    for (let k = 0; k + 1 < ids.length; k++) {
      const list = postings.get(ids[k]! * vocabulary + ids[k + 1]!);
      if (!list || list.length > options.maxPosting) continue;
      for (const j of list) {
        if (j <= i || compared.has(j)) continue;
        compared.add(j);
        if (!mayRelate(bags, i, j, items, options)) continue;
        const [short, long] = items[i]!.words.length <= items[j]!.words.length ? [i, j] : [j, i];
        // The test reads only the words of both and whether the shorter marks an elision, and the same
        // wording recurs (one quote in several sources): each pair of wordings is aligned once.
        const memoKey = (bags.wording[short]! * bags.wordings + bags.wording[long]!) * 2 + (items[short]!.elided ? 1 : 0);
        let relation = relations.get(memoKey);
        if (relation === undefined || items[i]!.id === items[j]!.id) {
          const stableKey = memo ? `${items[short]!.words.join(' ')}\u0000${items[long]!.words.join(' ')}\u0000${items[short]!.elided ? 1 : 0}` : '';
          const remembered = memo && items[i]!.id !== items[j]!.id ? memo.get(stableKey) : undefined;
          relation = remembered !== undefined ? remembered : (relate(items[i]!, items[j]!, options) ?? null);
          if (items[i]!.id !== items[j]!.id) {
            relations.set(memoKey, relation);
            memo?.set(stableKey, relation);
          }
        }
        if (!relation) continue;
        if (relation.kind === 'peer') union(i, j);
        else inside.push({ inner: short, outer: long });
      }
    }
  });

  // Short quotes join the group that holds most of the quotes they appear in.
  const isShort = (i: number): boolean => items[i]!.words.length <= options.shortQuoteWords;
  const members = (): Map<number, number[]> => {
    const m = new Map<number, number[]>();
    items.forEach((_, i) => {
      const r = find(i);
      let list = m.get(r);
      if (!list) m.set(r, (list = []));
      list.push(i);
    });
    return m;
  };
  let groups = members();
  // Groups are visited by increasing root and a merge keeps the smaller root, so a group still its own
  // root when visited holds exactly the quotes it started with: its votes come from the edges of those.
  const edgesFrom = new Map<number, Array<{ inner: number; outer: number }>>();
  for (const edge of inside) {
    const from = find(edge.inner);
    let list = edgesFrom.get(from);
    if (!list) edgesFrom.set(from, (list = []));
    list.push(edge);
  }
  for (const [root, list] of groups) {
    if (!list.every(isShort) || find(root) !== root) continue;
    const votes = new Map<number, number>();
    for (const edge of edgesFrom.get(root) ?? []) {
      const target = find(edge.outer);
      if (target === root) continue;
      votes.set(target, (votes.get(target) ?? 0) + 1);
    }
    let best: number | undefined;
    let bestScore = -1;
    for (const [target, count] of votes) {
      const score = count / (groups.get(target)?.length ?? 1) + count;
      if (score > bestScore) {
        best = target;
        bestScore = score;
      }
    }
    if (best !== undefined) union(root, best);
  }
  groups = members();

  // A longer quote containing a (not short) member of a group joins that group too, without merging it.
  const containers = new Map<number, Set<number>>();
  for (const edge of inside) {
    if (isShort(edge.inner)) continue;
    const group = find(edge.inner);
    if (find(edge.outer) === group) continue;
    let set = containers.get(group);
    if (!set) containers.set(group, (set = new Set()));
    set.add(edge.outer);
  }

  const result: QuoteGroup[] = [];
  for (const [root, list] of groups) {
    const extra = [...(containers.get(root) ?? [])].filter((i) => !list.includes(i));
    const all = [...list, ...extra].sort((a, b) => a - b);
    const articles = new Set(all.map((i) => items[i]!.articleKey));
    if (articles.size < 2) continue;
    let rootIndex = list[0]!;
    for (const i of list) if (items[i]!.words.length > items[rootIndex]!.words.length) rootIndex = i;
    result.push({ memberIds: all.map((i) => items[i]!.id), rootId: items[rootIndex]!.id, containerIds: extra.map((i) => items[i]!.id) });
  }
  return result;
}

/**
 * Each quote's words as ids, in order and sorted (a multiset), and how many of them are not stop words;
 * `wording` numbers the distinct word lists (quotes with the same words share one).
 */
interface WordBags {
  readonly sequences: readonly Int32Array[];
  readonly wording: Int32Array;
  readonly wordings: number;
  readonly ids: readonly Int32Array[];
  readonly content: readonly number[];
  readonly stop: Uint8Array;
}

function wordBags(items: readonly GroupableQuote[]): WordBags {
  const idOf = new Map<string, number>();
  const stopIds: number[] = [];
  const sequences = items.map((q) => {
    const sequence = new Int32Array(q.words.length);
    q.words.forEach((w, k) => {
      let id = idOf.get(w);
      if (id === undefined) {
        idOf.set(w, (id = idOf.size));
        if (STOP.has(w)) stopIds.push(id);
      }
      sequence[k] = id;
    });
    return sequence;
  });
  const stop = new Uint8Array(idOf.size);
  for (const id of stopIds) stop[id] = 1;
  const content = sequences.map((ids) => ids.reduce((n, id) => n + (stop[id] ? 0 : 1), 0));
  const wordingOf = new Map<string, number>();
  const wording = Int32Array.from(sequences, (ids) => {
    const key = ids.join(',');
    let n = wordingOf.get(key);
    if (n === undefined) wordingOf.set(key, (n = wordingOf.size));
    return n;
  });
  return { sequences, wording, wordings: wordingOf.size, ids: sequences.map((ids) => ids.slice().sort()), content, stop };
}

/**
 * False when `relate` must reject the pair: the words two quotes share as multisets bound the words an
 * alignment can match, in all and among the words that carry meaning. Cheap (a merge of two sorted id
 * lists) where the alignment is not, and most candidates from shared word pairs fail here.
 */
function mayRelate(bags: WordBags, i: number, j: number, items: readonly GroupableQuote[], options: GroupingOptions): boolean {
  const [s, l] = items[i]!.words.length <= items[j]!.words.length ? [i, j] : [j, i];
  const a = bags.ids[s]!;
  const b = bags.ids[l]!;
  let shared = 0;
  let sharedContent = 0;
  for (let x = 0, y = 0; x < a.length && y < b.length; ) {
    if (a[x]! < b[y]!) x++;
    else if (a[x]! > b[y]!) y++;
    else {
      shared++;
      if (!bags.stop[a[x]!]) sharedContent++;
      x++;
      y++;
    }
  }
  const threshold = a.length <= options.shortQuoteWords ? options.minSharedShort : options.minShared;
  const content = bags.content[s]!;
  return shared / a.length >= threshold && (content === 0 || sharedContent / content >= threshold);
}

function relate(a: GroupableQuote, b: GroupableQuote, options: GroupingOptions): Relation | undefined {
  const [short, long] = a.words.length <= b.words.length ? [a, b] : [b, a];
  if (short.id === long.id) return undefined;
  const maxGap = short.elided ? Number.POSITIVE_INFINITY : Math.max(3, Math.ceil(short.words.length / 4));
  const alignment: Alignment = alignWords(short.words, long.words, maxGap);
  const shared = alignment.matched / short.words.length;
  const isShort = short.words.length <= options.shortQuoteWords;
  const threshold = isShort ? options.minSharedShort : options.minShared;
  if (shared < threshold || alignment.longestRun < 2 || alignment.windowStart < 0) return undefined;
  // Function words line up between any two sentences; the words that carry meaning must agree too.
  let content = 0;
  let contentMatched = 0;
  short.words.forEach((w, k) => {
    if (STOP.has(w)) return;
    content++;
    if (alignment.matchedInA[k]) contentMatched++;
  });
  if (content > 0 && contentMatched / content < threshold) return undefined;
  const cover = (alignment.windowEnd - alignment.windowStart + 1) / long.words.length;
  return cover >= 0.5 ? { kind: 'peer' } : { kind: 'inside' };
}
