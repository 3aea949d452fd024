import { assembleGroups, type AssembledGroup, type AssemblyUnit } from './groupAssembly';
import { pairOf, PairPostings } from './pairPostings';
import type { GroupableQuote, GroupingOptions, QuoteGroup } from './variantGrouper';
import { mayRelate, relateWordings, type Relation, type WordBag } from './wordingRelation';
import { hashWords, sameWords, WordingTable, type Wording } from './wordingTable';
import { WordIds } from './wordIds';

/** A quote as the index holds it: where it is (for the order of members) and its wording. */
interface Entry {
  readonly id: string;
  readonly articleKey: string;
  readonly words: readonly string[];
  readonly elided: boolean;
  readonly doc: DocEntry;
  position: number;
  /** Undefined for a quote that can take part in no group (under two words, or only stop words). */
  readonly unit: Unit | undefined;
  /** Where the entry is in `unit.quotes`. */
  slot: number;
  /** The groups it is a member of, once its unit's component is assembled. */
  groups: QuoteGroup[];
}

interface DocEntry {
  readonly key: string;
  entries: Entry[];
}

const enum UnitState {
  /** Its relations to every other settled unit are known. */
  Settled,
  /** Added since the last read: relations still to find. */
  New,
  /** Added since the last read, relations found: pairs with it are done. */
  Related,
}

/** One wording (words and elision mark) and every quote of it: the grouper's node. */
interface Unit extends AssemblyUnit<Entry>, WordBag, Wording {
  /** `ids` are held from `wordIds`. */
  /** Whether the unit's word pairs are in the postings (not for a wording over `maxWords`). */
  readonly posted: boolean;
  /** Number of the unit for scratch arrays; reused once the unit is gone. */
  readonly slot: number;
  quotes: Entry[];
  peers: Unit[];
  outers: Unit[];
  /** Shorter wordings quoted inside this one. */
  inners: Unit[];
  component: Component | undefined;
  state: UnitState;
  /** The word pairs, kept from making the unit until its relations are found. */
  fresh: number[] | undefined;
  removed: boolean;
}

/** Units connected by relations: the groups of one never depend on another's. */
interface Component {
  units: readonly Unit[];
  groups: AssembledGroup<Entry>[] | undefined;
}

/** `GroupingOptions.maxWords` when not given. */
const MAX_WORDS = 1000;
/** The lists of a unit without any, shared: `appended` never changes a list this short. */
const NONE: never[] = [];

/**
 * The variant groups of a changing set of quotes, kept across changes. Quotes come document by document
 * and a change touches only the changed quotes' wordings: their postings, their relations to the
 * wordings they share a word pair with, and the connected sets of wordings around them, whose groups are
 * assembled again when asked for. After any sequence of changes the groups equal those of a fresh index
 * over the same quotes (see `groupQuotes`).
 *
 * Quotes are ordered by document key, then by their place in the document's list; that order decides
 * the order of members and of groups, and which of equally full versions is the root.
 */
export class GroupingIndex {
  private readonly docs = new Map<string, DocEntry>();
  private readonly byId = new Map<string, Entry>();
  private readonly units = new WordingTable<Unit>();
  private readonly wordIds = new WordIds();
  /** Unit slots by word pair. A list longer than `maxPosting` finds no candidates (a phrase everybody quotes). */
  private readonly postings = new PairPostings();
  private readonly bySlot: Array<Unit | undefined> = [];
  private readonly freeSlots: number[] = [];
  private slots = 0;
  private stamp = new Int32Array(256);
  private epoch = 0;
  private readonly components = new Set<Component>();
  // Work left by the changes since the last read: units to relate, components to rebuild, units
  // without one.
  private added: Unit[] = [];
  private readonly dirty = new Set<Component>();
  private homeless: Unit[] = [];
  private ordered: QuoteGroup[] | undefined;
  private readonly compare = (a: Entry, b: Entry): number => (a.doc === b.doc ? a.position - b.position : a.doc.key < b.doc.key ? -1 : 1);

  constructor(private readonly options: GroupingOptions) {}

