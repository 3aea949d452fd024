import { strict as assert } from 'node:assert';

/** Every code point, once, in order (lone surrogates left out: they are not code points of well-formed text). */
function everyCodePoint(): string {
  const parts: string[] = [];
  for (let cp = 0; cp <= 0x10ffff; cp++) if (cp < 0xd800 || cp > 0xdfff) parts.push(String.fromCodePoint(cp));
  return parts.join('');
}

// symbolTrigrams.ts folds ASCII to lower case, ſ and the Kelvin sign to s and k, and every other code
// point to one key. That is sound only while the search's pattern (`/…/iu`) equates no other code point
// with an ASCII one: checked here against the regular expression engine itself, over every code point.
describe('symbolTrigrams: the case folding its sketches assume', () => {
  it('the only code points outside ASCII a case-insensitive Unicode pattern equates with ASCII are ſ and K', () => {
    const found = new Set(everyCodePoint().match(/[\0-\x7f]/giu) ?? []);
    const outside = [...found].filter((ch) => ch.codePointAt(0)! > 0x7f);
    assert.deepEqual(outside, ['\u017f', '\u212a']);
  });

  it('ASCII letters equal their other case, ſ equals s and K equals k, and nothing else equals', () => {
    const candidates = [...Array.from({ length: 128 }, (_, cp) => String.fromCharCode(cp)), '\u017f', '\u212a'];
    const fold = (ch: string): string => (ch === '\u017f' ? 's' : ch === '\u212a' ? 'k' : ch.toLowerCase());
    for (const a of candidates) {
      const pattern = new RegExp(`^${a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'iu');
      for (const b of candidates) assert.equal(pattern.test(b), fold(a) === fold(b), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
    }
  });
});
