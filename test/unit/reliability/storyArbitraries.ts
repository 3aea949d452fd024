import fc from 'fast-check';

/**
 * Generators shared by the reliability properties and the soak: small stories that exercise every part
 * of the analysis (annotations, headers, quotes of every family, speakers, names, variants across
 * documents), and random edits to them.
 */

export const STORY_URIS = ['file:///ws/a.articles', 'file:///ws/b.articles', 'file:///ws/c.txt'] as const;

/** Three stories quoting the same words in several sources, so variant groups and declared actors exist. */
export const BASE_TEXTS: readonly string[] = [
  [
    '@actor Vladimir Putin [person]: Putin, the Kremlin chief',
    '',
    '=== The Daily ===',
    'title: Talks in Moscow',
    'date: 2025-06-19',
    '@speaker "We are ready to help" = Vladimir Putin',
    '',
    'Russian President Vladimir Putin said on Wednesday: “We are ready to help find a solution between Israel and Iran.”',
    '“You can worry about this later,” Donald Trump told reporters. He added that Moscow should “mediate Russia first”.',
    '',
    '=== Le Monde ===',
    '',
    'Le président a dit : « Nous sommes prêts à aider ». Trump a répondu qu’il fallait d’abord « s’occuper de la Russie ».',
  ].join('\n'),
  [
    '=== Wire Report ===',
    'date: 2025-06-19',
    '',
    'Putin said Russia was ready to mediate. “We are ready to help find a solution,” he said.',
    'Trump responded: "Vladimir, let\'s mediate Russia first. You can worry about this later."',
    'The Kremlin chief called it «a dangerous escalation» and said he would ‘not give up’.',
    '',
    '=== Evening Post ===',
    '@ignore "Nobody wants war"',
    '',
    '“We are ready to help find a solution between Israel and Iran,” Putin said. ‘Nobody wants war,’ an aide said.',
    'Donald Trump said: “Vladimir, let’s mediate Russia first. You can worry about this later.”',
  ].join('\n'),
  [
    'Trump rejects the offer',
    '',
    'Donald Trump said: “Vladimir, let’s mediate Russia first. You can worry about this later.”',
    'He did not say “we are not ready to help”. Zelensky’s office — „Wir sind bereit“ — said nothing.',
    '',
  ].join('\r\n'),
];

/** Pieces an edit inserts: single characters of every kind the scanner cares about, and whole lines. */
export const INSERT_CHARS: readonly string[] = [
  'a', 'e', 'T', 'P', ' ', ' ', '\n', '\n', '\r\n', '\r', '.', ',', ':', '“', '”', '"', "'", '‘', '’', '«', '»', '„', '‹', '›', '…',
  '😀', '👩‍👩‍👧', 'e\u0301', 'İ', 'ß', 'Ж', '\u2028', '\u2029', '\t', '=', '@', '#', '\u00a0', '\uFEFF', '—', '-',
];

export const INSERT_LINES: readonly string[] = [
  '\n=== X ===\n',
  '=== Y ===',
  '\n===\n',
  '\n\n',
  '\n@actor Donald Trump [person]: Trump, the US president\n',
  '\n@actor Vladimir Putin [person]: Putin\n',
  '\n@speaker "mediate Russia first" = Donald Trump\n',
  '\n@speaker "We are ready to help" #2 = Putin\n',
  '\n@ignore "You can worry about this later"\n',
  '\n@ignore "missing words"\n',
  '\ntitle: A “title”\n',
  ' said Putin',
  ' Trump said ',
  '“We are ready to help”',
  '"not ready"',
  ' he said.',
];

export interface EditOp {
  readonly kind: 'edit';
  readonly doc: number;
  /** Where, as a share of the text length (so any text can take the edit). */
  readonly at: number;
  readonly remove: number;
  readonly insert: string;
}
export interface CreateOp {
  readonly kind: 'create';
  readonly doc: number;
  readonly base: number;
}
export interface DeleteOp {
  readonly kind: 'delete';
  readonly doc: number;
}
export type Op = EditOp | CreateOp | DeleteOp;

export const insertArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.array(fc.constantFrom(...INSERT_CHARS), { minLength: 1, maxLength: 3 }).map((a) => a.join('')) },
  { weight: 2, arbitrary: fc.constantFrom(...INSERT_LINES) },
  { weight: 1, arbitrary: fc.constant('') },
);

export const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({ kind: fc.constant('edit' as const), doc: fc.nat(2), at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.nat(3), insert: insertArb }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('create' as const), doc: fc.nat(2), base: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), doc: fc.nat(2) }) },
);