  /** Replaces the quotes of document `key` (in document order); no quotes removes the document. */
  setDocument(key: string, quotes: readonly GroupableQuote[]): void {
    const doc = this.docs.get(key) ?? { key, entries: [] };
    const previous = new Map<string, Entry>();
    for (const entry of doc.entries) previous.set(entry.id, entry);
    const kept = new Set<Entry>();
    let lastPosition = -1;
    let reordered = false;
    const entries = quotes.map((quote, position) => {
      const entry = previous.get(quote.id);
      if (!entry || kept.has(entry) || !sameQuote(entry, quote)) return this.addEntry(doc, quote, position);
      kept.add(entry);
      if (entry.position < lastPosition) reordered = true;
      lastPosition = entry.position;
      entry.position = position;
      return entry;
    });
    let changed = reordered || entries.length !== kept.size;
    for (const entry of doc.entries) {
      if (kept.has(entry)) continue;
      this.removeEntry(entry);
      changed = true;
    }
    if (reordered) for (const entry of kept) if (entry.unit) this.markDirty(entry.unit);
    doc.entries = entries;
    if (entries.length > 0) this.docs.set(key, doc);
    else this.docs.delete(key);
    if (changed) this.ordered = undefined;
  }

  /** Every variant group, in the order of each group's first quote. */
  groups(): readonly QuoteGroup[] {
    this.update();
    if (!this.ordered) {
      const all: AssembledGroup<Entry>[] = [];
      for (const component of this.components) all.push(...this.assembled(component));
      all.sort((a, b) => this.compare(a.first, b.first));
      this.ordered = all.map((g) => g.group);
    }
    return this.ordered;
  }

  /** The groups quote `id` is a member of (a compound quote may be in several); empty when none. */
  groupsOf(id: string): readonly QuoteGroup[] {
    this.update();
    const entry = this.byId.get(id);
    if (!entry?.unit) return NONE;
    this.assembled(entry.unit.component!);
    return entry.groups;
  }

  /** The words quote `id` was given with. */
  wordsOf(id: string): readonly string[] | undefined {
    return this.byId.get(id)?.words;
  }

  private assembled(component: Component): AssembledGroup<Entry>[] {
    if (component.groups) return component.groups;
    const groups = assembleGroups(component.units, this.compare, this.options);
    for (const unit of component.units) for (const entry of unit.quotes) entry.groups = NONE;
    for (const { group, members } of groups) for (const entry of members) entry.groups = appended(entry.groups, group);
    component.groups = groups;
    return groups;
  }

  private addEntry(doc: DocEntry, quote: GroupableQuote, position: number): Entry {
    const unit = quote.words.length >= 2 ? this.unitFor(quote.words, quote.elided) : undefined;
    // The unit's words are the same: one list for every copy of a quote.
    const entry: Entry = { id: quote.id, articleKey: quote.articleKey, words: unit?.words ?? quote.words, elided: quote.elided, doc, position, unit, slot: 0, groups: NONE };
    this.byId.set(quote.id, entry);
    if (unit) {
      entry.slot = unit.quotes.length;
      unit.quotes = appended(unit.quotes, entry);
      this.markDirty(unit);
    }
    return entry;
  }

  private removeEntry(entry: Entry): void {
    if (this.byId.get(entry.id) === entry) this.byId.delete(entry.id);
    const unit = entry.unit;
    if (!unit) return;
    const last = unit.quotes.pop()!;
    if (last !== entry) {
      unit.quotes[entry.slot] = last;
      last.slot = entry.slot;
    }
    if (unit.quotes.length === 0) this.removeUnit(unit);
    else this.markDirty(unit);
  }

