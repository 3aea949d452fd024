import { strict as assert } from 'node:assert';
import fc from 'fast-check';

/**
 * Stories carrying link, image, HTML and command payloads in every place a hover shows, and the check
 * that a hover's markdown renders none of them.
 */

export const URIS = ['file:///ws/a.articles', 'file:///ws/b.articles'];

/** What an article could carry to make a hover run a command, load an image or render HTML. */
const PAYLOADS = [
  '[x](command:workbench.action.terminal.new)',
  '[x]( command:workbench.action.terminal.new )',
  '[x](<command:workbench.action.terminal.new>)',
  '<img src=x onerror=alert(1)>',
  '<a href="command:workbench.action.terminal.new">open</a>',
  '<script>alert(1)</script>',
  '<!-- hidden -->',
  'file:///etc/passwd',
  '[p](file:///etc/passwd)',
  'javascript:alert(1)',
  '[j](javascript:alert(1))',
  '![a](http://x/a.png)',
  '![a][r]',
  '[r]: command:workbench.action.terminal.new',
  '<https://evil.example/x>',
  'https://evil.example/x',
  'www.evil.example',
  '&#60;img src=x onerror=alert(1)&#62;',
  '&lt;b&gt;',
  '\\[x\\](command:y)',
  '\\\\[x](command:y)',
  '`code` ``x``',
  '| a | b |',
  '*b* _i_ ~~s~~ **B**',
  '[x]\n(command:y)',
  '[x](command:y "title")',
];

const fragmentArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...PAYLOADS) },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.constantFrom('[', ']', '(', ')', '<', '>', '!', ':', '//', 'command', 'file', 'javascript', 'img', '`', '*', '_', '\\', '&', '#', ';', '|', '"', '=', '~', '-', 'x', ' ', '\n'), {
        minLength: 1,
        maxLength: 16,
      })
      .map((a) => a.join('')),
  },
);

/** Two stories whose articles quote the same words with payloads in the quote, the source, the date and the speaker. */
export const storiesArb = fc.tuple(fc.array(fragmentArb, { minLength: 6, maxLength: 6 }), fc.boolean()).map(([p, sameFile]) => {
  const oneLine = (s: string): string => s.replace(/[\r\n]/g, ' ');
  const article = (source: string, date: string, speaker: string, extra: string): string =>
    [
      `=== ${oneLine(source)} ===`,
      `date: ${oneLine(date)}`,
      `@speaker "We are ready to help find a solution" = ${oneLine(speaker)}`,
      `@actor ${oneLine(speaker).replace(/[[\]:]/g, '')} [person]: ${oneLine(extra).replace(/[[\]:]/g, '')}`,
      '',
      `Vladimir Putin said: “We are ready to help find a solution ${extra} between Israel and Iran.” ${oneLine(extra)} agreed.`,
    ].join('\n');
  const a = article(p[0]!, p[1]!, p[2]!, p[3]!);
  const b = article(p[4]!, p[5]!, p[0]!, `${p[1]!} ${p[2]!}`);
  const c = article(`Outlet ${p[3]!}`, p[4]!, `Jane ${p[5]!}`, '');
  return sameFile ? [[a, b, c].join('\n\n')] : [[a, c].join('\n\n'), b];
});

/** Checks the markdown of a hover: the only links are our own links to workspace documents. */
export function checkMarkdown(value: string, allowed: ReadonlySet<string>): void {
  let rest = value;
  for (const link of allowed) rest = rest.split(`](${link})`).join(']');
  const context = (i: number): string => JSON.stringify(rest.slice(Math.max(0, i - 40), i + 40));
  const escaped = (i: number): boolean => {
    let n = 0;
    while (i - n - 1 >= 0 && rest[i - n - 1] === '\\') n++;
    return n % 2 === 1;
  };
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i]!;
    assert.ok(c !== '<', `a raw "<" in the hover: ${context(i)}`);
    if (c === ']' && rest[i + 1] === '(' && !escaped(i)) assert.fail(`an active link in the hover: ${context(i)}`);
    if (c === '!' && rest[i + 1] === '[' && !escaped(i + 1)) assert.fail(`an image in the hover: ${context(i)}`);
    if (c === '`' && !escaped(i)) assert.fail(`a code span in the hover: ${context(i)}`);
  }
  for (const scheme of ['command:', 'file:', 'javascript:', 'http:', 'https:', 'data:']) {
    assert.ok(!rest.toLowerCase().includes(scheme), `"${scheme}" in the hover: ${context(rest.toLowerCase().indexOf(scheme))}`);
  }
  assert.ok(!value.includes('<!--'), 'an HTML comment in the hover');
  checkWithParser(value, allowed);
}

interface MdToken {
  type: string;
  content: string;
  attrs: Array<[string, string]> | null;
  children: MdToken[] | null;
}
type MdParser = { parse(src: string, env: object): MdToken[]; validateLink: (url: string) => boolean };

/** markdown-it (CommonMark, with HTML and bare-URL links on, every scheme allowed), when it is installed. */
export const parser: MdParser | undefined = (() => {
  try {
    const MarkdownIt = module.require('markdown-it') as new (options: object) => MdParser;
    const md = new MarkdownIt({ html: true, linkify: true });
    md.validateLink = () => true;
    return md;
  } catch {
    return undefined;
  }
})();

function checkWithParser(value: string, allowed: ReadonlySet<string>): void {
  if (!parser) return;
  const tokens = parser.parse(value, {});
  let cells = 0;
  const walk = (list: readonly MdToken[]): void => {
    for (const t of list) {
      assert.ok(!t.type.startsWith('html'), `HTML from the article is rendered: ${JSON.stringify(t.content)} in ${JSON.stringify(value)}`);
      assert.ok(t.type !== 'image', `an image is rendered: ${JSON.stringify(value)}`);
      assert.ok(t.type !== 'code_inline', `a code span is rendered: ${JSON.stringify(t.content)}`);
      if (t.type === 'link_open') {
        const href = t.attrs?.find(([k]) => k === 'href')?.[1] ?? '';
        assert.ok(allowed.has(href), `a link to ${JSON.stringify(href)} is rendered: ${JSON.stringify(value)}`);
      }
      if (t.type === 'tr_open') cells = 0;
      if (t.type === 'td_open' || t.type === 'th_open') cells++;
      if (t.type === 'tr_close') assert.equal(cells, 4, `a table row with ${cells} cells: ${JSON.stringify(value)}`);
      if (t.children) walk(t.children);
    }
  };
  walk(tokens);
}
