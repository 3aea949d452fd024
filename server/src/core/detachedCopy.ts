/**
 * A copy of `value` whose strings no longer point into the text they were cut from. V8 keeps a slice of a
 * string (13 characters or more) as a view of the whole: a quote remembered across edits would keep the
 * whole story text of its version alive, one old version per remembered article.
 */
export function detachedCopy<T>(value: T): T {
  return copy(value) as T;
}

function copy(value: unknown): unknown {
  if (typeof value === 'string') return detachedString(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    // An empty list holds no string; the analysis shares one among its actors.
    if (value.length === 0) return value;
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copy(value[i]);
    return out;
  }
  if (value instanceof Set) return new Set([...value].map(copy));
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [copy(k), copy(v)]));
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  // The analysis's objects are plain: no inherited enumerable keys to skip.
  for (const key in source) out[key] = copy(source[key]);
  return out;
}

/**
 * Short strings are copies already; a longer one is written as JSON and read back, which makes a flat
 * string of its own, of one byte a character when it can be (measured on quote-like strings: 63 bytes
 * each, where joining to a character and cutting again keeps a slice of a copy: 129).
 */
export function detachedString(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}

/** Something that keeps strings of its own in a form the walk of `detachStrings` does not see into. */
export interface HoldsStrings {
  detachStrings(): void;
}

/**
 * Replaces, in place, every string reachable from `value` (object fields, list items, map keys and
 * values) by a copy that does not point into the text it was cut from; `skip` is left as it is (the
 * text itself). What is reachable reads the same afterwards: only the strings' storage changes. For
 * a story nobody has open, whose text is then kept compact (see `WorkspaceIndex.compactClosed`).
 */
export function detachStrings(value: unknown, skip?: string): void {
  const seen = new Set<object>();
  // One copy per distinct string: a speaker's name on every quote of theirs is one string again.
  const copies = new Map<string, string>();
  const visit = (v: unknown): unknown => {
    if (typeof v === 'string') {
      if (v.length < 13 || v === skip) return v;
      let copy = copies.get(v);
      if (copy === undefined) copies.set(v, (copy = detachedString(v)));
      return copy;
    }
    if (v === null || typeof v !== 'object' || seen.has(v)) return v;
    seen.add(v);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i];
        if (typeof item === 'string') v[i] = visit(item);
        else if (typeof item === 'object' && item !== null) visit(item);
      }
    } else if (v instanceof Map) {
      const entries = [...v].map(([k, x]) => [visit(k), visit(x)] as const);
      v.clear();
      for (const [k, x] of entries) v.set(k, x);
    } else if (v instanceof Set) {
      const items = [...v].map(visit);
      v.clear();
      for (const x of items) v.add(x);
    } else if (typeof (v as Partial<HoldsStrings>).detachStrings === 'function') {
      (v as HoldsStrings).detachStrings();
    } else if (!ArrayBuffer.isView(v)) {
      const record = v as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        const field = record[key];
        if (typeof field !== 'string' && (typeof field !== 'object' || field === null)) continue;
        const detached = visit(field);
        // Strings compare by value: a copy is always put in. A field decoded on first use from the
        // persisted index is not writable (and holds copies already).
        if (typeof field === 'string' && field.length >= 13 && field !== skip && Object.getOwnPropertyDescriptor(record, key)?.writable !== false) record[key] = detached;
      }
    }
    return v;
  };
  visit(value);
}
