// The words of /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’]\p{L}+)*/gu, by hand: the regular expression and a
// match object per word were most of the time spent reading quotes for the variant groups. The scan
// never backtracks.
import { codePointClass as classAt, codePointWidth as widthAt, LETTER, NUMBER, OTHER } from './codePointClass';

function isApostrophe(code: number): boolean {
  return code === 39 || code === 0x2019;
}

const CONTRACTIONS: ReadonlyMap<string, readonly string[]> = new Map([
  ["don't", ['do', 'not']], ["doesn't", ['does', 'not']], ["didn't", ['did', 'not']], ["can't", ['can', 'not']],
  ["won't", ['will', 'not']], ["shan't", ['shall', 'not']], ["let's", ['let', 'us']], ["i'm", ['i', 'am']],
  ["isn't", ['is', 'not']], ["aren't", ['are', 'not']], ["wasn't", ['was', 'not']], ["weren't", ['were', 'not']],
  ["haven't", ['have', 'not']], ["hasn't", ['has', 'not']], ["hadn't", ['had', 'not']], ["couldn't", ['could', 'not']],
  ["wouldn't", ['would', 'not']], ["shouldn't", ['should', 'not']], ["mustn't", ['must', 'not']], ["ain't", ['is', 'not']],
]);
const CONTRACTION_TAILS: Readonly<Record<string, string>> = { re: 'are', ve: 'have', ll: 'will', d: 'would', m: 'am' };

/** Lower-cased words for comparing quotes: contractions expanded, apostrophes and case folded. */
export function normalizedWords(text: string): string[] {
  const out: string[] = [];
  const length = text.length;
  let i = 0;
  while (i < length) {
    const first = classAt(text, i);
    if (first !== LETTER && first !== NUMBER) {
      i += widthAt(text, i);
      continue;
    }
    const start = i;
    i += widthAt(text, i);
    while (i < length && classAt(text, i) !== OTHER) i += widthAt(text, i);
    let apostrophe = false;
    while (i + 1 < length && isApostrophe(text.charCodeAt(i)) && classAt(text, i + 1) === LETTER) {
      apostrophe = true;
      i++;
      while (i < length && classAt(text, i) === LETTER) i += widthAt(text, i);
    }
    const word = text.slice(start, i).toLowerCase();
    if (apostrophe) pushContraction(out, word.replace(/’/g, "'"));
    else out.push(word);
  }
  return out;
}

function pushContraction(out: string[], w: string): void {
  const expanded = CONTRACTIONS.get(w);
  if (expanded) out.push(...expanded);
  else if (w.endsWith("n't")) out.push(w.slice(0, -3), 'not');
  else if (w.endsWith("'s")) out.push(w.slice(0, -2));
  else if (/'(?:re|ve|ll|d|m)$/.test(w)) out.push(w.slice(0, w.indexOf("'")), CONTRACTION_TAILS[w.slice(w.indexOf("'") + 1)]!);
  else out.push(w);
}
