import countries from 'world-countries';

export interface PlaceEntry {
  /** Canonical actor name: the country's common English name. */
  readonly country: string;
  /** How the surface form names it: the country itself, its capital (standing for its government), or an adjective. */
  readonly role: 'name' | 'capital' | 'demonym';
}

/**
 * Surface forms the dataset lacks but news writing uses for a country or its government. Everything
 * else (names, official names, capitals, demonyms) comes from the maintained `world-countries` package.
 */
const NEWSROOM_FORMS: ReadonlyArray<readonly [string, string, PlaceEntry['role']]> = [
  ['U.S.', 'United States', 'name'],
  ['U.S.A.', 'United States', 'name'],
  ['America', 'United States', 'name'],
  ['Washington', 'United States', 'capital'],
  ['U.K.', 'United Kingdom', 'name'],
  ['Britain', 'United Kingdom', 'name'],
  ['Tel Aviv', 'Israel', 'capital'],
  ['Kiev', 'Ukraine', 'capital'],
  ['Kremlin', 'Russia', 'capital'],
  ['Beijing', 'China', 'capital'],
  ['US', 'United States', 'name'],
  ['UK', 'United Kingdom', 'name'],
  ['UAE', 'United Arab Emirates', 'name'],
];

/** Two-letter codes are only names where news writing uses them as such. */
const USABLE_SHORT_FORMS = new Set(['US', 'UK', 'USA', 'UAE', 'DRC', 'PRC']);

let cached: Map<string, PlaceEntry> | undefined;

/** Every known surface form of a country, its capital or its demonym, keyed by exact spelling. */
export function placeForms(): ReadonlyMap<string, PlaceEntry> {
  if (cached) return cached;
  const forms = new Map<string, PlaceEntry>();
  const add = (form: string, entry: PlaceEntry): void => {
    const clean = form.trim();
    if (clean.length < 2 || forms.has(clean)) return;
    if (clean.length <= 3 && clean === clean.toUpperCase() && !USABLE_SHORT_FORMS.has(clean)) return;
    forms.set(clean, entry);
  };
  for (const [form, country, role] of NEWSROOM_FORMS) add(form, { country, role });
  for (const c of countries) {
    const country = c.name.common;
    add(country, { country, role: 'name' });
    add(c.name.official, { country, role: 'name' });
    for (const alt of c.altSpellings) if (!/[,()]/.test(alt)) add(alt, { country, role: 'name' });
    for (const capital of c.capital ?? []) {
      add(capital, { country, role: 'capital' });
      add(capital.replace(/,? D\.?C\.?$/, ''), { country, role: 'capital' });
    }
    const demonym = c.demonyms?.['eng'];
    if (demonym) {
      add(demonym.m, { country, role: 'demonym' });
      add(demonym.f, { country, role: 'demonym' });
    }
  }
  cached = forms;
  return forms;
}

let longestByFirstWord: Map<string, number> | undefined;

/** How many words the longest place form that starts with the word `first` has: 1 when no form of several words does. */
export function longestPlaceStartingWith(first: string): number {
  if (!longestByFirstWord) {
    longestByFirstWord = new Map();
    for (const form of placeForms().keys()) {
      const space = form.indexOf(' ');
      if (space < 0) continue;
      const head = form.slice(0, space);
      longestByFirstWord.set(head, Math.max(longestByFirstWord.get(head) ?? 1, form.split(' ').length));
    }
  }
  return longestByFirstWord.get(first) ?? 1;
}

/** The longest number of words in any place form, for greedy matching. */
export const MAX_PLACE_WORDS = 6;
