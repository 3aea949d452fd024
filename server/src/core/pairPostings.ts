import { appended } from './appended';

const EMPTY = -1;
/** A list index as a value: -2, -3, … (-1 is an emptied entry). */
const listValue = (index: number): number => -2 - index;
/** Word ids below this bound pair into one exact number (see `pairOf`). */
const PAIR_BASE = 0x4000000;

/** Two adjacent word ids as one number. */
export function pairOf(first: number, second: number): number {
  return first * PAIR_BASE + second;
}

/**
 * Item numbers by word pair: an inverted index that lives as long as the grouping index, so it is kept
 * in typed arrays (an open-addressing table, linear probing) rather than a Map of boxed number keys.
 * Most pairs hold one item, stored in place; longer lists live in `lists`. It also remembers how long
 * each list was before the changes since the last `takeChanges`.
 */
export class PairPostings {
  private keys: Float64Array;
  /** The item itself (≥ 0), `EMPTY`, or `listValue` of its list's index in `lists`. */
  private values: Int32Array;
  private used = 0;
  private readonly lists: number[][] = [];
  private readonly freeLists: number[] = [];
  /**
   * The pairs changed since the last `takeChanges`, with their lists' lengths before: a few at a time,
   * so kept apart rather than in a third array as long as the table.
   */
  private touched = new Map<number, number>();

  /** `capacity`: the table's first size, a power of two; it doubles when three quarters full. */
  constructor(capacity = 1024) {
    this.keys = new Float64Array(capacity).fill(EMPTY);
    this.values = new Int32Array(capacity);
  }

  add(pair: number, item: number): void {
    let at = this.find(pair);
    if (at < 0) {
      if ((this.used + 1) * 4 > this.keys.length * 3) this.resize(this.keys.length * 2);
      at = this.slotFor(pair);
      this.keys[at] = pair;
      this.values[at] = item;
      this.used++;
      this.touch(at, 0);
      return;
    }
    this.touch(at, this.sizeAt(at));
    const value = this.values[at]!;
    if (value === EMPTY) this.values[at] = item;
    else if (value >= 0) {
      const index = this.freeLists.pop() ?? this.lists.length;
      this.lists[index] = [value, item];
      this.values[at] = listValue(index);
    } else {
      const index = listValue(value);
      this.lists[index] = appended(this.lists[index]!, item);
    }
  }

  /** Takes `item` off `pair`'s list; an emptied entry stays until `takeChanges`, which reports it. */
  remove(pair: number, item: number): void {
    const at = this.find(pair);
    this.touch(at, this.sizeAt(at));
    const value = this.values[at]!;
    if (value >= 0) {
      this.values[at] = EMPTY;
      return;
    }
    const list = this.lists[listValue(value)]!;
    list[list.indexOf(item)] = list[list.length - 1]!;
    list.pop();
    if (list.length > 1) return;
    this.values[at] = list[0]!;
    this.freeLists.push(listValue(value));
  }

  size(pair: number): number {
    const at = this.find(pair);
    return at < 0 ? 0 : this.sizeAt(at);
  }

  /** Calls `visit` on each item of `pair`, unless there are more than `max`. */
  forEachAt(pair: number, max: number, visit: (item: number) => void): void {
    const at = this.find(pair);
    if (at < 0) return;
    const value = this.values[at]!;
    if (value >= 0) visit(value);
    else if (value !== EMPTY && this.lists[listValue(value)]!.length <= max) this.lists[listValue(value)]!.forEach(visit);
  }

  items(pair: number): number[] {
    const at = this.find(pair);
    if (at < 0 || this.values[at] === EMPTY) return [];
    const value = this.values[at]!;
    return value >= 0 ? [value] : [...this.lists[listValue(value)]!];
  }

  /** Calls `visit` on each pair whose list changed since the last call, with its length before; drops emptied ones. */
  takeChanges(visit: (pair: number, before: number) => void): void {
    const touched = this.touched;
    this.touched = new Map();
    for (const [pair, before] of touched) {
      const at = this.find(pair);
      if (this.values[at] === EMPTY) this.delete(at);
      visit(pair, before);
    }
  }

  private sizeAt(at: number): number {
    const value = this.values[at]!;
    return value === EMPTY ? 0 : value >= 0 ? 1 : this.lists[listValue(value)]!.length;
  }

  private touch(at: number, size: number): void {
    const pair = this.keys[at]!;
    if (!this.touched.has(pair)) this.touched.set(pair, size);
  }

  private home(pair: number): number {
    const first = Math.floor(pair / PAIR_BASE);
    return (Math.imul(first, 0x9e3779b1) ^ Math.imul(pair - first * PAIR_BASE, 0x85ebca6b)) & (this.keys.length - 1);
  }

  private find(pair: number): number {
    const mask = this.keys.length - 1;
    for (let at = this.home(pair); ; at = (at + 1) & mask) {
      if (this.keys[at] === pair) return at;
      if (this.keys[at] === EMPTY) return -1;
    }
  }

  private slotFor(pair: number): number {
    const mask = this.keys.length - 1;
    let at = this.home(pair);
    while (this.keys[at] !== EMPTY) at = (at + 1) & mask;
    return at;
  }

  /** Empties slot `at`, moving later entries of its probe run back so that every lookup still finds them. */
  private delete(at: number): void {
    const mask = this.keys.length - 1;
    this.used--;
    let hole = at;
    for (let next = (hole + 1) & mask; this.keys[next] !== EMPTY; next = (next + 1) & mask) {
      const home = this.home(this.keys[next]!);
      // The entry at `next` may fill the hole when its home is not in (hole, next], cyclically.
      if (hole <= next ? home > hole && home <= next : home > hole || home <= next) continue;
      this.keys[hole] = this.keys[next]!;
      this.values[hole] = this.values[next]!;
      hole = next;
    }
    this.keys[hole] = EMPTY;
  }

  private resize(capacity: number): void {
    const { keys, values } = this;
    this.keys = new Float64Array(capacity).fill(EMPTY);
    this.values = new Int32Array(capacity);
    keys.forEach((pair, from) => {
      if (pair === EMPTY) return;
      const at = this.slotFor(pair);
      this.keys[at] = pair;
      this.values[at] = values[from]!;
    });
  }
}
