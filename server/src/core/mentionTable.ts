import type { ActorMention, MentionVia } from './actorFinder';
import { detachedString, type HoldsStrings } from './detachedCopy';

const VIAS: readonly MentionVia[] = ['name', 'title', 'surname', 'first-name', 'place', 'capital', 'description', 'alias', 'typo', 'organization'];
const VIA_CODE = new Map(VIAS.map((via, code) => [via, code]));
/** Int32 fields per row: start, end, actor (string id), text (string id), article index × 16 + via code. */
const FIELDS = 5;

/**
 * A story's actor mentions, in order of their start, kept as rows of one `Int32Array` with the names and
 * texts once each in a list: a story of a few hundred mentions is one array, not an object and a list
 * slot per mention (72 + 8 bytes each, then 20). Rows are read through the accessors, which make
 * nothing; `at` and iteration make the mention object on demand.
 */
export class MentionTable implements Iterable<ActorMention>, HoldsStrings {
  static readonly EMPTY = new MentionTable(new Int32Array(0), []);

  private constructor(
    private readonly rows: Int32Array,
    private readonly strings: readonly string[],
  ) {}

  /** The table of `mentions`, which must be sorted by start and not overlap (as the analysis makes them). */
  static of(mentions: Iterable<ActorMention>): MentionTable {
    const list = Array.isArray(mentions) ? (mentions as readonly ActorMention[]) : [...mentions];
    if (list.length === 0) return MentionTable.EMPTY;
    const strings: string[] = [];
    const ids = new Map<string, number>();
    const idOf = (s: string): number => {
      let id = ids.get(s);
      if (id === undefined) {
        id = strings.length;
        strings.push(s);
        ids.set(s, id);
      }
      return id;
    };
    const rows = new Int32Array(list.length * FIELDS);
    list.forEach((m, i) => {
      const at = i * FIELDS;
      rows[at] = m.start;
      rows[at + 1] = m.end;
      rows[at + 2] = idOf(m.actor);
      rows[at + 3] = idOf(m.text);
      rows[at + 4] = m.articleIndex * 16 + VIA_CODE.get(m.via)!;
    });
    return new MentionTable(rows, strings);
  }

  /** See `detachStrings`: the names and texts no longer point into the story's text. */
  detachStrings(): void {
    const strings = this.strings as string[];
    for (let i = 0; i < strings.length; i++) strings[i] = detachedString(strings[i]!);
  }

  get length(): number {
    return this.rows.length / FIELDS;
  }

  start(i: number): number {
    return this.rows[i * FIELDS]!;
  }

  end(i: number): number {
    return this.rows[i * FIELDS + 1]!;
  }

  actor(i: number): string {
    return this.strings[this.rows[i * FIELDS + 2]!]!;
  }

  text(i: number): string {
    return this.strings[this.rows[i * FIELDS + 3]!]!;
  }

  via(i: number): MentionVia {
    return VIAS[this.rows[i * FIELDS + 4]! & 15]!;
  }

  articleIndex(i: number): number {
    return this.rows[i * FIELDS + 4]! >> 4;
  }

  /** Mention `i` as an object of its own. */
  at(i: number): ActorMention {
    return { start: this.start(i), end: this.end(i), actor: this.actor(i), text: this.text(i), via: this.via(i), articleIndex: this.articleIndex(i) };
  }

  *[Symbol.iterator](): Iterator<ActorMention> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }

  /** The mention that holds `offset` (its end included), found by binary search; undefined when none. */
  mentionAt(offset: number): ActorMention | undefined {
    let low = 0;
    let high = this.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (this.end(mid) < offset) low = mid + 1;
      else if (this.start(mid) > offset) high = mid - 1;
      else if (!(this.start(mid) <= offset && offset <= this.end(mid))) return undefined; // NaN
      else {
        // Mentions touch at most end to start: the earlier one holds an offset on their border.
        return this.at(mid > 0 && this.end(mid - 1) === offset ? mid - 1 : mid);
      }
    }
    return undefined;
  }

  /** The first mention of `actor`, among those `via` accepts (all by default); undefined when none. */
  firstOf(actor: string, via: (how: MentionVia) => boolean = () => true): ActorMention | undefined {
    const i = this.rowsOf(actor).find((row) => via(this.via(row)));
    return i === undefined ? undefined : this.at(i);
  }

  /** Adds to `counts` how often each text names `actor`. */
  countForms(actor: string, counts: Map<string, number>): void {
    for (const i of this.rowsOf(actor)) counts.set(this.text(i), (counts.get(this.text(i)) ?? 0) + 1);
  }

  /** Every mention of `actor`, in order. */
  mentionsOf(actor: string): ActorMention[] {
    return this.rowsOf(actor).map((i) => this.at(i));
  }

  /** The rows of `actor`'s mentions, in order. */
  private rowsOf(actor: string): number[] {
    const id = this.strings.indexOf(actor);
    const rows: number[] = [];
    if (id >= 0) for (let i = 0; i < this.length; i++) if (this.rows[i * FIELDS + 2] === id) rows.push(i);
    return rows;
  }

  /** The mentions in article `index`, in order. */
  inArticle(index: number): ActorMention[] {
    const out: ActorMention[] = [];
    for (let i = 0; i < this.length; i++) if (this.articleIndex(i) === index) out.push(this.at(i));
    return out;
  }
}