  /** The unit of a wording, made when new; undefined when no word pair of it can find a candidate. */
  private unitFor(words: readonly string[], elided: boolean): Unit | undefined {
    const hash = hashWords(words);
    const existing = this.units.get(words, elided, hash);
    if (existing) return existing;
    const ids = this.wordIds.acquire(words);
    const pairs = this.pairsOf(ids);
    if (pairs.length === 0) {
      this.wordIds.release(ids);
      return undefined;
    }
    const slot = this.freeSlots.pop() ?? this.slots++;
    if (slot >= this.stamp.length) {
      const stamp = new Int32Array(this.stamp.length * 2);
      stamp.set(this.stamp);
      this.stamp = stamp;
    }
    const unit: Unit = {
      words,
      elided,
      hash,
      length: words.length,
      ids,
      content: ids.reduce((n, id) => n + (this.wordIds.isStop(id) ? 0 : 1), 0),
      // Not posted, a wording too long to align finds no candidates and is found by none.
      posted: words.length <= (this.options.maxWords ?? MAX_WORDS),
      slot,
      quotes: NONE,
      peers: NONE,
      outers: NONE,
      inners: NONE,
      component: undefined,
      state: UnitState.New,
      fresh: pairs,
      removed: false,
    };
    this.units.add(unit);
    this.bySlot[slot] = unit;
    if (unit.posted) for (const pair of pairs) this.postings.add(pair, slot);
    const twin = this.units.get(words, !elided, hash);
    if (twin) this.link(unit, twin, 'peer');
    this.added.push(unit);
    this.homeless.push(unit);
    return unit;
  }

  private removeUnit(unit: Unit): void {
    this.units.delete(unit);
    unit.removed = true;
    this.markDirty(unit);
    if (unit.posted) for (const pair of this.pairsOf(unit.ids)) this.postings.remove(pair, unit.slot);
    for (const other of [...unit.peers, ...unit.outers, ...unit.inners]) this.unlink(unit, other);
    this.wordIds.release(unit.ids);
    this.bySlot[unit.slot] = undefined;
    this.freeSlots.push(unit.slot);
  }

  /** The distinct pairs of adjacent words that are not both stop words, sorted. */
  private pairsOf(ids: readonly number[]): number[] {
    const pairs: number[] = [];
    for (let k = 0; k + 1 < ids.length; k++) {
      if (!this.wordIds.isStop(ids[k]!) || !this.wordIds.isStop(ids[k + 1]!)) pairs.push(pairOf(ids[k]!, ids[k + 1]!));
    }
    pairs.sort((a, b) => a - b);
    let distinct = 0;
    for (let k = 0; k < pairs.length; k++) if (k === 0 || pairs[k] !== pairs[k - 1]) pairs[distinct++] = pairs[k]!;
    pairs.length = distinct;
    return pairs;
  }

  private markDirty(unit: Unit): void {
    if (unit.component) this.dirty.add(unit.component);
    this.ordered = undefined;
  }

  /** Brings relations and components up to date with the changes since the last read. */
  private update(): void {
    this.relateChanges();
    if (this.dirty.size === 0 && this.homeless.length === 0) return;
    const seeds = this.homeless;
    this.homeless = [];
    for (const component of this.dirty) {
      this.components.delete(component);
      for (const unit of component.units) {
        unit.component = undefined;
        seeds.push(unit);
      }
    }
    this.dirty.clear();
    for (const seed of seeds) {
      if (seed.removed || seed.component) continue;
      const units = [seed];
      const component: Component = { units, groups: undefined };
      seed.component = component;
      for (let k = 0; k < units.length; k++) {
        const unit = units[k]!;
        this.reach(unit.peers, component, units);
        this.reach(unit.outers, component, units);
        this.reach(unit.inners, component, units);
      }
      // An exact copy: the list lives as long as the component.
      component.units = units.length > 1 ? units.slice() : units;
      this.components.add(component);
    }
    this.ordered = undefined;
  }

  private reach(neighbours: readonly Unit[], component: Component, units: Unit[]): void {
    for (const unit of neighbours) {
      if (unit.component) continue;
      unit.component = component;
      units.push(unit);
    }
  }

