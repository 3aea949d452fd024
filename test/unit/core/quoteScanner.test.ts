import { strict as assert } from 'node:assert';
import { ProblemCode } from '../../../server/src/core/model';
import { scanQuotes, type ScannedQuote } from '../../../server/src/core/quoteScanner';
import { parseStory } from '../../../server/src/core/storyParser';

/** Scans a plain article (a paragraph per non-blank line) and returns the quotations as the analyser joins them. */
function scan(text: string): { quotes: Array<ScannedQuote & { text: string }>; problems: Array<{ code: string; at: number }> } {
  const paragraphs = parseStory(text).articles[0]!.paragraphs;
  const result = scanQuotes(text, paragraphs);
  return {
    quotes: result.quotes.map((q) => ({ ...q, text: joined(text, q) })),
    problems: result.problems.map((p) => ({ code: p.code, at: p.span.start })),
  };
}

/** The quoted words; the parts of a quotation continued over paragraphs are joined with the break between them. */
function joined(text: string, q: ScannedQuote): string {
  return q.parts.map((part, i) => (i > 0 ? text.slice(q.parts[i - 1]!.end, part.start - 1) : '') + text.slice(part.start, part.end)).join('');
}

const texts = (text: string): string[] => scan(text).quotes.map((q) => q.text);

