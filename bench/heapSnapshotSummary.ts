// `node out/bench/heapSnapshotSummary.js SNAPSHOT [ARTICLES]`: where a heap snapshot's bytes are, by kind
// of object. Object literals are told apart by their property names ("{start,end}" is a span). Prints the
// self size of each kind, and what each kind's properties retain (a property's value counts when only that
// object holds it: the dominator tree), so "Quote.text" says what the quotes' texts cost. Read in one pass
// over the raw file: a snapshot of the 10,000-article index is larger than the biggest string V8 can parse.
import { readFileSync } from 'node:fs';

interface Snapshot {
  readonly nodeFields: readonly string[];
  readonly nodeTypes: readonly string[];
  readonly edgeFields: readonly string[];
  readonly edgeTypes: readonly string[];
  readonly nodes: Int32Array;
  readonly edges: Int32Array;
  readonly strings: readonly string[];
}

/** The integers of the JSON array that starts after `key` in `buf`. */
function intArray(buf: Buffer, key: string): Int32Array {
  let at = buf.indexOf(`"${key}":[`) + key.length + 4;
  let out = new Int32Array(1 << 20);
  let n = 0;
  let value = 0;
  let inNumber = false;
  for (; ; at++) {
    const c = buf[at]!;
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      inNumber = true;
      continue;
    }
    if (inNumber) {
      if (n === out.length) {
        const grown = new Int32Array(out.length * 2);
        grown.set(out);
        out = grown;
      }
      out[n++] = value;
      value = 0;
      inNumber = false;
    }
    if (c === 93) break;
  }
  return out.subarray(0, n);
}

function stringArray(buf: Buffer, key: string): string[] {
  let at = buf.indexOf(`"${key}":[`) + key.length + 4;
  const out: string[] = [];
  for (;;) {
    while (buf[at] !== 34 && buf[at] !== 93) at++;
    if (buf[at] === 93) return out;
    let end = at + 1;
    while (buf[end] !== 34) end += buf[end] === 92 ? 2 : 1;
    out.push(JSON.parse(buf.toString('utf8', at, end + 1)) as string);
    at = end + 1;
  }
}

function read(path: string): Snapshot {
  const buf = readFileSync(path);
  const metaEnd = buf.indexOf('"nodes":[');
  const head = buf.toString('utf8', 0, metaEnd).replace(/,\s*$/, '') + '}';
  const meta = (JSON.parse(head) as { snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } } }).snapshot.meta;
  return {
    nodeFields: meta.node_fields,
    nodeTypes: meta.node_types[0],
    edgeFields: meta.edge_fields,
    edgeTypes: meta.edge_types[0],
    nodes: intArray(buf, 'nodes'),
    edges: intArray(buf, 'edges'),
    strings: stringArray(buf, 'strings'),
  };
}

