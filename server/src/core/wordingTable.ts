/** A wording as the table files it. */
export interface Wording {
  readonly words: readonly string[];
  readonly elided: boolean;
  /** `hashWords(words)`. */
  readonly hash: number;
}

/**
 * Wordings by their words and elision mark, found through a hash of the words: no joined string is
 * kept per wording, and a lookup allocates nothing.
 */
export class WordingTable<W extends Wording> {
  private readonly buckets = new Map<number, W | W[]>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(words: readonly string[], elided: boolean, hash: number): W | undefined {
    const bucket = this.buckets.get(keyOf(hash, elided));
    if (bucket === undefined) return undefined;
    if (!Array.isArray(bucket)) return sameWords(bucket.words, words) ? bucket : undefined;
    return bucket.find((w) => sameWords(w.words, words));
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

export function sameWords(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

function keyOf(hash: number, elided: boolean): number {
  return hash * 2 + (elided ? 1 : 0);
}
