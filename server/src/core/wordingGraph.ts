import { appended } from './appended';
import type { AssemblyQuote, AssemblyUnit } from './groupAssembly';
import { pairOf, PairPostings } from './pairPostings';
import type { GroupingOptions } from './variantGrouper';
import { mayRelate, relateWordings, type Relation, type WordBag } from './wordingRelation';
import { hashWords, sameWords, WordingTable, type Wording } from './wordingTable';
import { WordIds } from './wordIds';

/** One wording (words and elision mark) and every quote of it: the grouper's node. */
export interface Unit<Q extends AssemblyQuote, C> extends AssemblyUnit<Q>, WordBag, Wording {
  /** Whether its word pairs are in the postings (not for a wording over `maxWords`). */
  readonly posted: boolean;
  /** Number of the unit for scratch arrays; reused once the unit is gone. */
  readonly slot: number;
  /** When it was made, and when its relations to every unit present then were found (-1: not yet). */
  readonly born: number;
  relatedAt: number;
  quotes: Q[];
  peers: Array<Unit<Q, C>>;
  outers: Array<Unit<Q, C>>;
  /** Shorter wordings quoted inside this one. */
  inners: Array<Unit<Q, C>>;
  /** The connected set of units it belongs to, kept by the owner of the graph. */
  component: C | undefined;
  removed: boolean;
}

/** `GroupingOptions.maxWords` when not given. */
const MAX_WORDS = 1000;
/** The lists of a unit without any, shared: `appended` never changes a list this short. */
const NONE: never[] = [];

/**
 * The wordings of a set of quotes and how they relate: peers, or one inside another. A unit's relations
 * are found when it is asked to `relate`, against the units sharing a word pair with it (its candidates);
 * a pair is tested once, by whichever of the two is related later. Invariant: a related unit knows its
 * relation to every candidate, so the units reachable from it can be grouped without the others.
 */
export class WordingGraph<Q extends AssemblyQuote, C> {
  private readonly wordIds = new WordIds();
  /** A unit keeps its words as ids only: every wording of the workspace is a unit. */
  private readonly units = new WordingTable<Unit<Q, C>>((unit, words) => this.wordIds.spells(unit.ids, words));
  /** Unit slots by word pair. A list longer than `maxPosting` finds no candidates (a phrase everybody quotes). */
  private readonly postings = new PairPostings();
  private readonly bySlot: Array<Unit<Q, C> | undefined> = [];
  private readonly freeSlots: number[] = [];
  private stamp = new Int32Array(256);
  private epoch = 0;
  private clock = 0;
  private relatedUnits = 0;
  private readonly isStop = (id: number): boolean => this.wordIds.isStop(id);
  /** Units made since the last `settle`. */
  private added: Array<Unit<Q, C>> = [];

  /** `changed` hears of every unit whose quotes or relations change (its component is out of date). */
  constructor(
    private readonly options: GroupingOptions,
    private readonly changed: (unit: Unit<Q, C>) => void,
  ) {}

  /** The unit of a wording, made when new; undefined when no word pair of it can find a candidate. */
  unitFor(words: readonly string[], elided: boolean): Unit<Q, C> | undefined {
    const hash = hashWords(words);
    const existing = this.units.get(words, elided, hash);
    if (existing) return existing;
    const ids = this.wordIds.acquire(words);
    const pairs = this.pairsOf(ids);
    if (pairs.length === 0) {
      this.wordIds.release(ids);
      return undefined;
    }
    const slot = this.freeSlots.pop() ?? this.bySlot.length;
    if (slot >= this.stamp.length) {
      const stamp = new Int32Array(this.stamp.length * 2);
      stamp.set(this.stamp);
      this.stamp = stamp;
    }
    const unit: Unit<Q, C> = {
      elided,
      hash,
      length: words.length,
      ids,
      content: ids.reduce((n, id) => n + (this.wordIds.isStop(id) ? 0 : 1), 0),
      // Not posted, a wording too long to align finds no candidates and is found by none.
      posted: words.length <= (this.options.maxWords ?? MAX_WORDS),
      slot,
      born: ++this.clock,
      relatedAt: -1,
      quotes: NONE,
      peers: NONE,
      outers: NONE,
      inners: NONE,
      component: undefined,
      removed: false,
    };
    this.units.add(unit);
    this.bySlot[slot] = unit;
    if (unit.posted) for (const pair of pairs) this.postings.add(pair, slot);
    const twin = this.units.get(words, !elided, hash);
    if (twin) this.link(unit, twin, 'peer');
    this.added.push(unit);
    return unit;
  }