/** Which documents exist at the start (at least one), then the operations; `size: 'max'` for long runs. */
export const scenarioArb = (maxOps: number, size?: fc.SizeForArbitrary): fc.Arbitrary<{ initial: boolean[]; ops: Op[] }> =>
  fc.record({
    initial: fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()).map((t) => (t.some((x) => x) ? t : [true, t[1], t[2]])),
    ops: fc.array(opArb, { minLength: 1, maxLength: maxOps, ...(size !== undefined ? { size } : {}) }),
  });

/** Applies one edit to a text; `at` is clamped, so the edit may split a surrogate pair (the index must cope). */
export function applyEdit(text: string, op: EditOp): string {
  const at = Math.min(text.length, Math.floor(op.at * (text.length + 1)));
  const end = Math.min(text.length, at + op.remove);
  return text.slice(0, at) + op.insert + text.slice(end);
}

// ---------------------------------------------------------------------------------------------------
// Well-formed Unicode stories for the position properties: every line break LSP knows, plus characters
// that are not line breaks for LSP (U+2028, U+2029), non-BMP letters and emoji, combining marks.

const WORDS = [
  'said', 'the', 'minister', 'told', 'reporters', 'ready', 'to', 'help', 'not', 'never', 'Trump', 'Putin', 'Donald', 'Vladimir',
  'Зеленский', 'Владимир', 'İstanbul', 'Straße', 'ß', 'e\u0301te\u0301', 'Åsa', 'ǅemal', '𝒳avier', '𝐁old', '😀', '👨‍👩‍👧', '🇺🇦',
  'naïve', 'a\u0308\u0301', '\u0301', '東京', 'ﬁne', 'Ωmega', 'x\u2028y', 'p\u2029q', 'no\u00a0break', 'Mr.', 'U.S.', "it's", 'players’',
];
const NAMES = ['Donald Trump', 'Vladimir Putin', 'Олена Зеленська', 'İlham Əliyev', '𝒳avier Dupont', 'Jürgen Straße', 'Zoë 😀 Lane'];
const MARKS: ReadonlyArray<readonly [string, string]> = [['“', '”'], ['"', '"'], ['«', '»'], ['‘', '’'], ["'", "'"], ['„', '“'], ['‹', '›'], ['»', '«']];

const wordsArb = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 8 }).map((w) => w.join(' '));
const randomGraphemes = fc.string({ unit: 'grapheme', maxLength: 12 });

const quoteArb = fc
  .tuple(fc.constantFrom(...MARKS), fc.oneof(wordsArb, randomGraphemes), fc.boolean(), fc.constantFrom('.', ',', '', '!', '…'))
  .map(([[open, close], words, closed, stop]) => `${open}${words}${stop}${closed ? close : ''}`);

const sentenceArb = fc
  .array(fc.oneof({ weight: 3, arbitrary: wordsArb }, { weight: 2, arbitrary: quoteArb }, { weight: 1, arbitrary: fc.constantFrom(...NAMES) }, { weight: 1, arbitrary: randomGraphemes }), {
    minLength: 1,
    maxLength: 6,
  })
  .map((parts) => parts.join(' '));

const lineArb = fc.oneof(
  { weight: 6, arbitrary: sentenceArb },
  { weight: 2, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.constantFrom(...NAMES, 'Outlet 😀', '𝒳 News', 'Новая газета', '').map((s) => `=== ${s} ===`) },
  { weight: 1, arbitrary: wordsArb.map((w) => `title: ${w}`) },
  { weight: 1, arbitrary: fc.constantFrom(...NAMES).map((n) => `@actor ${n} [person]: ${n.split(' ')[1] ?? n}`) },
  { weight: 1, arbitrary: fc.tuple(wordsArb, fc.constantFrom(...NAMES)).map(([w, n]) => `@speaker "${w}" = ${n}`) },
  { weight: 1, arbitrary: wordsArb.map((w) => `@ignore "${w}"`) },
);

/** A story of random lines joined by random LSP line breaks, maybe with a BOM. Never splits a surrogate pair. */
export const unicodeStoryArb: fc.Arbitrary<string> = fc
  .tuple(fc.boolean(), fc.array(fc.tuple(lineArb, fc.constantFrom('\n', '\r\n', '\r', '\n', '\n')), { minLength: 1, maxLength: 30 }))
  .map(([bom, lines]) => (bom ? '\uFEFF' : '') + lines.map(([l, br]) => l + br).join(''));