describe('quoteScanner', () => {
  describe('quote styles', () => {
    it('reads curly double quotes, with the words between the marks', () => {
      const text = '“We have never seen water this high,” Mayor Rosa Delgado said.';
      const { quotes, problems } = scan(text);
      assert.equal(quotes.length, 1);
      const q = quotes[0]!;
      assert.equal(q.text, 'We have never seen water this high,');
      assert.deepEqual({ open: q.open, end: q.end, family: q.family, closed: q.closed, depth: q.depth }, { open: 0, end: text.indexOf('”') + 1, family: 'double', closed: true, depth: 0 });
      assert.deepEqual(problems, []);
    });

    it('reads straight double quotes, two in one sentence', () => {
      assert.deepEqual(texts('"We asked for money," she said, "and nobody listened."'), ['We asked for money,', 'and nobody listened.']);
    });

    it('reads British single quotes as the main quotes, with double quotes nested inside', () => {
      const text = '‘I said in March, “No docker will be forced out of a job,” and that promise stands,’ Graham Pell said.';
      const { quotes, problems } = scan(text);
      assert.deepEqual(
        quotes.map((q) => [q.text, q.family, q.depth, q.parent]),
        [
          ['I said in March, “No docker will be forced out of a job,” and that promise stands,', 'single', 0, undefined],
          ['No docker will be forced out of a job,', 'double', 1, 0],
        ],
      );
      assert.deepEqual(problems, []);
    });

    it('reads straight double quotes with straight single quotes nested inside', () => {
      const { quotes } = scan(`He said: "I said in March, 'No docker will be forced out,' and that stands."`);
      assert.deepEqual(
        quotes.map((q) => [q.text, q.family, q.parent]),
        [
          ["I said in March, 'No docker will be forced out,' and that stands.", 'double', undefined],
          ['No docker will be forced out,', 'single', 0],
        ],
      );
    });

    it('reads «guillemets» with “double quotes” nested inside', () => {
      const { quotes, problems } = scan('«I told my French colleague: “Étienne, we cannot pay for this alone.” He understood that», she said.');
      assert.deepEqual(
        quotes.map((q) => [q.text, q.family, q.parent]),
        [
          ['I told my French colleague: “Étienne, we cannot pay for this alone.” He understood that', 'guillemet', undefined],
          ['Étienne, we cannot pay for this alone.', 'double', 0],
        ],
      );
      assert.deepEqual(problems, []);
    });

    it('reads „low-high“ quotes, closed by “ before a comma or at the end of a paragraph', () => {
      const { quotes, problems } = scan('„I do not believe the fund is dead“, Kessler said. „We will find the money, but we will find it together.“');
      assert.deepEqual(
        quotes.map((q) => [q.text, q.family, q.closed]),
        [
          ['I do not believe the fund is dead', 'double', true],
          ['We will find the money, but we will find it together.', 'double', true],
        ],
      );
      assert.deepEqual(problems, []);
    });
  });

  describe('apostrophes are not quotation marks', () => {
    it('outside quotations: don’t, let’s, Iran’s, players’, ’90s, rock ’n’ roll, O’Neill, straight or curly', () => {
      const text = [
        'In the ’90s, rock ’n’ roll was everywhere, and the players’ union didn’t mind.',
        "Iran's envoy said: let's not ask O'Neill or O’Neill about the '90s, don't.",
        'It was the coach’s fault and the fans’ anger was real.',
      ].join('\n\n');
      assert.deepEqual(scan(text), { quotes: [], problems: [] });
    });

    it('inside double quotes', () => {
      assert.deepEqual(texts('“Don’t blame the players’ union for the ’90s, let’s blame rock ’n’ roll,” O’Neill said.'), [
        'Don’t blame the players’ union for the ’90s, let’s blame rock ’n’ roll,',
      ]);
      assert.deepEqual(texts(`"Don't blame the players' union for the '90s, let's blame Iran's envoy," O'Neill said.`), [
        "Don't blame the players' union for the '90s, let's blame Iran's envoy,",
      ]);
    });

    it('inside British single quotes, between letters', () => {
      const { quotes, problems } = scan('‘We want what’s fair, and Ms O’Neill knows it; let’s not pretend otherwise,’ she said.');
      assert.deepEqual(quotes.map((q) => q.text), ['We want what’s fair, and Ms O’Neill knows it; let’s not pretend otherwise,']);
      assert.deepEqual(problems, []);
    });
  });

  describe('paragraphs', () => {
    it('continues a double-quoted quotation when the next paragraph reopens it, joined by the paragraph break', () => {
      const text = 'Earl Whitcomb shook his head. "This one I\'m not riding out. My wife made me promise.\n\n"We\'ll come back when the water goes down," he said.';
      const { quotes, problems } = scan(text);
      assert.equal(quotes.length, 1);
      const q = quotes[0]!;
      assert.equal(q.text, "This one I'm not riding out. My wife made me promise.\n\nWe'll come back when the water goes down,");
      assert.equal(q.parts.length, 2);
      assert.equal(q.closed, true);
      assert.equal(q.open, text.indexOf('"'));
      assert.deepEqual(problems, []);
    });

    it('continues a British single-quoted quotation over paragraphs', () => {
      const text = '‘We have put three proposals on the table. All three were thrown out within a day.\n\n‘So let’s be clear about who walked away. It wasn’t the dockers.’';
      const { quotes, problems } = scan(text);
      assert.deepEqual(
        quotes.map((q) => [q.text, q.parts.length, q.closed]),
        [['We have put three proposals on the table. All three were thrown out within a day.\n\nSo let’s be clear about who walked away. It wasn’t the dockers.', 2, true]],
      );
      assert.deepEqual(problems, []);
    });

    it('ends an unclosed quotation with its paragraph, reports its mark, and reads the next paragraph afresh', () => {
      const text = '"We asked for money in 2019," she said. "Nobody listened.\n\nThe levee last failed in 2011, when engineers said it "would hold for decades."';
      const { quotes, problems } = scan(text);
      const stray = text.indexOf('"Nobody');
      assert.deepEqual(
        quotes.map((q) => [q.text, q.closed]),
        [
          ['We asked for money in 2019,', true],
          ['Nobody listened.', false],
          ['would hold for decades.', true],
        ],
      );
      assert.equal(quotes[1]!.end, text.indexOf('\n'), 'the unclosed quotation ends with its paragraph');
      assert.deepEqual(problems, [{ code: ProblemCode.UnbalancedQuote, at: stray }]);
    });

    it('reports a closing mark that has no opening mark', () => {
      const text = 'The levee held” for now, officials said.';
      assert.deepEqual(scan(text), { quotes: [], problems: [{ code: ProblemCode.UnbalancedQuote, at: text.indexOf('”') }] });
    });

    it('ends a nested quotation left open when the outer one closes, and says so', () => {
      const text = '“He told me ‘no and walked out,” she said.';
      const { quotes, problems } = scan(text);
      assert.deepEqual(quotes.map((q) => [q.text, q.parent]), [['He told me ‘no and walked out,', undefined], ['no and walked out,', 0]]);
      assert.deepEqual(problems, [{ code: ProblemCode.UnclosedNestedQuote, at: text.indexOf('‘') }]);
    });
  });
});
