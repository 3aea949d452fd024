import type { Span } from './model';

export interface Token extends Span {
  /** The word as written, without a possessive ending. */
  readonly text: string;
  readonly capitalized: boolean;
  readonly possessive: boolean;
  /** Punctuation written directly after the word (",", ":", "."), if any. */
  readonly after: string;
}

const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'st', 'gen', 'sen', 'rep', 'gov', 'jr', 'sr', 'prof', 'col', 'lt', 'sgt', 'capt', 'adm', 'no', 'vs', 'etc', 'inc', 'ltd', 'co', 'corp']);

/**
 * Word tokens of a stretch of text, with offsets. Initialisms keep their dots (U.S.), a few title
 * abbreviations too (St., Mr.); a possessive 's is split off and flagged.
 */
export function tokenize(text: string, span: Span): Token[] {
  const tokens: Token[] = [];
  const word = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:(?:['’.\-–](?=[\p{L}\p{N}]))[\p{L}\p{M}\p{N}]*)*/gu;
  word.lastIndex = span.start;
  let m: RegExpExecArray | null;
  while ((m = word.exec(text)) !== null && m.index < span.end) {
    let raw = m[0];
    let end = m.index + raw.length;
    if (end > span.end) {
      raw = raw.slice(0, span.end - m.index);
      end = span.end;
    }
    if (text[end] === '.' && (/^(?:\p{Lu}\.)+\p{Lu}$/u.test(raw) || ABBREVIATIONS.has(raw.toLowerCase()))) {
      raw += '.';
      end += 1;
      word.lastIndex = end;
    }
    let possessive = false;
    let textOut = raw;
    const poss = /['’]s$/.exec(raw);
    if (poss && raw.length > 2) {
      possessive = true;
      textOut = raw.slice(0, -2);
    } else if (raw.endsWith('s') && /['’]/.test(text[end] ?? '') && !/\p{L}/u.test(text[end + 1] ?? '')) {
      possessive = true;
    }
    const afterMatch = /^[^\s\p{L}\p{N}]*/u.exec(text.slice(end, Math.min(span.end, end + 4)));
    tokens.push({ start: m.index, end, text: textOut, capitalized: /^\p{Lu}/u.test(raw), possessive, after: afterMatch ? afterMatch[0] : '' });
  }
  return tokens;
}

/** Lower-cased words for comparing quotes: contractions expanded, apostrophes and case folded. */
export function normalizedWords(text: string): string[] {
  const out: string[] = [];
  const word = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}]+)*/gu;
  for (const m of text.matchAll(word)) {
    const w = m[0].toLowerCase().replace(/’/g, "'");
    const expanded = CONTRACTIONS[w];
    if (expanded) out.push(...expanded);
    else if (w.endsWith("n't")) out.push(w.slice(0, -3), 'not');
    else if (w.endsWith("'s")) out.push(w.slice(0, -2));
    else if (/'(?:re|ve|ll|d|m)$/.test(w)) out.push(w.slice(0, w.indexOf("'")), CONTRACTION_TAILS[w.slice(w.indexOf("'") + 1)]!);
    else out.push(w);
  }
  return out;
}

const CONTRACTIONS: Readonly<Record<string, readonly string[]>> = {
  "don't": ['do', 'not'], "doesn't": ['does', 'not'], "didn't": ['did', 'not'], "can't": ['can', 'not'],
  "won't": ['will', 'not'], "shan't": ['shall', 'not'], "let's": ['let', 'us'], "i'm": ['i', 'am'],
  "isn't": ['is', 'not'], "aren't": ['are', 'not'], "wasn't": ['was', 'not'], "weren't": ['were', 'not'],
  "haven't": ['have', 'not'], "hasn't": ['has', 'not'], "hadn't": ['had', 'not'], "couldn't": ['could', 'not'],
  "wouldn't": ['would', 'not'], "shouldn't": ['should', 'not'], "mustn't": ['must', 'not'], "ain't": ['is', 'not'],
};
const CONTRACTION_TAILS: Readonly<Record<string, string>> = { re: 'are', ve: 'have', ll: 'will', d: 'would', m: 'am' };

export const NEGATIONS = new Set(['not', 'no', 'never', 'nobody', 'nothing', 'none', 'neither', 'nor', 'nowhere', 'cannot']);
