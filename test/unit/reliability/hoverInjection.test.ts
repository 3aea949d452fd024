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
        const points = [...doc.analysis.quotes.map((q) => q.span.start), ...doc.analysis.mentions.map((m) => m.start)];
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

if (inMocha) {
  describe('reliability: no injection through hovers', function () {
    this.timeout(120000);
    it('the markdown parser used as an oracle is available (markdown-it, via @vscode/vsce)', function () {
      if (!parser) this.skip();
    });
    it('links, images, HTML and commands in quotes, sources, dates, speakers and aliases never become active in a hover', () => runBounded(injectionJob, 60000));
  });
}
