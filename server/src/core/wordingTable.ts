/** A wording as the table files it. */
export interface Wording {
  readonly elided: boolean;
  /** `hashWords` of its words. */
  readonly hash: number;
}

/**
 * Wordings by their words and elision mark, found through a hash of the words: no joined string is
 * kept per wording, and a lookup allocates nothing. `spells` tells whether a wording has the words.
 */
export class WordingTable<W extends Wording> {
  private readonly buckets = new Map<number, W | W[]>();
  private count = 0;

  constructor(private readonly spells: (wording: W, words: readonly string[]) => boolean) {}

  get size(): number {
    return this.count;
  }

  get(words: readonly string[], elided: boolean, hash: number): W | undefined {
    const bucket = this.buckets.get(keyOf(hash, elided));
    if (bucket === undefined) return undefined;
    if (!Array.isArray(bucket)) return this.spells(bucket, words) ? bucket : undefined;
    return bucket.find((w) => this.spells(w, words));
  }

  add(wording: W): void {
    this.count++;
    const key = keyOf(wording.hash, wording.elided);
    const bucket = this.buckets.get(key);
    if (bucket === undefined) this.buckets.set(key, wording);
    else if (!Array.isArray(bucket)) this.buckets.set(key, [bucket, wording]);
    else bucket.push(wording);
  }

  delete(wording: W): void {
    this.count--;
    const key = keyOf(wording.hash, wording.elided);
    const bucket = this.buckets.get(key);
    if (!Array.isArray(bucket)) this.buckets.delete(key);
    else if (bucket.length === 2) this.buckets.set(key, bucket[0] === wording ? bucket[1]! : bucket[0]!);
    else bucket.splice(bucket.indexOf(wording), 1);
  }
}

/** FNV-1a over the words' characters, within the small integers a Map keys fastest. */
export function hashWords(words: readonly string[]): number {
  let hash = 0x811c9dc5;
  for (const word of words) {
    for (let k = 0; k < word.length; k++) hash = Math.imul(hash ^ word.charCodeAt(k), 16777619);
    hash = Math.imul(hash ^ 32, 16777619);
  }
  return hash & 0x1fffffff;
}

export function sameWords<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

function keyOf(hash: number, elided: boolean): number {
  return hash * 2 + (elided ? 1 : 0);
}
