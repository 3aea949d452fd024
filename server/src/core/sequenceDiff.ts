/** What a part of a diff is: in both lists, only in the new one, or only in the old one. */
export const enum PartKind {
  Equal = 0,
  Added = 1,
  Removed = 2,
}

/** A stretch of a diff: `count` items of `kind`, starting at `oldStart` and `newStart`. */
export interface DiffPart {
  readonly kind: PartKind;
  readonly count: number;
  readonly oldStart: number;
  readonly newStart: number;
}

/** No path on this diagonal (a path's position in the old list is at least -1). */
const NO_PATH = -2;

/**
 * The parts of a path, shared between paths as a linked list (newest first), in typed arrays reused
 * from call to call: a diff allocates no object per step. Node 0 is the empty list.
 */
let nodeKind = new Uint8Array(1024);
let nodeCount = new Int32Array(1024);
let nodePrevious = new Int32Array(1024);
let nodes = 1;
/** Per diagonal (shifted to be ≥ 0): the furthest position in the old list, and the path's last part. */
let pathOldPos = new Int32Array(64);
let pathLast = new Int32Array(64);

/**
 * The differences between two lists, as `diffArrays` of the `diff` package (jsdiff 9) finds them: the
 * same Myers search with the same choices, so the same parts, without its objects per step, values or
 * clock reads. Items are compared with `===`.
 */
export function diffSequences<T>(old: ArrayLike<T>, next: ArrayLike<T>): DiffPart[] {
  const oldLen = old.length;
  const newLen = next.length;
  const maxEdit = oldLen + newLen;
  const shift = maxEdit + 1;
  if (pathOldPos.length < 2 * shift + 1) {
    pathOldPos = new Int32Array(2 * (2 * shift + 1));
    pathLast = new Int32Array(pathOldPos.length);
  }
  pathOldPos.fill(NO_PATH, 0, 2 * shift + 1);
  nodes = 1;

  // Follows the diagonal from the path on it while the items are equal; the path's new position.
  const extractCommon = (diagonal: number): number => {
    let oldPos = pathOldPos[diagonal + shift]!;
    let newPos = oldPos - diagonal;
    const from = oldPos;
    while (newPos + 1 < newLen && oldPos + 1 < oldLen && old[oldPos + 1] === next[newPos + 1]) {
      newPos++;
      oldPos++;
    }
    if (oldPos > from) pathLast[diagonal + shift] = node(PartKind.Equal, oldPos - from, pathLast[diagonal + shift]!);
    pathOldPos[diagonal + shift] = oldPos;
    return newPos;
  };

  pathOldPos[shift] = -1;
  pathLast[shift] = 0;
  let newPos = extractCommon(0);
  if (pathOldPos[shift]! + 1 >= oldLen && newPos + 1 >= newLen) return partsOf(pathLast[shift]!);
  let minDiagonal = Number.NEGATIVE_INFINITY;
  let maxDiagonal = Number.POSITIVE_INFINITY;
  for (let editLength = 1; editLength <= maxEdit; editLength++) {
    for (let diagonal = Math.max(minDiagonal, -editLength); diagonal <= Math.min(maxDiagonal, editLength); diagonal += 2) {
      const removePos = pathOldPos[diagonal - 1 + shift]!;
      const removeLast = pathLast[diagonal - 1 + shift]!;
      const addPos = pathOldPos[diagonal + 1 + shift]!;
      const addLast = pathLast[diagonal + 1 + shift]!;
      // No one reads the path below again.
      if (removePos !== NO_PATH) pathOldPos[diagonal - 1 + shift] = NO_PATH;
      const canAdd = addPos !== NO_PATH && addPos - diagonal >= 0 && addPos - diagonal < newLen;
      const canRemove = removePos !== NO_PATH && removePos + 1 < oldLen;
      if (!canAdd && !canRemove) {
        pathOldPos[diagonal + shift] = NO_PATH;
        continue;
      }
      // From the path that went furthest in the old list without leaving the edit graph.
      if (!canRemove || (canAdd && removePos < addPos)) {
        pathOldPos[diagonal + shift] = addPos;
        pathLast[diagonal + shift] = extended(addLast, PartKind.Added);
      } else {
        pathOldPos[diagonal + shift] = removePos + 1;
        pathLast[diagonal + shift] = extended(removeLast, PartKind.Removed);
      }
      newPos = extractCommon(diagonal);
      const oldPos = pathOldPos[diagonal + shift]!;
      if (oldPos + 1 >= oldLen && newPos + 1 >= newLen) return partsOf(pathLast[diagonal + shift]!);
      // A path at the end of one list reaches the end in as many edits as its diagonal: no path beyond it can do better.
      if (oldPos + 1 >= oldLen) maxDiagonal = Math.min(maxDiagonal, diagonal - 1);
      if (newPos + 1 >= newLen) minDiagonal = Math.max(minDiagonal, diagonal + 1);
    }
  }
  throw new Error('diffSequences: no path through the edit graph');
}

/** `last` with one more item of `kind`: its last part made longer, or a new part after it. */
function extended(last: number, kind: PartKind): number {
  if (last !== 0 && nodeKind[last] === kind) return node(kind, nodeCount[last]! + 1, nodePrevious[last]!);
  return node(kind, 1, last);
}

function node(kind: PartKind, count: number, previous: number): number {
  if (nodes === nodeKind.length) {
    nodeKind = grown(nodeKind, new Uint8Array(nodes * 2));
    nodeCount = grown(nodeCount, new Int32Array(nodes * 2));
    nodePrevious = grown(nodePrevious, new Int32Array(nodes * 2));
  }
  nodeKind[nodes] = kind;
  nodeCount[nodes] = count;
  nodePrevious[nodes] = previous;
  return nodes++;
}

function grown<A extends Uint8Array | Int32Array>(from: A, to: A): A {
  to.set(from);
  return to;
}

function partsOf(last: number): DiffPart[] {
  const reversed: number[] = [];
  for (let n = last; n !== 0; n = nodePrevious[n]!) reversed.push(n);
  const parts: DiffPart[] = [];
  let oldStart = 0;
  let newStart = 0;
  for (let k = reversed.length - 1; k >= 0; k--) {
    const kind = nodeKind[reversed[k]!]! as PartKind;
    const count = nodeCount[reversed[k]!]!;
    parts.push({ kind, count, oldStart, newStart });
    if (kind !== PartKind.Added) oldStart += count;
    if (kind !== PartKind.Removed) newStart += count;
  }
  return parts;
}
