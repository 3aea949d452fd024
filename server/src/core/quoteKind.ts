import { NAMING_CUES, REPORTING_VERBS } from './vocabulary';

export type QuoteKind = 'speech' | 'fragment' | 'name';

/**
 * Tells a quoted utterance from a few quoted words inside the reporter's sentence and from a quoted
 * name or scare quote. `before` is the text of the sentence (outside quotations) up to the opening mark.
 */
const WORDS = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

export function quoteKind(quoted: string, before: string, sentenceHasReportingVerb: boolean): QuoteKind {
  // Only short quotations are told apart by their words: seven are enough to know one is not short.
  const words: string[] = [];
  for (const m of quoted.matchAll(WORDS)) if (words.push(m[0]) > 6) break;
  const trimmedBefore = before.trimEnd();
  const previousWord = trimmedBefore.match(/[\p{L}-]+/gu)?.pop()?.toLowerCase();
  const lastChar = trimmedBefore.slice(-1);
  const endsWithStop = /[.!?…,;]$/u.test(quoted.trimEnd());

  const titleCase = words.length > 0 && words.every((w) => /^[\p{Lu}\p{N}]/u.test(w) || w.length <= 3);
  const endsSentence = /[.!?…;]$/u.test(quoted.trimEnd());
  if (words.length <= 6 && !endsSentence && titleCase && previousWord !== undefined && NAMING_CUES.has(previousWord)) return 'name';
  if (words.length <= 2 && !endsWithStop && !sentenceHasReportingVerb && /[\p{L}]$/u.test(trimmedBefore)) return 'name';

  // A quotation that opens its sentence or follows ":" / "," / "that" is an utterance in its own right.
  if (trimmedBefore === '' || /[:,;—–(\-]$/u.test(lastChar) || previousWord === 'that' || /[.!?]$/u.test(lastChar)) return 'speech';
  if (previousWord !== undefined && REPORTING_VERBS.has(previousWord) && words.length >= 5 && /^\p{Lu}/u.test(quoted)) return 'speech';
  return 'fragment';
}
