import { detachedString } from './detachedCopy';
import { isStopWord } from './wordingRelation';

/**
 * Numbers the words in use: ids are cheap to compare, sort and pair. A word's id is freed when no
 * wording holds it any more, so an index that lives through many edits does not keep every word ever typed.
 */
export class WordIds {
  private readonly idOf = new Map<string, number>();
  private readonly wordOf: string[] = [];
  private uses = new Int32Array(256);
  private stop = new Uint8Array(256);
  private readonly free: number[] = [];
  private scratch = new Int32Array(256);
  /** What the last `countShared` found. */
  shared = 0;
  sharedContent = 0;

  /** The ids of `words`, in order; each is held until `release`d. */
  acquire(words: readonly string[]): number[] {
    return words.map((word) => {
      let id = this.idOf.get(word);
      if (id === undefined) {
        id = this.free.pop() ?? this.wordOf.length;
        if (id >= this.uses.length) this.grow(id);
        // A copy of its own: a word cut from a story's text would keep that version of the text alive.
        const kept = detachedString(word);
        this.idOf.set(kept, id);
        this.wordOf[id] = kept;
        this.stop[id] = isStopWord(word) ? 1 : 0;
      }
      this.uses[id]!++;
      return id;
    });
  }

  /** The words of `ids`, each the one string kept for it: the copies of a word in many quotes are not all kept. */
  wordsOf(ids: readonly number[]): string[] {
    return ids.map((id) => this.wordOf[id]!);
  }

  /** Whether `ids` are the ids of `words`. */
  spells(ids: readonly number[], words: readonly string[]): boolean {
    if (ids.length !== words.length) return false;
    for (let k = 0; k < ids.length; k++) if (this.wordOf[ids[k]!] !== words[k]) return false;
    return true;
  }

  release(ids: readonly number[]): void {
    for (const id of ids) {
      if (--this.uses[id]! > 0) continue;
      this.idOf.delete(this.wordOf[id]!);
      this.wordOf[id] = '';
      this.free.push(id);
    }
  }

  isStop(id: number): boolean {
    return this.stop[id] === 1;
  }

  /**
   * Counts the words two id lists share as multisets, in all (`shared`) and among those that are not
   * stop words (`sharedContent`); linear, with a scratch count per id.
   */
  countShared(a: readonly number[], b: readonly number[]): void {
    const counts = this.scratch;
    for (const id of a) counts[id]!++;
    let shared = 0;
    let sharedContent = 0;
    for (const id of b) {
      if (counts[id] === 0) continue;
      counts[id]!--;
      shared++;
      if (this.stop[id] === 0) sharedContent++;
    }
    for (const id of a) counts[id] = 0;
    this.shared = shared;
    this.sharedContent = sharedContent;
  }

  private grow(id: number): void {
    const size = Math.max(id + 1, this.uses.length * 2);
    const uses = new Int32Array(size);
    uses.set(this.uses);
    const stop = new Uint8Array(size);
    stop.set(this.stop);
    this.uses = uses;
    this.stop = stop;
    this.scratch = new Int32Array(size);
  }
}
