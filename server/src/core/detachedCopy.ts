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
  if (Array.isArray(value)) return value.map(copy);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Set) return new Set([...value].map(copy));
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [copy(k), copy(v)]));
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) out[key] = copy(field);
  return out;
}

/** Short strings are copies already; a longer one is joined to a character and cut again, which flattens it into a string of its own. */
export function detachedString(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}
