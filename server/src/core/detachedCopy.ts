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

/** Short strings are copies already; a longer one is joined to a character and cut again, which flattens it into a string of its own. */
export function detachedString(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}
