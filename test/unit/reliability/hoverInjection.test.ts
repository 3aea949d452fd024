import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { MarkupContent, Range } from 'vscode-languageserver';
import { WorkspaceIndex } from '../../../server/src/core/workspaceIndex';
import { provideHover } from '../../../server/src/features/hover';
import { openLink } from '../../../server/src/features/lookup';
import { defineJob, inMocha, runBounded } from './bounded';
import { checkMarkdown, parser, storiesArb, URIS } from './markdownChecks';


const injectionJob = defineJob('hover injection', (progress) => {
  let hovers = 0;
  let tables = 0;
  fc.assert(
    fc.property(storiesArb, (texts) => {
      progress(texts);
      const index = new WorkspaceIndex();
      texts.forEach((text, i) => index.setDocument(URIS[i]!, text));
      const allowed = new Set<string>();
      for (const doc of index.documents()) for (const q of doc.analysis.quotes) allowed.add(openLink(doc.uri, doc.lines.rangeOf(q.span) as Range));
      for (const doc of index.documents()) {
        const points = [...doc.analysis.quotes.map((q) => q.span.start), ...[...doc.analysis.mentions].map((m) => m.start)];
        for (const offset of points) {
          const hover = provideHover(index, doc.uri, doc.lines.positionAt(offset));
          if (!hover) continue;
          hovers++;
          const value = (hover.contents as MarkupContent).value;
          if (value.includes('| Source |')) tables++;
          checkMarkdown(value, allowed);
        }
      }
    }),
    { numRuns: 200, seed: 0x5eed7, endOnFailure: true },
  );
  // The property means something only if the hovers carried the payloads in comparison tables.
  assert.ok(hovers > 1000 && tables > 600, `${hovers} hovers, ${tables} with a comparison table`);
});

/** Characters that could end a Markdown link target, open another, split a table row or start HTML. */
const HOSTILE = [' ', '(', ')', '[', ']', '<', '>', '|', '`', '\\', '"', "'", '&', '#', '%', '*', '_', '!', '\n', '\t', 'ü', '😀', 'command:x', '&lt;', '](command:x)'];
const uriPieceArb = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ unit: 'grapheme', maxLength: 3 }),
  fc.constantFrom(...HOSTILE, 'a', 'é').map((c) => encodeURIComponent(c)),
);
/** A document uri whose file name carries those characters, raw or already percent-encoded. */
const hostileUriArb = fc.array(uriPieceArb, { minLength: 1, maxLength: 8 }).map((pieces) => `file:///ws/${pieces.join('')}.articles`);
const SAFE_LINK = /^[\w\-.~:/@!$+,;=%]+#L\d+,\d+$/;

/** The uri as a name: its well-formed %XX sequences decoded, a bare % kept. */
function decoded(uri: string): string {
  return uri.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

const hostileUriJob = defineJob('hover links to hostile file names', (progress) => {
  let links = 0;
  fc.assert(
    fc.property(storiesArb, hostileUriArb, hostileUriArb, (texts, first, second) => {
      progress([texts, first, second]);
      if (first === second) return;
      const uris = [first, second];
      const index = new WorkspaceIndex();
      texts.forEach((text, i) => index.setDocument(uris[i]!, text));
      const allowed = new Set<string>();
      for (const doc of index.documents()) for (const q of doc.analysis.quotes) allowed.add(openLink(doc.uri, doc.lines.rangeOf(q.span) as Range));
      for (const doc of index.documents()) {
        for (const q of doc.analysis.quotes) {
          const hover = provideHover(index, doc.uri, doc.lines.positionAt(q.span.start));
          if (!hover) continue;
          const value = (hover.contents as MarkupContent).value;
          links += value.split('#L').length - 1;
          checkMarkdown(value, allowed);
        }
      }
    }),
    { numRuns: 60, seed: 0x11a7e, endOnFailure: true },
  );
  assert.ok(links > 200, `only ${links} links in the hovers`);
});

if (inMocha) {
  describe('reliability: no injection through hovers', function () {
    this.timeout(120000);
    it('the markdown parser used as an oracle is available (markdown-it, via @vscode/vsce)', function () {
      if (!parser) this.skip();
    });
    it('links, images, HTML and commands in quotes, sources, dates, speakers and aliases never become active in a hover', () => runBounded(injectionJob, 60000));
    it('a hover’s link to a document whose name has spaces, brackets, pipes, backticks or line breaks stays one link to it', () => runBounded(hostileUriJob, 60000));

    it('openLink percent-encodes what could break out of a link target, and still names the same file', () => {
      const range = { start: { line: 2, character: 4 }, end: { line: 2, character: 9 } };
      assert.equal(openLink('file:///ws/a b(1).articles', range), 'file:///ws/a%20b%281%29.articles#L3,5');
      assert.equal(openLink('file:///ws/x)%20y%zz.articles', range), 'file:///ws/x%29%20y%25zz.articles#L3,5', 'a valid %XX is kept, a bare % encoded');
      assert.equal(openLink('file:///c%3A/Users/me/Stories/a.articles', range), 'file:///c%3A/Users/me/Stories/a.articles#L3,5', 'a uri as VS Code writes it is unchanged');
      fc.assert(
        fc.property(hostileUriArb, (uri) => {
          const link = openLink(uri, range);
          assert.match(link, SAFE_LINK);
          const target = link.slice(0, link.lastIndexOf('#L'));
          assert.equal(decodeURIComponent(target), decoded(uri).replace(/\p{Cs}/gu, '\uFFFD'), 'the link names the same file');
          if (!parser) return;
          // In a hover table row: one link, to exactly this target, and the row keeps its four cells.
          const row = `| Source | Date | Type | Text |\n| --- | --- | --- | --- |\n| [x](${link}) | d | t | w |`;
          const hrefs: string[] = [];
          let cells = 0;
          const walk = (tokens: ReadonlyArray<{ type: string; attrs: Array<[string, string]> | null; children: unknown[] | null }>): void => {
            for (const t of tokens) {
              if (t.type === 'link_open') hrefs.push(t.attrs?.find(([k]) => k === 'href')?.[1] ?? '');
              if (t.type === 'td_open') cells++;
              if (t.children) walk(t.children as typeof tokens);
            }
          };
          walk(parser.parse(row, {}));
          assert.deepEqual(hrefs, [link]);
          assert.equal(cells, 4);
        }),
        { numRuns: 2000, seed: 0x0be11 },
      );
    });
  });
}