function summarize(s: Snapshot, articles: number): void {
  const NF = s.nodeFields.length;
  const EF = s.edgeFields.length;
  const [T, NAME, SIZE, EDGES] = ['type', 'name', 'self_size', 'edge_count'].map((f) => s.nodeFields.indexOf(f)) as [number, number, number, number];
  const [ET, ENAME, ETO] = ['type', 'name_or_index', 'to_node'].map((f) => s.edgeFields.indexOf(f)) as [number, number, number];
  const n = s.nodes.length / NF;
  const firstEdge = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) firstEdge[i + 1] = firstEdge[i]! + s.nodes[i * NF + EDGES]!;
  const weak = s.edgeTypes.indexOf('weak');
  const shortcut = s.edgeTypes.indexOf('shortcut');
  const property = s.edgeTypes.indexOf('property');
  const strong = (e: number): boolean => s.edges[e + ET] !== weak && s.edges[e + ET] !== shortcut;
  const target = (e: number): number => s.edges[e + ETO]! / NF;

  // Kind of each node: object literals by their property names.
  const kindIds = new Map<string, number>();
  const kindNames: string[] = [];
  const kind = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const type = s.nodeTypes[s.nodes[i * NF + T]!]!;
    let name = type === 'object' || type === 'closure' || type === 'hidden' || type === 'array' ? s.strings[s.nodes[i * NF + NAME]!]! : `(${type})`;
    if (type === 'object' && name === 'Object') {
      const props: string[] = [];
      for (let e = firstEdge[i]! * EF; e < firstEdge[i + 1]! * EF; e += EF) if (s.edges[e + ET] === property) props.push(s.strings[s.edges[e + ENAME]!]!);
      name = `{${props.filter((p) => p !== '__proto__').slice(0, 8).join(',')}}`;
    }
    if (type === 'array') name = `(array ${name})`;
    let id = kindIds.get(name);
    if (id === undefined) kindIds.set(name, (id = kindNames.push(name) - 1));
    kind[i] = id;
  }

  // Dominators (Cooper, Harvey and Kennedy) over strong edges from the root, node 0.
  const order = new Int32Array(n).fill(-1);
  const post: number[] = [];
  const stack = [0];
  const cursor = new Int32Array(n);
  order[0] = 0;
  for (let i = 0; i < n; i++) cursor[i] = firstEdge[i]! * EF;
  while (stack.length) {
    const v = stack[stack.length - 1]!;
    let pushed = false;
    while (cursor[v]! < firstEdge[v + 1]! * EF) {
      const e = cursor[v]!;
      cursor[v] = e + EF;
      if (!strong(e)) continue;
      const w = target(e);
      if (order[w] !== -1) continue;
      order[w] = 0;
      stack.push(w);
      pushed = true;
      break;
    }
    if (!pushed) {
      stack.pop();
      order[v] = post.length;
      post.push(v);
    }
  }
  const predCount = new Int32Array(n + 1);
  for (let v = 0; v < n; v++) for (let e = firstEdge[v]! * EF; e < firstEdge[v + 1]! * EF; e += EF) if (strong(e)) predCount[target(e) + 1]!++;
  for (let i = 0; i < n; i++) predCount[i + 1]! += predCount[i]!;
  const preds = new Int32Array(predCount[n]!);
  const fill = predCount.slice();
  for (let v = 0; v < n; v++) for (let e = firstEdge[v]! * EF; e < firstEdge[v + 1]! * EF; e += EF) if (strong(e)) preds[fill[target(e)]!++] = v;
  const idom = new Int32Array(n).fill(-1);
  idom[0] = 0;
  const intersect = (a: number, b: number): number => {
    while (a !== b) {
      while (order[a]! < order[b]!) a = idom[a]!;
      while (order[b]! < order[a]!) b = idom[b]!;
    }
    return a;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (let k = post.length - 2; k >= 0; k--) {
      const v = post[k]!;
      let dom = -1;
      for (let p = predCount[v]!; p < predCount[v + 1]!; p++) {
        const u = preds[p]!;
        if (idom[u] === -1 || order[u] === -1) continue;
        dom = dom === -1 ? u : intersect(u, dom);
      }
      if (dom !== -1 && idom[v] !== dom) {
        idom[v] = dom;
        changed = true;
      }
    }
  }
  const retained = new Float64Array(n);
  for (let i = 0; i < n; i++) retained[i] = s.nodes[i * NF + SIZE]!;
  for (const v of post) if (v !== 0 && idom[v]! >= 0) retained[idom[v]!]! += retained[v]!;

  const self = new Map<number, { count: number; bytes: number }>();
  let reachable = 0;
  for (let i = 0; i < n; i++) {
    if (order[i] === -1) continue;
    const size = s.nodes[i * NF + SIZE]!;
    reachable += size;
    const entry = self.get(kind[i]!) ?? { count: 0, bytes: 0 };
    entry.count++;
    entry.bytes += size;
    self.set(kind[i]!, entry);
  }
  // What each kind's properties (and elements) hold alone.
  const held = new Map<string, { count: number; bytes: number }>();
  for (let v = 0; v < n; v++) {
    if (order[v] === -1) continue;
    for (let e = firstEdge[v]! * EF; e < firstEdge[v + 1]! * EF; e += EF) {
      if (!strong(e)) continue;
      const w = target(e);
      if (idom[w] !== v) continue;
      const type = s.edgeTypes[s.edges[e + ET]!]!;
      const label = type === 'element' ? '[]' : type === 'property' || type === 'internal' || type === 'context' ? s.strings[s.edges[e + ENAME]!]! : `(${type})`;
      const key = `${kindNames[kind[v]!]!}.${label}`;
      const entry = held.get(key) ?? { count: 0, bytes: 0 };
      entry.count++;
      entry.bytes += retained[w]!;
      held.set(key, entry);
    }
  }
  // Every node once, under the first object seen holding it: a partition of the self sizes.
  const holder = new Int32Array(n).fill(-1);
  const holderLabel = new Int32Array(n);
  const labelIds = new Map<string, number>();
  const labels: string[] = [];
  for (let v = 0; v < n; v++) {
    if (order[v] === -1) continue;
    for (let e = firstEdge[v]! * EF; e < firstEdge[v + 1]! * EF; e += EF) {
      if (!strong(e)) continue;
      const w = target(e);
      if (holder[w] !== -1) continue;
      const type = s.edgeTypes[s.edges[e + ET]!]!;
      const label = type === 'element' ? '[]' : type === 'property' || type === 'internal' || type === 'context' ? s.strings[s.edges[e + ENAME]!]! : `(${type})`;
      let id = labelIds.get(label);
      if (id === undefined) labelIds.set(label, (id = labels.push(label) - 1));
      holder[w] = v;
      holderLabel[w] = id;
    }
  }
  const byHolder = new Map<string, { count: number; bytes: number }>();
  for (let w = 0; w < n; w++) {
    if (order[w] === -1 || holder[w] === -1) continue;
    let v = holder[w]!;
    let label = labels[holderLabel[w]!]!;
    // An array's backing store and a map's table count under whoever holds the array or map.
    for (let hops = 0; hops < 3 && holder[v]! >= 0 && /^(Array|Map|Set|\(array .*\))$/.test(kindNames[kind[v]!]!); hops++) {
      label = `${labels[holderLabel[v]!]!}/${label}`;
      v = holder[v]!;
    }
    const key = `${kindNames[kind[v]!]!}.${label} → ${kindNames[kind[w]!]!}`;
    const entry = byHolder.get(key) ?? { count: 0, bytes: 0 };
    entry.count++;
    entry.bytes += s.nodes[w * NF + SIZE]!;
    byHolder.set(key, entry);
  }
  const per = (bytes: number): string => `${(bytes / 1e6).toFixed(2).padStart(8)} MB ${(bytes / articles).toFixed(0).padStart(6)} B/article`;
  process.stdout.write(`${n} nodes, ${(reachable / 1e6).toFixed(1)} MB reachable, ${articles} articles\n\nself size by kind\n`);
  for (const [k, { count, bytes }] of [...self].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, 45)) {
    process.stdout.write(`${per(bytes)} ${String(count).padStart(9)}×  ${kindNames[k]!.slice(0, 110)}\n`);
  }
  process.stdout.write('\nretained through a property of a kind (only that object holds the value)\n');
  for (const [k, { count, bytes }] of [...held].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, 70)) {
    process.stdout.write(`${per(bytes)} ${String(count).padStart(9)}×  ${k.slice(0, 110)}\n`);
  }
  process.stdout.write('\nself size by holder (each node once, under the first object seen holding it)\n');
  for (const [k, { count, bytes }] of [...byHolder].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, 90)) {
    process.stdout.write(`${per(bytes)} ${String(count).padStart(9)}×  ${k.slice(0, 140)}\n`);
  }
}

summarize(read(process.argv[2]!), Number(process.argv[3] ?? 1));
