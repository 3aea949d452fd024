import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CancellationTokenSource,
  CodeActionRequest,
  DefinitionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  HoverRequest,
  ReferencesRequest,
  RenameRequest,
  type CodeAction,
  type TextDocumentEdit,
  type TextEdit,
  WorkspaceSymbolRequest,
  type DocumentSymbol,
  type Location,
  type MarkupContent,
} from 'vscode-languageserver-protocol';
import { MAX_PAGE, Requests, type ActorRowsResult, type ArticleRow, type CoverageResult, type GroupItem, type GroupRow, type GroupRowsResult, type MentionRow, type Page, type QuoteItem, type SourceRow, type SpeakerRow } from '../../server/src/protocol';
import { LspClient } from './lspClient';

const SAMPLES = join(process.cwd(), 'samples');
const STORY = join(SAMPLES, 'mediate-russia-first.articles');
const STORY_URI = pathToFileURL(STORY).href;
const storyText = readFileSync(STORY, 'utf8');

function positionOf(text: string, needle: string, nth = 1): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i < nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `"${needle}" not in the text`);
  const before = text.slice(0, at);
  const line = before.split('\n').length - 1;
  return { line, character: at - (before.lastIndexOf('\n') + 1) };
}

describe('language server over stdio (dist/server.js)', function () {
  this.timeout(30000);
  let client: LspClient;

  before(async () => {
    client = new LspClient();
    await client.initialize(SAMPLES);
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: STORY_URI, languageId: 'articles', version: 1, text: storyText } });
    await client.waitForDiagnostics(STORY_URI, () => true);
  });
  after(async () => client.dispose());

  it('outlines the four articles with their quotes', async () => {
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: STORY_URI } })) as DocumentSymbol[];
    assert.equal(symbols.length, 4);
    assert.ok(symbols[2]!.name.startsWith('Новая газета Европа — Trump Rejects'));
    const quotes = symbols[1]!.children!.filter((c) => c.name.includes('“'));
    assert.ok(quotes.some((q) => q.name.startsWith('Donald Trump: “Vladimir, let’s mediate Russia first.')), quotes.map((q) => q.name).join('\n'));
  });

  it('hovers over Trump’s “mediate Russia first” with the other sources’ wordings and marked punctuation', async () => {
    const position = positionOf(storyText, 'Vladimir, let’s mediate Russia first. You can worry about this later,');
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: STORY_URI }, position: { line: position.line, character: position.character + 5 } });
    assert.ok(hover);
    const value = (hover.contents as MarkupContent).value;
    assert.match(value, /\*\*Donald Trump\*\*/);
    for (const source of ['Outlet 000 \\(unnamed tabloid\\)', 'Outlet 004 \\(unnamed news site\\)', 'Новая газета Европа']) {
      assert.match(value, new RegExp(source.replace(/\\\(/g, '\\\\\\(').replace(/\\\)/g, '\\\\\\)')), `hover lacks ${source}:\n${value}`);
    }
    assert.match(value, /quoted by \d of \d sources/);
    // The root ends "… later." where this version has "… later,": the changed punctuation is marked.
    assert.ok(/~~[^~]*\\[.,][^~]*~~|\*\*[^*]*\\[.,][^*]*\*\*/.test(value), `no marked punctuation in:\n${value}`);
  });

  it('goes to the root of the group in another article and finds references across files', async () => {
    const position = positionOf(storyText, 'mediate Russia first’ –');
    const definition = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: STORY_URI }, position })) as Location[];
    assert.ok(definition.length >= 1);
    const target = definition[0]!;
    assert.notDeepEqual(target.range.start.line, position.line);
    const references = (await client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri: STORY_URI }, position, context: { includeDeclaration: true } })) as Location[];
    const files = new Set(references.map((r) => r.uri));
    assert.ok(files.has(STORY_URI));
    assert.ok([...files].some((u) => u.endsWith('.txt')), 'references reach the closed .txt seeds');
  });

  it('reports a planted unbalanced quote at the right line and character, and updates other files', async () => {
    const planted = storyText.replace('Russia has denounced Israeli strikes', 'Russia has “denounced Israeli strikes');
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: STORY_URI, version: 2 }, contentChanges: [{ text: planted }] });
    const expected = positionOf(planted, '“denounced');
    const published = await client.waitForDiagnostics(STORY_URI, (p) => p.version === 2 && p.diagnostics.some((d) => d.code === 'quote.unbalanced'));
    const d = published.diagnostics.find((x) => x.code === 'quote.unbalanced')!;
    assert.deepEqual(d.range.start, expected);
  });

  it('offers to close the planted quote with an edit for the version it was computed on', async () => {
    const planted = storyText.replace('Russia has denounced Israeli strikes', 'Russia has “denounced Israeli strikes');
    const published = await client.waitForDiagnostics(STORY_URI, (p) => p.version === 2);
    const diagnostic = published.diagnostics.find((x) => x.code === 'quote.unbalanced')!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: STORY_URI }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as CodeAction[];
    const close = actions.find((a) => /close/i.test(a.title));
    assert.ok(close, actions.map((a) => a.title).join(', '));
    const change = close.edit!.documentChanges![0] as TextDocumentEdit;
    assert.deepEqual(change.textDocument, { uri: STORY_URI, version: 2 });
    const fixed = TextDocument.applyEdits(TextDocument.create(STORY_URI, 'articles', 2, planted), change.edits as TextEdit[]);
    const paragraphEnd = planted.indexOf('\n', planted.indexOf('“denounced'));
    assert.equal(fixed, `${planted.slice(0, paragraphEnd)}”${planted.slice(paragraphEnd)}`, 'the mark closes the paragraph, nothing else changes');
  });

  it('renames an actor with versioned edits: the open story at its version, closed files without one', async () => {
    const position = positionOf(storyText, 'Putin has offered');
    const edit = await client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: STORY_URI }, position: { line: position.line, character: position.character + 1 }, newName: 'V. Putin' });
    assert.ok(edit?.documentChanges && edit.documentChanges.length > 0);
    for (const change of edit.documentChanges as TextDocumentEdit[]) {
      assert.equal(change.textDocument.version, change.textDocument.uri === STORY_URI ? 2 : null, change.textDocument.uri);
      assert.ok((change.edits as TextEdit[]).every((e) => e.newText.includes('V. Putin')));
    }
    assert.ok((edit.documentChanges as TextDocumentEdit[]).some((c) => c.textDocument.uri === STORY_URI));
  });

  it('editing one file updates the hover in another', async () => {
    const other = pathToFileURL(join(SAMPLES, 'seeds', '001_207b969bab2c243d.txt')).href;
    const text = readFileSync(join(SAMPLES, 'seeds', '001_207b969bab2c243d.txt'), 'utf8');
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: other, languageId: 'plaintext', version: 1, text } });
    const position = positionOf(storyText, 'But in my opinion, a solution can be found.');
    const hoverText = async (): Promise<string> => ((await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: STORY_URI }, position: { line: position.line, character: position.character + 3 } }))!.contents as MarkupContent).value;
    const before = await hoverText();
    assert.match(before, /001_207b969bab2c243d/);
    const edited = text.replace('But in my opinion, a solution can be found.', 'But in my view, no solution can ever be found.');
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: other, version: 2 }, contentChanges: [{ text: edited }] });
    await client.waitForDiagnostics(other, (p) => p.version === 2);
    const after = await hoverText();
    assert.notEqual(after, before);
    assert.match(after, /negation/);
  });

  it('finds actors by any alias and quotes by their words in workspace symbols', async () => {
    const byAlias = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'Trumo' })) as Array<{ name: string }>;
    assert.ok(byAlias.some((s) => s.name === 'Donald Trump'), JSON.stringify(byAlias.slice(0, 5)));
    const byWords = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'grovel' })) as Array<{ name: string }>;
    assert.ok(byWords.some((s) => s.name.startsWith('Iran’s UN mission: “No Iranian official') || s.name.startsWith("Iran's UN mission: “No Iranian official")), JSON.stringify(byWords));
  });

  it('answers custom requests for the views', async () => {
    const groups = (await client.connection.sendRequest(Requests.listGroups, {})) as GroupItem[];
    assert.ok(groups.some((g) => g.label.includes('Vladimir, let’s mediate Russia') && g.members.length >= 4), groups.map((g) => g.label).join('\n'));
    assert.ok(groups.every((g) => g.members.every((m) => Array.isArray(m.diff))));
    // Without the word differences (the Quotes view): the same groups and versions, and no differences.
    const listed = (await client.connection.sendRequest(Requests.listGroups, { withDiffs: false })) as GroupItem[];
    assert.ok(listed.every((g) => g.members.every((m) => !('diff' in m))));
    assert.deepEqual(listed, groups.map((g) => ({ ...g, members: g.members.map(({ diff: _diff, ...rest }) => rest) })));
    const status = (await client.connection.sendRequest(Requests.status, { uri: STORY_URI })) as { story: { articles: number } };
    assert.equal(status.story.articles, 4);
    // As the extension sends them: no params at all for the whole workspace, and a cancellation token.
    const source = new CancellationTokenSource();
    const quotes = (await client.connection.sendRequest(Requests.listQuotes, undefined, source.token)) as unknown[];
    assert.ok(quotes.length > 30);
    const coverage = (await client.connection.sendRequest(Requests.coverage, undefined, source.token)) as { sources: string[] };
    assert.ok(coverage.sources.includes('Новая газета Европа'));
  });

  it('serves the views’ trees a page at a time: group rows, a group, quotes, speakers, actors, mentions, sources, articles', async () => {
    const groups = (await client.connection.sendRequest(Requests.listGroups, { withDiffs: false })) as GroupItem[];
    const rows: GroupRow[] = [];
    let total = -1;
    while (rows.length !== total) {
      const page = (await client.connection.sendRequest(Requests.groupRows, { offset: rows.length, limit: 4 })) as GroupRowsResult;
      assert.ok(page.items.length > 0 && page.items.length <= 4, `a page of ${page.items.length} rows`);
      rows.push(...page.items);
      total = page.total;
    }
    assert.deepEqual(rows.map((r) => r.id), groups.map((g) => g.id));
    const first = groups[0]!;
    assert.deepEqual(await client.connection.sendRequest(Requests.group, { id: first.id, withDiffs: false }), first);
    const quotes = (await client.connection.sendRequest(Requests.listQuotes, {})) as QuoteItem[];
    const speaker = quotes.find((q) => q.speaker !== null)!.speaker;
    const theirs = (await client.connection.sendRequest(Requests.quotePage, { speaker })) as Page<QuoteItem>;
    assert.deepEqual(theirs.items, quotes.filter((q) => q.speaker === speaker));
    const speakers = (await client.connection.sendRequest(Requests.speakerRows, undefined)) as Page<SpeakerRow>;
    assert.equal(speakers.items.reduce((n, s) => n + s.quoteCount, 0), quotes.length);
    const people = (await client.connection.sendRequest(Requests.actorRows, { kind: 'person', limit: 3 })) as ActorRowsResult;
    assert.equal(people.items.length, 3);
    assert.ok(people.kinds.person >= people.total && people.kinds.country > 0);
    const mentions = (await client.connection.sendRequest(Requests.actorMentions, { name: people.items[0]!.name, limit: 2 })) as Page<MentionRow>;
    assert.equal(mentions.total, people.items[0]!.mentionCount);
    assert.ok(mentions.items.length === 2 && mentions.items.every((m) => m.text.length > 0));
    const sources = (await client.connection.sendRequest(Requests.sourceRows, {})) as Page<SourceRow>;
    const articles = (await client.connection.sendRequest(Requests.articleRows, { source: sources.items[0]!.source })) as Page<ArticleRow>;
    assert.equal(articles.total, sources.items[0]!.articleCount);
    // The coverage matrix: a page of groups × every source.
    const whole = (await client.connection.sendRequest(Requests.coverage, {})) as CoverageResult;
    const page = (await client.connection.sendRequest(Requests.coverage, { offset: 1, limit: 2 })) as CoverageResult;
    assert.equal(whole.totalRows, groups.length);
    assert.equal(whole.rows.length, groups.length);
    assert.deepEqual(page, { ...whole, rows: whole.rows.slice(1, 3) });
    // Malformed parameters get an empty answer, not an error.
    assert.equal(await client.connection.sendRequest(Requests.group, { id: 7 }), null);
    assert.deepEqual(await client.connection.sendRequest(Requests.articleRows, {}), { items: [], total: 0 });
    assert.deepEqual(((await client.connection.sendRequest(Requests.quotePage, { limit: 'all', offset: -4 })) as Page<QuoteItem>).items.length, Math.min(quotes.length, MAX_PAGE));
  });

  it('answers empty, never an error, for unknown documents and positions out of range', async () => {
    const unknown = 'file:///nowhere/missing.articles';
    assert.equal(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: unknown }, position: { line: 0, character: 0 } }), null);
    assert.deepEqual(await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: unknown } }), []);
    assert.equal(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: STORY_URI }, position: { line: 99999, character: 99999 } }), null);
    assert.deepEqual(await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: STORY_URI }, position: { line: -1, character: -5 } }), []);
    assert.ok(client.alive, 'the server is still running');
  });

  it('does not analyse an open document over the 32 MB limit, says so, and analyses it once it is small again', async () => {
    const uri = 'file:///nowhere/huge.articles';
    const huge = `=== Big ===\n\n${'“A quote,” he said. '.repeat(1_800_000)}`;
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'articles', version: 1, text: huge } });
    const refused = await client.waitForDiagnostics(uri, (p) => p.version === 1);
    assert.deepEqual(
      refused.diagnostics.map((d) => [d.code, d.message]),
      [['file.too-large', 'This story is 34.3 MB: Article Lens analyses files up to 32 MB. Split it into several files.']],
    );
    assert.deepEqual(await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }), []);
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: '=== Big ===\n\n“A quote,” he said.\n' }] });
    const analysed = await client.waitForDiagnostics(uri, (p) => p.version === 2);
    assert.ok(analysed.diagnostics.every((d) => d.code !== 'file.too-large'));
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    assert.equal(symbols.length, 1);
  });
});
