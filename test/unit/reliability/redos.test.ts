import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isAnnotationLine, parseAnnotation } from '../../../server/src/core/annotationParser';
import { splitLines, trimSpan } from '../../../server/src/core/lines';
import { quoteKind } from '../../../server/src/core/quoteKind';
import { readDelimiter } from '../../../server/src/core/storyParser';
import { normalizedWords, tokenize } from '../../../server/src/core/tokens';
import { escapeMarkdown } from '../../../server/src/features/markdown';
import { defineJob, inMocha, runBounded } from './bounded';

/**
 * A generous linear budget: 500 ms for 100,000 characters (a linear pass takes a few ms; a quadratic one
 * takes seconds to minutes), the best of three tries, so a loaded machine does not fail a linear one.
 */
const N = 100_000;
const BUDGET_MS = 500;
const TRIES = 3;

/** Long runs of what the patterns look for, each ended by a character that makes a match fail late. */
export function adversarialInputs(n = N): Array<[string, string]> {
  const run = (unit: string, end = '!'): string => unit.repeat(Math.ceil(n / unit.length)).slice(0, n) + end;
  return [
    ['spaces', run(' ')],
    ['tabs and no-break spaces', run('\t \u00a0')],
    ['equals signs', run('=', 'x')],
    ['"= " pairs', run('= ')],
    ['straight double quotes', run('"')],
    ['curly quotes', run('“”')],
    ['apostrophes', run("'")],
    ['letters and apostrophes', run("a'")],
    ['letters and curly apostrophes', run('a’')],
    ['letters', run('a')],
    ['capitals', run('A')],
    ['initialisms', run('A.', 'a')],
    ['letters and dots', run('a.')],
    ['letters and hyphens', run('a-')],
    ['letters and dashes', run('a–')],
    ['words', run('ab ')],
    ['words and commas', run('word, ')],
    ['combining marks', run('e\u0301')],
    ['emoji', run('😀')],
    ['digits', run('1')],
    ['CRLF', run('\r\n')],
    ['an annotation with a long name', '@actor ' + run('a ') + ' [person'],
    ['a speaker annotation with spaces', '@speaker "' + run(' ') + '" #1 ='],
    ['a long header key', run('a') + ':'],
    ['hashes and digits', run('#1')],
    ['ellipses', run('.', 'x') + '..'],
    ['markdown characters', run('[](!)<>*_`')],
  ];
}

/** The regular-expression literals of a TypeScript file, found by a small lexer (strings, comments, templates). */
export function regexLiterals(source: string): Array<{ line: number; pattern: string; flags: string }> {
  const found: Array<{ line: number; pattern: string; flags: string }> = [];
  const keywords = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'yield', 'await', 'instanceof']);
  let i = 0;
  let prev = ''; // the last significant token: a punctuator character or a word
  const templateDepth: number[] = []; // brace depth at which each open template's `${` started
  let braces = 0;
  const lineAt = (at: number): number => source.slice(0, at).split('\n').length;
  const skipString = (quote: string): void => {
    for (i++; i < source.length && source[i] !== quote; i++) if (source[i] === '\\') i++;
    i++;
  };
  const skipTemplate = (): void => {
    // From just inside a template (after ` or after the } closing a substitution) to its end or to `${`.
    for (; i < source.length; i++) {
      if (source[i] === '\\') i++;
      else if (source[i] === '`') {
        i++;
        return;
      } else if (source[i] === '$' && source[i + 1] === '{') {
        i += 2;
        templateDepth.push(braces);
        braces++;
        return;
      }
    }
  };
  while (i < source.length) {
    const c = source[i]!;
    if (c === '/' && source[i + 1] === '/') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (c === '/' && source[i + 1] === '*') {
      i = source.indexOf('*/', i + 2) + 2;
    } else if (c === '"' || c === "'") {
      skipString(c);
      prev = 'string';
    } else if (c === '`') {
      i++;
      skipTemplate();
      prev = 'string';
    } else if (c === '}' && templateDepth.length > 0 && templateDepth[templateDepth.length - 1] === braces - 1) {
      templateDepth.pop();
      braces--;
      i++;
      skipTemplate();
      prev = 'string';
    } else if (c === '/') {
      const regexAllowed = prev === '' || /^[(,=:[!&|?{};+\-*%<>~^]$/.test(prev) || keywords.has(prev);
      if (!regexAllowed) {
        i++;
        prev = '/';
        continue;
      }
      const start = i;
      let inClass = false;
      for (i++; i < source.length; i++) {
        const ch = source[i]!;
        if (ch === '\\') i++;
        else if (ch === '[') inClass = true;
        else if (ch === ']') inClass = false;
        else if (ch === '/' && !inClass) break;
      }
      const pattern = source.slice(start + 1, i);
      i++;
      const flags = /^[a-z]*/.exec(source.slice(i))![0];
      i += flags.length;
      found.push({ line: lineAt(start), pattern, flags });
      prev = 'regex';
    } else if (/[\w$]/.test(c)) {
      const word = /^[\w$]+/.exec(source.slice(i))![0];
      i += word.length;
      prev = word;
    } else {
      if (c === '{') braces++;
      if (c === '}') braces--;
      if (!/\s/.test(c)) prev = c;
      i++;
    }
  }
  return found;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : full.endsWith('.ts') ? [full] : [];
  });
}

