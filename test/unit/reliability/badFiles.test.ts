import { strict as assert } from 'node:assert';
import { isUtf8 } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { WorkspaceIndex } from '../../../server/src/core/workspaceIndex';
import { provideDiagnostics } from '../../../server/src/features/diagnostics';
import { provideDocumentSymbols } from '../../../server/src/features/symbols';
import { decodeStoryBytes } from '../../../server/src/fsWorkspace';
import { defineJob, inMocha, runBounded } from './bounded';
import { BASE_TEXTS } from './storyArbitraries';

const URI = 'file:///ws/bad.articles';

/** Decodes, then (when it is text) indexes and asks the features, as the server and the CLI would. */
function readAndAnalyse(bytes: Uint8Array): void {
  const read = decodeStoryBytes(bytes);
  const buffer = Buffer.from(bytes);
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  const nul = buffer.subarray(0, 8192).includes(0);
  if (!read.ok) {
    assert.ok(utf16 || nul || !isUtf8(buffer), `refused a good UTF-8 file: ${read.reason}`);
    assert.match(read.reason, /UTF-8/, 'the reason says what would work');
    assert.ok(!/[\r\n]/.test(read.reason), 'the reason is one line');
    return;
  }
  assert.ok(!utf16 && !nul && isUtf8(buffer), 'accepted a file it should refuse');
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  assert.equal(read.text, buffer.toString('utf8').slice(bom ? 1 : 0), 'the text is the UTF-8 decoding, without a BOM');
  const index = new WorkspaceIndex();
  index.setDocument(URI, read.text);
  index.setDocument('file:///ws/b.articles', BASE_TEXTS[1]!);
  provideDiagnostics(index, URI);
  provideDocumentSymbols(index, URI);
  index.variantGroups();
}

const utf8Of = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf8'));

/** Random bytes of three kinds: anything, mostly ASCII, and valid UTF-8 with a few bytes flipped. */
const bytesArb: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc.array(fc.oneof({ weight: 20, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) }, fc.constantFrom(0x0a, 0x0d, 0x09, 0x00, 0x80, 0xc3, 0xe2, 0xf0, 0xff, 0xfe, 0xef, 0xbb, 0xbf)), { maxLength: 400 }).map((a) => new Uint8Array(a)),
  fc
    .tuple(fc.string({ unit: 'grapheme', maxLength: 120 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }), fc.constantFrom('', '\uFEFF', '=== A ===\n\n“', '\u201c'))
    .map(([s, flips, prefix]) => {
      const bytes = utf8Of(prefix + s);
      for (const [at, value] of flips) if (bytes.length > 0) bytes[at % bytes.length] = value;
      return bytes;
    }),
);

const randomBytesJob = defineJob('random bytes', (progress) => {
  let cases = 0;
  fc.assert(
    fc.property(bytesArb, (bytes) => {
      progress(Buffer.from(bytes).toString('base64'));
      cases++;
      readAndAnalyse(bytes);
    }),
    { numRuns: 10000, seed: 0x5eed6, endOnFailure: true },
  );
  assert.equal(cases, 10000);
});

const fixedCasesJob = defineJob('bad files', (progress) => {
  const cases: Array<[string, Uint8Array, RegExp | null]> = [
    ['NUL bytes', utf8Of('=== A ===\n\nHe said “hi”\u0000 and left.'), /binary/],
    ['a NUL byte past the first 8 KB', utf8Of('=== A ===\n\n' + 'word '.repeat(2000) + '\u0000“quoted”'), null],
    ['a lone continuation byte', new Uint8Array([0x61, 0x80, 0x62]), /not valid UTF-8/],
    ['Latin-1 text', new Uint8Array([...utf8Of('caf'), 0xe9, 0x20, 0x22, 0x6f, 0x6b, 0x22]), /not valid UTF-8/],
    ['an overlong encoding', new Uint8Array([0xc0, 0xaf]), /not valid UTF-8/],
    ['an encoded surrogate', new Uint8Array([0xed, 0xa0, 0x80]), /not valid UTF-8/],
    ['a truncated sequence at the end', new Uint8Array([...utf8Of('“ok” '), 0xe2, 0x80]), /not valid UTF-8/],
    ['UTF-16 LE with a BOM', new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('=== A ===\n\n“hi”', 'utf16le')])), /UTF-16/],
    ['UTF-16 BE with a BOM', new Uint8Array(Buffer.from([0xfe, 0xff, 0x00, 0x3d, 0x00, 0x3d])), /UTF-16/],
    ['UTF-16 LE without a BOM', new Uint8Array(Buffer.from('=== A ===\n\n“hi”', 'utf16le')), /binary/],
    ['a UTF-8 BOM', utf8Of('\uFEFF=== A ===\n\n“hi,” she said.'), null],
    ['an empty file', new Uint8Array(0), null],
  ];
  for (const [what, bytes, refused] of cases) {
    progress(what);
    const read = decodeStoryBytes(bytes);
    if (refused) assert.ok(!read.ok && refused.test(read.reason), `${what}: ${JSON.stringify(read)}`);
    else assert.ok(read.ok, `${what}: ${JSON.stringify(read)}`);
    readAndAnalyse(bytes);
  }
  const bom = decodeStoryBytes(utf8Of('\uFEFF=== A ===\n'));
  assert.ok(bom.ok && !bom.text.startsWith('\uFEFF'), 'a UTF-8 BOM is dropped');
});

