import { assembleGroups, type AssembledGroup } from './groupAssembly';
import type { GroupableQuote, GroupingOptions, QuoteGroup } from './variantGrouper';
import { appended } from './appended';
import { WordingGraph, type Unit as GraphUnit } from './wordingGraph';
import { sameWords } from './wordingTable';

/** A quote as the index holds it: where it is (for the order of members) and its wording. */
interface Entry {
  readonly id: string;
  readonly articleKey: string;
  /** The words of a quote without a unit (a unit holds its wording's words). */
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

type Unit = GraphUnit<Entry, Component>;

/** Related units connected by relations: the groups of one never depend on another's. */
interface Component {
  units: readonly Unit[];
  groups: AssembledGroup<Entry>[] | undefined;
  /** How many of its quotes are in some group, once assembled. */
  grouped?: number;
}

const NO_GROUPS: never[] = [];
const NO_WORDS: readonly string[] = [];

/**
 * The variant groups of a changing set of quotes, kept across changes. Quotes come document by document
 * and a change touches only the changed quotes' wordings: their postings, their relations to the
 * wordings they share a word pair with, and the connected sets of wordings around them, whose groups are
 * assembled again when asked for. Relations are found lazily too: `groupsOf` relates only the wordings
 * connected to the quote asked about, so the first hover after indexing a workspace does not align it
 * all. After any sequence of changes and reads the groups equal those of a fresh index over the same
 * quotes (see `groupQuotes`).
 *
 * Quotes are ordered by document key, then by their place in the document's list; that order decides
 * the order of members and of groups, and which of equally full versions is the root.
 */
export class GroupingIndex {
  private readonly docs = new Map<string, DocEntry>();
  private readonly byId = new Map<string, Entry>();
  private readonly graph: WordingGraph<Entry, Component>;
  private readonly components = new Set<Component>();
  /** Components whose units' quotes or relations changed since they were made. */
  private readonly dirty = new Set<Component>();
  private visited = new Int32Array(256);
  private visits = 0;
  private ordered: QuoteGroup[] | undefined;
  /** What `prepare` has still to relate, from the last list of unrelated wordings. */
  private unrelatedLeft: Unit[] | undefined;
  /** Units related while settling changes, still to place in components. */
  private related: Unit[] = [];
  private readonly compare = (a: Entry, b: Entry): number => (a.doc === b.doc ? a.position - b.position : a.doc.key < b.doc.key ? -1 : 1);

  constructor(private readonly options: GroupingOptions) {
    this.graph = new WordingGraph<Entry, Component>(options, (unit) => this.markDirty(unit));
  }

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
      if (!entry || kept.has(entry) || !this.sameQuote(entry, quote)) return this.addEntry(doc, quote, position);
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
    // Settled per document, the work of a change is that document's, whatever reads come later.
    this.related.push(...this.graph.settle());
  }

  /** Every variant group, in the order of each group's first quote. Relates every wording not related yet. */
  groups(): readonly QuoteGroup[] {
    this.update(this.graph.unrelated());
    if (!this.ordered) {
      const all: AssembledGroup<Entry>[] = [];
      for (const component of this.components) all.push(...this.assembled(component));
      all.sort((a, b) => this.compare(a.first, b.first));
      this.ordered = all.map((g) => g.group);
    }
    return this.ordered;
  }

  /**
   * Relates up to `limit` wordings not related yet (with the components they reach), else assembles up
   * to `limit` components' groups; true when every group is made. For idle time: `groups()` and
   * `groupCount()` do all of it at once (0.6 s at 10,000 articles).
   */
  prepare(limit: number): boolean {
    this.unrelatedLeft = this.unrelatedLeft?.length ? this.unrelatedLeft : this.graph.unrelated();
    if (this.unrelatedLeft.length > 0) {
      const slice = this.unrelatedLeft.splice(-limit).filter((unit) => !unit.removed && unit.relatedAt < 0);
      this.update(slice);
      return false;
    }
    let left = limit;
    for (const component of this.components) {
      if (component.groups) continue;
      if (left-- <= 0) return false;
      this.assembled(component);
    }
    return true;
  }

  /** How many quotes are in some group (every group is made first). */
  groupedCount(): number {
    this.groups();
    let count = 0;
    for (const component of this.components) count += component.grouped!;
    return count;
  }

  /** A test of whether a quote is in some group, valid until the next change (every group is made first). */
  groupedTest(): (id: string) => boolean {
    this.groups();
    return (id) => (this.byId.get(id)?.groups.length ?? 0) > 0;
  }