  /** Whether `unit` is the wording of `words`. */
  spells(unit: Unit<Q, C>, words: readonly string[]): boolean {
    return this.wordIds.spells(unit.ids, words);
  }

  /** Takes a unit (whose last quote is gone) out of the graph. */
  remove(unit: Unit<Q, C>): void {
    this.units.delete(unit);
    unit.removed = true;
    this.changed(unit);
    if (unit.posted) for (const pair of this.pairsOf(unit.ids)) this.postings.remove(pair, unit.slot);
    for (const other of [...unit.peers, ...unit.outers, ...unit.inners]) this.unlink(unit, other);
    if (unit.relatedAt >= 0) this.relatedUnits--;
    this.wordIds.release(unit.ids);
    this.bySlot[unit.slot] = undefined;
    this.freeSlots.push(unit.slot);
  }

  /** Units never related yet. */
  unrelated(): Array<Unit<Q, C>> {
    if (this.relatedUnits === this.units.size) return [];
    return this.bySlot.filter((unit): unit is Unit<Q, C> => unit !== undefined && unit.relatedAt < 0);
  }

  /** Finds the relations of `unit` to every candidate it has not been tested with. */
  relate(unit: Unit<Q, C>): void {
    const epoch = ++this.epoch;
    this.stamp[unit.slot] = epoch;
    const max = this.options.maxPosting;
    const visit = (slot: number): void => {
      if (this.stamp[slot] === epoch) return;
      this.stamp[slot] = epoch;
      const other = this.bySlot[slot]!;
      if (!this.tested(unit, other) && !sameWording(unit, other)) this.relatePair(unit, other);
    };
    if (unit.posted) for (const pair of this.pairsOf(unit.ids)) this.postings.forEachAt(pair, max, visit);
    unit.relatedAt = ++this.clock;
    this.relatedUnits++;
  }

  /**
   * Follows the changes since the last call, keeping the invariant: a posting list that grew past
   * `maxPosting` takes away the relations found only through it; one short again tests the pairs it
   * now makes candidates, and relates an unrelated unit that became a candidate of a related one; so is
   * a new unit with a related candidate. Returns the units it related.
   */
  settle(): Array<Unit<Q, C>> {
    const max = this.options.maxPosting;
    const related: Array<Unit<Q, C>> = [];
    this.postings.takeChanges((pair, before) => {
      const now = this.postings.size(pair);
      if (before > 0 && before <= max && now > max) this.forgetThrough(pair);
      else if (before > max && now > 0 && now <= max) this.relateThrough(pair, related);
    });
    const added = this.added;
    this.added = [];
    if (this.relatedUnits === 0) return related;
    for (const unit of added) {
      if (unit.removed || unit.relatedAt >= 0 || !this.hasRelatedCandidate(unit)) continue;
      this.relate(unit);
      related.push(unit);
    }
    return related;
  }

  /** Whether the pair was tested: by the one related later, if the other was there then. */
  private tested(a: Unit<Q, C>, b: Unit<Q, C>): boolean {
    return a.relatedAt > b.born || b.relatedAt > a.born;
  }

  private hasRelatedCandidate(unit: Unit<Q, C>): boolean {
    if (!unit.posted) return false;
    let found = false;
    const visit = (slot: number): void => {
      if (this.bySlot[slot]!.relatedAt >= 0) found = true;
    };
    for (const pair of this.pairsOf(unit.ids)) {
      this.postings.forEachAt(pair, this.options.maxPosting, visit);
      if (found) return true;
    }
    return false;
  }

  private forgetThrough(pair: number): void {
    for (const unit of this.unitsAt(pair)) {
      for (const other of [...unit.peers, ...unit.outers, ...unit.inners]) {
        if (sameWording(other, unit) || !this.pairsOf(other.ids).includes(pair) || this.shareLivePair(unit, other)) continue;
        this.unlink(unit, other);
      }
    }
  }

  private relateThrough(pair: number, related: Array<Unit<Q, C>>): void {
    const list = this.unitsAt(pair);
    const toRelate = new Set<Unit<Q, C>>();
    list.forEach((unit, i) => {
      for (let j = i + 1; j < list.length; j++) {
        const other = list[j]!;
        if (sameWording(other, unit) || linked(unit, other)) continue;
        if (this.tested(unit, other)) this.relatePair(unit, other);
        else if (unit.relatedAt >= 0) toRelate.add(other);
        else if (other.relatedAt >= 0) toRelate.add(unit);
      }
    });
    for (const unit of toRelate) {
      this.relate(unit);
      related.push(unit);
    }
  }