/** Runs a regex over the whole input the way the code does: every match for g/y, else the first. */
function runRegex(regex: RegExp, input: string): void {
  if (!regex.global && !regex.sticky) {
    regex.exec(input);
    return;
  }
  regex.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = regex.exec(input)) !== null) if (m[0].length === 0) regex.lastIndex++;
}

const timed = (what: string, work: () => void): void => {
  let ms = Infinity;
  for (let attempt = 0; attempt < TRIES && ms >= BUDGET_MS; attempt++) {
    const start = performance.now();
    work();
    ms = performance.now() - start;
  }
  assert.ok(ms < BUDGET_MS, `${what} took ${ms.toFixed(0)} ms on ${N.toLocaleString('en')} characters (budget ${BUDGET_MS} ms): super-linear matching`);
};

const regexJob = defineJob('every regex literal of the core on adversarial input', (progress) => {
  const root = join(process.cwd(), 'server', 'src', 'core');
  const literals = filesUnder(root).flatMap((file) => regexLiterals(readFileSync(file, 'utf8')).map((l) => ({ ...l, file: relative(process.cwd(), file) })));
  // A sanity check on the lexer: the core is full of patterns, and each must compile as found.
  assert.ok(literals.length >= 40, `only ${literals.length} regex literals found`);
  const inputs = adversarialInputs();
  for (const { file, line, pattern, flags } of literals) {
    const regex = new RegExp(pattern, flags);
    for (const [name, input] of inputs) {
      progress(`${file}:${line} /${pattern}/${flags} on ${name}`);
      timed(`${file}:${line} /${pattern}/${flags} on ${name}`, () => runRegex(regex, input));
    }
  }
});

const functionsJob = defineJob('the core’s text functions on adversarial input', (progress) => {
  for (const [name, input] of adversarialInputs()) {
    const span = { start: 0, end: input.length };
    const calls: Array<[string, () => unknown]> = [
      ['tokenize', () => tokenize(input, span)],
      ['normalizedWords', () => normalizedWords(input)],
      ['quoteKind (quoted)', () => quoteKind(input, 'he said', true)],
      ['quoteKind (before)', () => quoteKind('words', input, false)],
      ['parseAnnotation', () => (isAnnotationLine(input) ? parseAnnotation(input, 0) : parseAnnotation(`@speaker ${input}`, 0))],
      ['readDelimiter', () => readDelimiter(input)],
      ['splitLines', () => splitLines(input)],
      ['trimSpan', () => trimSpan(input, span)],
      ['escapeMarkdown', () => escapeMarkdown(input)],
    ];
    for (const [fn, call] of calls) {
      progress(`${fn} on ${name}`);
      timed(`${fn} on ${name}`, call);
    }
  }
});

if (inMocha) {
  describe('reliability: no super-linear regular expressions', function () {
    this.timeout(180000);
    it('the lexer finds regex literals past strings, comments and templates', () => {
      const found = regexLiterals('const a = "/x/"; // /y/\nconst b = `${"/"}` + /z+/g; /* /w/ */ const c = x / 2 / 3; if (/^[/]$/.test(s)) return /a\\/b/u;');
      assert.deepEqual(
        found.map((f) => `/${f.pattern}/${f.flags}`),
        ['/z+/g', '/^[/]$/', '/a\\/b/u'],
      );
    });
    it('every regex literal in server/src/core runs in linear time on 100,000-character adversarial inputs', () => runBounded(regexJob, 150000));
    it('the core’s text functions run in linear time on the same inputs', () => runBounded(functionsJob, 60000));
  });
}