const bigInputsJob = defineJob('big and unbalanced inputs', (progress) => {
  const words = ['lorem', 'ipsum', 'dolor', 'sit', 'amet,', 'consectetur', 'adipiscing', 'elit.'];
  let line = '';
  for (let i = 0; line.length < 1024 * 1024; i++) line += `${words[i % words.length]} `;
  const inputs: Array<[string, string]> = [
    ['a 1 MB single line', line],
    ['10,000 opening marks in one paragraph', '“'.repeat(10000)],
    ['10,000 straight double quotes', '"'.repeat(10000)],
    ['10,000 closing marks', '=== A ===\n\n' + '” '.repeat(10000)],
    ['10,000 paragraphs each with an unclosed quotation', '=== A ===\n\n' + 'x “a\n'.repeat(10000)],
    ['10,000 mixed marks of every family', '“‘«‹„"\''.repeat(1500)],
    ['10,000 delimiter lines', '=== A ===\n'.repeat(10000)],
    ['10,000 annotation lines', '@speaker "x" = Y\n'.repeat(5000) + '@actor Unclosed [person\n'.repeat(5000) + '=== A ===\n\n“x”'],
  ];
  for (const [what, text] of inputs) {
    progress(what);
    const index = new WorkspaceIndex();
    index.setDocument(URI, text);
    const diagnostics = provideDiagnostics(index, URI);
    if (what.includes('unclosed')) assert.ok(diagnostics.filter((d) => d.code === 'quote.unbalanced').length >= 10000, `${what}: every unclosed quotation is reported`);
    for (const d of diagnostics.slice(0, 50)) {
      const message = typeof d.message === 'string' ? d.message : d.message.value;
      assert.ok(message.length > 0 && !message.includes('undefined'), `${what}: unclear message ${message}`);
    }
  }
});

if (inMocha) {
  describe('reliability: bad files', function () {
    this.timeout(180000);
    it('10,000 random byte strings are read or refused with a reason, and what is read is analysed without an error', () => runBounded(randomBytesJob, 60000));
    it('NUL bytes, invalid UTF-8 and UTF-16 are refused with a clear reason; a BOM is dropped', () => runBounded(fixedCasesJob, 30000));
    it('a 1 MB single line and 10,000 unbalanced quote marks are analysed without an error', () => runBounded(bigInputsJob, 60000));

    it('the CLI reports each unreadable file (binary, Latin-1, 50 MB) on one stderr line, still analyses the good one, and exits 1', () => {
      const dir = mkdtempSync(join(tmpdir(), 'article-lens-bad-'));
      try {
        writeFileSync(join(dir, 'binary.articles'), Buffer.from([0x3d, 0x3d, 0x3d, 0x20, 0x41, 0x00, 0x01, 0x02, 0xff]));
        writeFileSync(join(dir, 'latin1.articles'), Buffer.from([...Buffer.from('=== Le Monde ===\n\nIl a dit : « caf'), 0xe9, ...Buffer.from(' ».\n')]));
        writeFileSync(join(dir, 'good.articles'), '=== The Daily ===\n\n“We are ready to help,” Vladimir Putin said.\n');
        writeFileSync(join(dir, 'huge.articles'), Buffer.alloc(50 * 1024 * 1024, '“A quote,” he said. '));
        const run = spawnSync(process.execPath, [join(process.cwd(), 'dist', 'cli.js'), 'analyze', '--json', dir], { encoding: 'utf8', timeout: 60000 });
        assert.equal(run.status, 1, run.stderr);
        const lines = run.stderr.split('\n').filter((l) => l.trim() !== '');
        assert.equal(lines.length, 3, run.stderr);
        assert.equal(lines.filter((l) => l.includes(join(dir, 'binary.articles'))).length, 1, run.stderr);
        assert.equal(lines.filter((l) => l.includes(join(dir, 'latin1.articles'))).length, 1, run.stderr);
        assert.match(lines.find((l) => l.includes('binary.articles'))!, /binary/);
        assert.match(lines.find((l) => l.includes('latin1.articles'))!, /UTF-8/);
        assert.match(lines.find((l) => l.includes('huge.articles'))!, /50\.0 MB is over the 32 MB limit/);
        const report = JSON.parse(run.stdout) as { articles: Array<{ file: string; source: string }>; quotes: Array<{ text: string }> };
        assert.deepEqual(report.articles.map((a) => a.file), [join(dir, 'good.articles')]);
        assert.deepEqual(report.quotes.map((q) => q.text), ['We are ready to help,']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