  /** How many groups `groups()` has, without ordering them all. */
  groupCount(): number {
    this.update(this.graph.unrelated());
    let count = 0;
    for (const component of this.components) count += this.assembled(component).length;
    return count;
  }

  /** The groups quote `id` is a member of (a compound quote may be in several); empty when none. */
  groupsOf(id: string): readonly QuoteGroup[] {
    const unit = this.byId.get(id)?.unit;
    this.update(unit && !unit.component ? [unit] : []);
    const entry = this.byId.get(id);
    if (!entry?.unit) return NO_GROUPS;
    this.assembled(entry.unit.component!);
    return entry.groups;
  }

  private assembled(component: Component): AssembledGroup<Entry>[] {
    if (component.groups) return component.groups;
    const groups = assembleGroups(component.units, this.compare, this.options);
    for (const unit of component.units) for (const entry of unit.quotes) entry.groups = NO_GROUPS;
    let grouped = 0;
    for (const { group, members } of groups) {
      // Most quotes are in one group: they share its one-item list (`appended` copies a list that short).
      const only = [group];
      for (const entry of members) {
        if (entry.groups.length === 0) grouped++;
        entry.groups = entry.groups.length === 0 ? only : appended(entry.groups, group);
      }
    }
    component.groups = groups;
    component.grouped = grouped;
    return groups;
  }

  private addEntry(doc: DocEntry, quote: GroupableQuote, position: number): Entry {
    const unit = quote.words.length >= 2 ? this.graph.unitFor(quote.words, quote.elided) : undefined;
    const entry: Entry = { id: quote.id, articleKey: quote.articleKey, words: unit ? NO_WORDS : quote.words, elided: quote.elided, doc, position, unit, slot: 0, groups: NO_GROUPS };
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
    if (unit.quotes.length === 0) this.graph.remove(unit);
    else this.markDirty(unit);
  }

  private markDirty(unit: Unit): void {
    if (unit.component) this.dirty.add(unit.component);
    this.ordered = undefined;
  }

  /**
   * Brings relations and components up to date with the changes since the last read, and gives
   * `wanted` (and every unit connected to them) a component. Every unit reached is related first, so a
   * component is built only of units that know all their relations.
   */
  private update(wanted: readonly Unit[]): void {
    const pending = [...wanted, ...this.related];
    this.related = [];
    if (pending.length === 0 && this.dirty.size === 0) return;
    const visit = ++this.visits;
    const reached: Unit[] = [];
    // Relating a unit may link it to a unit of a component built before: that one is remade too.
    while (pending.length > 0 || this.dirty.size > 0) {
      for (const component of this.dirty) this.dissolve(component, pending);
      this.dirty.clear();
      const unit = pending.pop();
      if (!unit || unit.removed || this.visited[unit.slot] === visit) continue;
      if (unit.slot >= this.visited.length) this.growVisited(unit.slot);
      this.visited[unit.slot] = visit;
      if (unit.relatedAt < 0) this.graph.relate(unit);
      reached.push(unit);
      pending.push(...unit.peers, ...unit.outers, ...unit.inners);
    }
    for (const seed of reached) {
      if (seed.component) continue;
      const units = [seed];
      const component: Component = { units, groups: undefined };
      seed.component = component;
      for (let k = 0; k < units.length; k++) {
        for (const other of [...units[k]!.peers, ...units[k]!.outers, ...units[k]!.inners]) {
          if (other.component) continue;
          other.component = component;
          units.push(other);
        }
      }
      // An exact copy: the list lives as long as the component.
      component.units = units.length > 1 ? units.slice() : units;
      this.components.add(component);
    }
    this.ordered = undefined;
  }

  /** Forgets a component, putting its units back among those to place. */
  private dissolve(component: Component, pending: Unit[]): void {
    if (!this.components.delete(component)) return;
    for (const unit of component.units) {
      unit.component = undefined;
      pending.push(unit);
    }
  }

  /** Whether an entry is `quote` as it was given. */
  private sameQuote(entry: Entry, quote: GroupableQuote): boolean {
    if (entry.articleKey !== quote.articleKey || entry.elided !== quote.elided) return false;
    return entry.unit ? this.graph.spells(entry.unit, quote.words) : sameWords(entry.words, quote.words);
  }

  private growVisited(slot: number): void {
    const visited = new Int32Array(Math.max(slot + 1, this.visited.length * 2));
    visited.set(this.visited);
    this.visited = visited;
  }
}