  /**
   * Relates each new unit to the units it shares a live word pair with, and follows the posting lists
   * whose length crossed `maxPosting`: pairs of older units found only through a list now too long lose
   * their relation, and those of a list short again are compared.
   */
  private relateChanges(): void {
    const max = this.options.maxPosting;
    for (const { pair, before } of this.postings.takeChanges()) {
      const now = this.postings.size(pair);
      if (before > 0 && before <= max && now > max) this.forgetThrough(pair);
      else if (before > max && now > 0 && now <= max) this.relateThrough(pair);
    }
    for (const unit of this.added) {
      if (unit.removed) continue;
      const epoch = ++this.epoch;
      this.stamp[unit.slot] = epoch;
      const visit = (slot: number): void => {
        if (this.stamp[slot] === epoch) return;
        this.stamp[slot] = epoch;
        const other = this.bySlot[slot]!;
        if (other.state !== UnitState.Related && !sameWording(other, unit)) this.relate(unit, other);
      };
      if (unit.posted) for (const pair of unit.fresh!) this.postings.forEachAt(pair, max, visit);
      unit.state = UnitState.Related;
      unit.fresh = undefined;
    }
    for (const unit of this.added) unit.state = UnitState.Settled;
    this.added = [];
  }

  private forgetThrough(pair: number): void {
    for (const unit of this.unitsAt(pair)) {
      if (unit.state !== UnitState.Settled) continue;
      for (const other of [...unit.peers, ...unit.outers, ...unit.inners]) {
        if (other.state !== UnitState.Settled || sameWording(other, unit) || !this.pairsOf(other.ids).includes(pair) || this.shareLivePair(unit, other)) continue;
        this.unlink(unit, other);
      }
    }
  }

  private relateThrough(pair: number): void {
    const list = this.unitsAt(pair).filter((unit) => unit.state === UnitState.Settled);
    list.forEach((unit, i) => {
      for (let j = i + 1; j < list.length; j++) {
        const other = list[j]!;
        if (!sameWording(other, unit) && !linked(unit, other)) this.relate(unit, other);
      }
    });
  }

  private unitsAt(pair: number): Unit[] {
    return this.postings.items(pair).map((slot) => this.bySlot[slot]!);
  }

  private shareLivePair(a: Unit, b: Unit): boolean {
    const theirs = new Set(this.pairsOf(b.ids));
    return this.pairsOf(a.ids).some((pair) => theirs.has(pair) && this.postings.size(pair) <= this.options.maxPosting);
  }

  /**
   * Links two units of different words by how they relate. The shorter is tested inside the longer; two
   * of the same length are tested both ways, peers when either way says so.
   */
  private relate(a: Unit, b: Unit): void {
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

  private test(short: Unit, long: Unit): Relation | undefined {
    return mayRelate(short, long, this.wordIds, this.options) ? relateWordings(short.words, long.words, short.elided, this.options) : undefined;
  }

  /** `relation` of `a` to `b`: peers, or `a` inside `b`. */
  private link(a: Unit, b: Unit, relation: Relation): void {
    if (relation === 'peer') {
      a.peers = appended(a.peers, b);
      b.peers = appended(b.peers, a);
    } else {
      a.outers = appended(a.outers, b);
      b.inners = appended(b.inners, a);
    }
    this.markDirty(a);
    this.markDirty(b);
  }

  private unlink(a: Unit, b: Unit): void {
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      removeFrom(x.peers, y);
      removeFrom(x.outers, y);
      removeFrom(x.inners, y);
    }
    this.markDirty(a);
    this.markDirty(b);
  }
}

/**
 * `list` with `item` at the end. Most lists here hold one to three items, and a push would reserve room
 * for seventeen: short lists are copied to their exact size instead.
 */
function appended<T>(list: T[], item: T): T[] {
  if (list.length >= 16) {
    list.push(item);
    return list;
  }
  return list.concat([item]);
}

function sameQuote(entry: Entry, quote: GroupableQuote): boolean {
  return entry.articleKey === quote.articleKey && entry.elided === quote.elided && entry.words.length === quote.words.length && entry.words.every((w, k) => w === quote.words[k]);
}

/** Units of the same words, with and without an elision mark: peers without a test. */
function sameWording(a: Unit, b: Unit): boolean {
  return a.hash === b.hash && sameWords(a.words, b.words);
}

function linked(a: Unit, b: Unit): boolean {
  return a.peers.includes(b) || a.outers.includes(b) || a.inners.includes(b);
}

function removeFrom(list: Unit[], unit: Unit): void {
  const at = list.indexOf(unit);
  if (at >= 0) list.splice(at, 1);
}
