// `node out/bench/heapSnapshotSlices.js SNAPSHOT [HOPS] [MIN_BYTES]`: which objects keep old versions of a
// text alive through slices. V8 keeps a slice of a string (13 characters or more) as a view of its whole
// parent: a quote's text cut from a 200 KB story keeps the story alive. For every sliced string whose
// parent is at least MIN_BYTES (default 50,000), prints the parent and the first HOPS (default 4)
// retainers of the slice, counted over all slices with the same path. A parent that is no longer the
// current text, with holders that should not outlive it, is a leak.
import { readFileSync } from 'node:fs';

interface RawSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

function main(file: string, hops: number, minBytes: number): void {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as RawSnapshot;
  const { meta } = raw.snapshot;
  const nodeFields = meta.node_fields.length;
  const edgeFields = meta.edge_fields.length;
  const { nodes, edges, strings } = raw;
  const nodeTypes = meta.node_types[0];
  const edgeTypes = meta.edge_types[0];
  const field = (name: string): number => meta.node_fields.indexOf(name);
  const [typeAt, nameAt, sizeAt, edgeCountAt, idAt] = ['type', 'name', 'self_size', 'edge_count', 'id'].map(field) as [number, number, number, number, number];
  const [edgeTypeAt, edgeNameAt, toAt] = ['type', 'name_or_index', 'to_node'].map((n) => meta.edge_fields.indexOf(n)) as [number, number, number];
  const count = nodes.length / nodeFields;
  const firstEdge = new Int32Array(count + 1);
  for (let i = 0, e = 0; i < count; i++) {
    firstEdge[i] = e;
    e += nodes[i * nodeFields + edgeCountAt]! * edgeFields;
  }
  firstEdge[count] = edges.length;
  const typeOf = (node: number): string => nodeTypes[nodes[node * nodeFields + typeAt]!]!;
  const nameOf = (node: number): string => {
    const type = typeOf(node);
    return type === 'object' || type === 'closure' ? `${type}:${strings[nodes[node * nodeFields + nameAt]!]}` : type;
  };
  // The first strong retainer of each node, with the edge's name.
  const retainer = new Int32Array(count).fill(-1);
  const retainerEdge: string[] = new Array(count);
  for (let from = 0; from < count; from++) {
    for (let e = firstEdge[from]!; e < firstEdge[from + 1]!; e += edgeFields) {
      const type = edgeTypes[edges[e + edgeTypeAt]!];
      if (type === 'weak') continue;
      const to = edges[e + toAt]! / nodeFields;
      if (retainer[to] !== -1) continue;
      retainer[to] = from;
      retainerEdge[to] = type === 'element' || type === 'hidden' ? '[i]' : String(strings[edges[e + edgeNameAt]!]);
    }
  }
  const paths = new Map<string, number>();
  for (let node = 0; node < count; node++) {
    if (typeOf(node) !== 'sliced string') continue;
    for (let e = firstEdge[node]!; e < firstEdge[node + 1]!; e += edgeFields) {
      const parent = edges[e + toAt]! / nodeFields;
      if (strings[edges[e + edgeNameAt]!] !== 'parent' || nodes[parent * nodeFields + sizeAt]! < minBytes) continue;
      const path: string[] = [];
      for (let at = node, hop = 0; hop < hops && retainer[at] !== -1; hop++, at = retainer[at]!) path.push(`${nameOf(retainer[at]!)}.${retainerEdge[at]}`);
      const key = `parent @${nodes[parent * nodeFields + idAt]} (${nodes[parent * nodeFields + sizeAt]} B) <- ${path.join(' <- ')}`;
      paths.set(key, (paths.get(key) ?? 0) + 1);
    }
  }
  for (const [path, n] of [...paths].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${String(n).padStart(6)} ${path}`);
  if (paths.size === 0) console.log(`no slice of a string of ${minBytes} bytes or more`);
}

const [file, hops, minBytes] = process.argv.slice(2);
if (!file) {
  console.error('usage: node out/bench/heapSnapshotSlices.js SNAPSHOT [HOPS] [MIN_BYTES]');
  process.exit(2);
}
main(file, Number(hops ?? 4), Number(minBytes ?? 50_000));
