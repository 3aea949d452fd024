import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { articleLens, hoverText, openStory, positionOf, SOURCES, TRUMP_QUOTE, TRUMP_ROOT } from './articleLens';
import { waitFor } from './waitFor';

/** A Location whichever way the provider answered (Location or LocationLink). */
function asLocation(target: vscode.Location | vscode.LocationLink): vscode.Location {
  return target instanceof vscode.Location ? target : new vscode.Location(target.targetUri, target.targetSelectionRange ?? target.targetRange);
}

function codeOf(diagnostic: vscode.Diagnostic): string | number | undefined {
  return typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
}

/** Markdown without its backslash escapes, as the hover reads on screen ("Outlet 000 (unnamed tabloid)"). */
function unescapeMarkdown(markdown: string): string {
  return markdown.replace(/\\([\\`*_{}[\]()#+\-.!~|<>])/g, '$1');
}

suite('Language features on the sample story', () => {
  let story: vscode.TextDocument;
  /** On Trump’s line in the Outlet 001 wire report, inside “mediate”. */
  let onQuote: vscode.Position;

  suiteSetup(async function () {
    this.timeout(120_000);
    await articleLens();
    story = (await openStory()).document;
    onQuote = positionOf(story, TRUMP_QUOTE, 'Vladimir, let’s med'.length);
    const before = story.getText(new vscode.Range(new vscode.Position(0, 0), onQuote));
    assert.ok(before.lastIndexOf(`=== ${SOURCES[1]} ===`) > before.lastIndexOf(`=== ${SOURCES[0]} ===`), 'the quote under test is not in the Outlet 001 article');
  });

  test('hover on Trump’s “mediate Russia first” shows how the other outlets worded it', async () => {
    const text = await waitFor('a hover that names the other outlets', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', story.uri, onQuote);
      const shown = unescapeMarkdown(hoverText(hovers));
      const missing = [SOURCES[0], SOURCES[2], SOURCES[3], 'Donald Trump'].filter((expected) => !shown.includes(expected));
      if (missing.length > 0) throw new Error(`the hover lacks ${missing.join(', ')}: ${shown.slice(0, 400) || '(no hover)'}`);
      return shown;
    });
    assert.match(text, /quoted by \d of \d sources/);
  });

  test('Go to Definition goes to the root of the variant group', async () => {
    const root = positionOf(story, TRUMP_ROOT);
    const targets = await waitFor('a definition', async () => {
      const found = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', story.uri, onQuote);
      return found.length > 0 && found.map(asLocation);
    });
    const first = targets[0]!;
    assert.equal(first.uri.toString(), story.uri.toString(), `the root is in ${first.uri.toString()}`);
    assert.equal(first.range.start.line, root.line, `the definition is on line ${first.range.start.line + 1}, the root on line ${root.line + 1}`);
    assert.match(story.getText(first.range), /mediate Russia first\. You can worry about this later\./);
  });

  test('Find All References finds the versions in the story and in the seed files', async () => {
    const locations = await waitFor('references in more than one file', async () => {
      const found = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', story.uri, onQuote);
      return new Set(found.map((l) => l.uri.toString())).size > 1 && found;
    });
    const files = new Set(locations.map((l) => l.uri.toString()));
    assert.ok(files.has(story.uri.toString()), 'no reference in the story itself');
    assert.ok([...files].some((uri) => uri.endsWith('.txt')), `no reference in a seed .txt file: ${[...files].join(', ')}`);
    const inStory = locations.filter((l) => l.uri.toString() === story.uri.toString());
    assert.ok(inStory.length >= 3, `only ${inStory.length} references in the story`);
    for (const location of inStory) assert.match(story.getText(location.range), /mediate Russia first/i);
  });

  test('the outline lists the four articles by source', async () => {
    const symbols = await waitFor('document symbols', async () => {
      const found = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', story.uri);
      return found.length > 0 && found;
    });
    assert.deepEqual(
      symbols.map((symbol) => SOURCES.find((source) => symbol.name.startsWith(source))),
      [...SOURCES],
      `the outline is: ${symbols.map((s) => s.name).join(' | ')}`,
    );
    const quotes = symbols[1]!.children.map((child) => child.name);
    assert.ok(quotes.some((name) => name.startsWith('Donald Trump: “Vladimir, let’s mediate Russia first.')), quotes.join('\n'));
  });

  test('an unbalanced quote planted with a WorkspaceEdit is reported, and goes away when undone', async () => {
    const original = story.getText();
    const at = positionOf(story, 'Russia has denounced Israeli strikes', 'Russia has '.length);
    const planted = (d: vscode.Diagnostic): boolean => codeOf(d) === 'quote.unbalanced' && d.range.start.isEqual(at);
    assert.ok(!vscode.languages.getDiagnostics(story.uri).some(planted), 'the story is reported unbalanced before the edit');

    const plant = new vscode.WorkspaceEdit();
    plant.insert(story.uri, at, '“');
    assert.ok(await vscode.workspace.applyEdit(plant), 'the edit was not applied');
    try {
      const diagnostic = await waitFor('a quote.unbalanced diagnostic at the planted quote', () => vscode.languages.getDiagnostics(story.uri).find(planted));
      assert.match(diagnostic.message, /never closed/);
    } finally {
      const undo = new vscode.WorkspaceEdit();
      undo.delete(story.uri, new vscode.Range(at, at.translate(0, 1)));
      await vscode.workspace.applyEdit(undo);
      if (story.isDirty) await story.save();
    }
    assert.equal(story.getText(), original);
    await waitFor('the planted diagnostic to go', () => !vscode.languages.getDiagnostics(story.uri).some(planted));
  });
});