  private unitsAt(pair: number): Array<Unit<Q, C>> {
    return this.postings.items(pair).map((slot) => this.bySlot[slot]!);
  }

  private shareLivePair(a: Unit<Q, C>, b: Unit<Q, C>): boolean {
    const theirs = new Set(this.pairsOf(b.ids));
    return this.pairsOf(a.ids).some((pair) => theirs.has(pair) && this.postings.size(pair) <= this.options.maxPosting);
  }

  /** The distinct pairs of adjacent words that are not both stop words, sorted. */
  private pairsOf(ids: readonly number[]): number[] {
    const pairs: number[] = [];
    for (let k = 0; k + 1 < ids.length; k++) {
      if (!this.wordIds.isStop(ids[k]!) || !this.wordIds.isStop(ids[k + 1]!)) pairs.push(pairOf(ids[k]!, ids[k + 1]!));
    }
    return sortedDistinct(pairs);
  }

  /**
   * Links two units of different words by how they relate. The shorter is tested inside the longer; two
   * of the same length are tested both ways, peers when either way says so.
   */
  private relatePair(a: Unit<Q, C>, b: Unit<Q, C>): void {
    if (a.length !== b.length) {
      const [short, long] = a.length < b.length ? [a, b] : [b, a];
      const relation = this.test(short, long);
      if (relation) this.link(short, long, relation);
      return;
    }
    // Peers one way make the other test needless (most equal-length candidates are one changed word).
    const ab = this.test(a, b);
    const ba = ab === 'peer' ? undefined : this.test(b, a);
    if (ab === 'peer' || ba === 'peer') this.link(a, b, 'peer');
    else {
      if (ab === 'inside') this.link(a, b, 'inside');
      if (ba === 'inside') this.link(b, a, 'inside');
    }
  }

  private test(short: Unit<Q, C>, long: Unit<Q, C>): Relation | undefined {
    return mayRelate(short, long, this.wordIds, this.options) ? relateWordings(short.ids, long.ids, short.elided, this.options, this.isStop) : undefined;
  }

  /** `relation` of `a` to `b`: peers, or `a` inside `b`. */
  private link(a: Unit<Q, C>, b: Unit<Q, C>, relation: Relation): void {
    if (relation === 'peer') {
      a.peers = appended(a.peers, b);
      b.peers = appended(b.peers, a);
    } else {
      a.outers = appended(a.outers, b);
      b.inners = appended(b.inners, a);
    }
    this.changed(a);
    this.changed(b);
  }

  private unlink(a: Unit<Q, C>, b: Unit<Q, C>): void {
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      removeFrom(x.peers, y);
      removeFrom(x.outers, y);
      removeFrom(x.inners, y);
    }
    this.changed(a);
    this.changed(b);
  }
}

/** `numbers` sorted, without repeats, in place. A quote's few pairs sort fastest by insertion, with no comparator calls. */
function sortedDistinct(numbers: number[]): number[] {
  if (numbers.length > 64) numbers.sort((a, b) => a - b);
  else {
    for (let k = 1; k < numbers.length; k++) {
      const value = numbers[k]!;
      let at = k;
      for (; at > 0 && numbers[at - 1]! > value; at--) numbers[at] = numbers[at - 1]!;
      numbers[at] = value;
    }
  }
  let distinct = 0;
  for (let k = 0; k < numbers.length; k++) if (k === 0 || numbers[k] !== numbers[k - 1]) numbers[distinct++] = numbers[k]!;
  numbers.length = distinct;
  return numbers;
}

/** Units of the same words, with and without an elision mark: peers without a test. */
function sameWording<Q extends AssemblyQuote, C>(a: Unit<Q, C>, b: Unit<Q, C>): boolean {
  return a.hash === b.hash && sameWords(a.ids, b.ids);
}

function linked<Q extends AssemblyQuote, C>(a: Unit<Q, C>, b: Unit<Q, C>): boolean {
  return a.peers.includes(b) || a.outers.includes(b) || a.inners.includes(b);
}

function removeFrom<T>(list: T[], item: T): void {
  const at = list.indexOf(item);
  if (at >= 0) list.splice(at, 1);
}
