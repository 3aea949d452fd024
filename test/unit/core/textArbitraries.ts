import fc from 'fast-check';

/** A text joined from up to `maxLength` of `pieces`, and a stretch of it [start, end) (either may be empty). */
export function textWithStretch(pieces: readonly string[], maxLength: number): fc.Arbitrary<{ text: string; start: number; end: number }> {
  return fc.tuple(fc.array(fc.constantFrom(...pieces), { maxLength }), fc.nat(), fc.nat()).map(([parts, a, b]) => {
    const text = parts.join('');
    const start = text.length ? a % (text.length + 1) : 0;
    return { text, start, end: start + (text.length ? b % (text.length - start + 1) : 0) };
  });
}
