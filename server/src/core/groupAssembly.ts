import type { GroupingOptions, QuoteGroup } from './variantGrouper';

export interface AssemblyQuote {
  readonly id: string;
  readonly articleKey: string;
}

/** Quotes with the same words (and elision mark), with how their wording relates to others. */
export interface AssemblyUnit<Q extends AssemblyQuote> {
  /** Words of the wording. */
  readonly length: number;
  readonly quotes: readonly Q[];
  /** Wordings whose quotes are peers of these: the same words, or a near-equal extent. */
  readonly peers: readonly AssemblyUnit<Q>[];
  /** Longer wordings that quote this one inside them. */
  readonly outers: readonly AssemblyUnit<Q>[];
}

export interface AssembledGroup<Q extends AssemblyQuote> {
  readonly group: QuoteGroup;
  /** The quotes of `group.memberIds`, in the same order. */
  readonly members: readonly Q[];
  /** The group's earliest quote that is not a container: groups are listed in its order. */
  readonly first: Q;
}

/**
 * The variant groups of one connected set of wordings (every peer and outer of each is in `component`).
 * Peers are united; a group of short quotes joins the group holding most of the quotes it is inside;
 * a longer quote containing a (not short) member joins that group as a container without merging it;
 * a group must span two articles. Works on wordings, weighing each by its number of quotes, so a quote
 * repeated a thousand times costs no more than once. Groups come in the order of `first`.
 */
export function assembleGroups<Q extends AssemblyQuote>(component: readonly AssemblyUnit<Q>[], compare: (a: Q, b: Q) => number, options: GroupingOptions): AssembledGroup<Q>[] {
  if (component.length === 1) return copiesGroup(component[0]!.quotes, compare);
  const tagged = component.flatMap((unit) => unit.quotes.map((quote) => ({ quote, unit })));
  tagged.sort((a, b) => compare(a.quote, b.quote));
  // Units numbered in the order of their first quote: the union keeps the smaller number, so a group's
  // root is its earliest quote's wording, and groups are visited in the order of their first quote.
  const position = new Map<AssemblyUnit<Q>, number>();
  const units: Array<AssemblyUnit<Q>> = [];
  const ranks: number[][] = [];
  tagged.forEach(({ unit }, rank) => {
    let p = position.get(unit);
    if (p === undefined) {
      position.set(unit, (p = units.length));
      units.push(unit);
      ranks.push([]);
    }
    ranks[p]!.push(rank);
  });
  const at = (unit: AssemblyUnit<Q>): number => position.get(unit)!;
  const weight = (p: number): number => units[p]!.quotes.length;
  const isShort = (p: number): boolean => units[p]!.length <= options.shortQuoteWords;

  const parent = Int32Array.from(units, (_, p) => p);
  const find = (p: number): number => {
    while (parent[p] !== p) p = parent[p] = parent[parent[p]!]!;
    return p;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  units.forEach((unit, p) => unit.peers.forEach((peer) => union(p, at(peer))));

  // Short quotes join the group that holds most of the quotes they appear in.
  const membersOf = new Map<number, number[]>();
  const size = new Float64Array(units.length);
  units.forEach((_, p) => {
    const root = find(p);
    size[root]! += weight(p);
    let list = membersOf.get(root);
    if (!list) membersOf.set(root, (list = []));
    list.push(p);
  });
  // Groups are visited by increasing root and a merge keeps the smaller root, so a group still its own
  // root when visited holds exactly the wordings it started with: its votes come from the edges of those.
  for (const [root, list] of membersOf) {
    if (!list.every(isShort) || find(root) !== root) continue;
    const votes = new Map<number, number>();
    for (const p of list) {
      for (const outer of units[p]!.outers) {
        const target = find(at(outer));
        // Every pair of quotes of the two wordings is one vote.
        if (target !== root) votes.set(target, (votes.get(target) ?? 0) + weight(p) * outer.quotes.length);
      }
    }
    let best = -1;
    let bestScore = -1;
    for (const [target, count] of votes) {
      const score = count / size[target]! + count;
      if (score > bestScore || (score === bestScore && target < best)) {
        best = target;
        bestScore = score;
      }
    }
    if (best >= 0) union(root, best);
  }

  // A longer quote containing a (not short) member of a group joins that group too, without merging it.
  const containers = new Map<number, Set<number>>();
  units.forEach((unit, p) => {
    if (isShort(p)) return;
    const group = find(p);
    for (const outer of unit.outers) {
      const q = at(outer);
      if (find(q) === group) continue;
      let set = containers.get(group);
      if (!set) containers.set(group, (set = new Set()));
      set.add(q);
    }
  });

  const own = new Map<number, number[]>();
  units.forEach((_, p) => {
    const root = find(p);
    let list = own.get(root);
    if (!list) own.set(root, (list = []));
    list.push(p);
  });
  const quotesOf = (list: Iterable<number>): Q[] =>
    [...list]
      .flatMap((p) => ranks[p]!)
      .sort((a, b) => a - b)
      .map((rank) => tagged[rank]!.quote);
  const result: AssembledGroup<Q>[] = [];
  for (const [root, list] of own) {
    const extra = containers.get(root) ?? new Set<number>();
    const members = quotesOf([...list, ...extra]);
    if (new Set(members.map((q) => q.articleKey)).size < 2) continue;
    // The root is the fullest version; of equally full ones, the first.
    let rootUnit = list[0]!;
    for (const p of list) if (units[p]!.length > units[rootUnit]!.length) rootUnit = p;
    const first = tagged[ranks[root]![0]!]!.quote;
    const group: QuoteGroup = { memberIds: members.map((q) => q.id), rootId: tagged[ranks[rootUnit]![0]!]!.quote.id, containerIds: quotesOf(extra).map((q) => q.id) };
    result.push({ group, members, first });
  }
  return result;
}

/** The group of a wording related to no other: its copies, when they span two articles. */
function copiesGroup<Q extends AssemblyQuote>(quotes: readonly Q[], compare: (a: Q, b: Q) => number): AssembledGroup<Q>[] {
  if (quotes.every((q) => q.articleKey === quotes[0]!.articleKey)) return [];
  const members = [...quotes].sort(compare);
  return [{ group: { memberIds: members.map((q) => q.id), rootId: members[0]!.id, containerIds: [] }, members, first: members[0]! }];
}
