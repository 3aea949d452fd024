import { strict as assert } from 'node:assert';
import { WorkspaceIndex, type DocumentEntry } from '../../../server/src/core/workspaceIndex';
import { freshIndex, snapshot } from '../reliability/indexSnapshot';
import { BASE_TEXTS, STORY_URIS } from '../reliability/storyArbitraries';

// BASE_TEXTS[0] declares Vladimir Putin (alias "the Kremlin chief"), which changes the other stories' analysis.
const TEXTS = new Map<string, string>(STORY_URIS.map((uri, i) => [uri, BASE_TEXTS[i]!]));
const [A, B, C] = STORY_URIS;

function entriesOf(texts: ReadonlyMap<string, string>): DocumentEntry[] {
  return [...texts].map(([uri, text]) => ({ uri, text }));
}

describe('WorkspaceIndex.setDocuments (many documents at once)', () => {
  it('equals a fresh build, declared actors included, and reports every document', () => {
    const index = new WorkspaceIndex();
    const progress: number[] = [];
    const changed = index.setDocuments(entriesOf(TEXTS), (done) => progress.push(done));
    assert.deepEqual(snapshot(index), snapshot(freshIndex(TEXTS)));
    assert.deepEqual([...changed].sort(), [...STORY_URIS].sort());
    assert.deepEqual(progress, [1, 2, 3]);
  });

  it('replaces, adds and keeps documents of an index that has some, as setDocument would', () => {
    const index = new WorkspaceIndex();
    index.setDocument(A, `${BASE_TEXTS[0]!}\nAn older last line.`);
    index.setDocument(B, BASE_TEXTS[1]!);
    const changed = index.setDocuments(entriesOf(TEXTS));
    assert.deepEqual(snapshot(index), snapshot(freshIndex(TEXTS)));
    // A and C are new texts; B's text did not change and the declared actors stayed the same.
    assert.deepEqual([...changed].sort(), [A, C]);
    assert.deepEqual(index.setDocuments(entriesOf(TEXTS)), [], 'the same texts again change nothing');
  });

  it('re-analyses the documents it keeps when the new ones declare actors', () => {
    const index = new WorkspaceIndex();
    index.setDocuments(entriesOf(new Map([[B, BASE_TEXTS[1]!]])));
    const before = index.get(B)!.analysis;
    const changed = index.setDocuments(entriesOf(new Map([[A, BASE_TEXTS[0]!]])));
    assert.deepEqual(snapshot(index), snapshot(freshIndex(new Map([[A, BASE_TEXTS[0]!], [B, BASE_TEXTS[1]!]]))));
    assert.notEqual(index.get(B)!.analysis, before);
    assert.deepEqual([...changed].sort(), [A, B]);
  });

  it('takes a restored analysis made under the same declared actors as it is', () => {
    const fresh = freshIndex(TEXTS);
    const index = new WorkspaceIndex();
    index.setDocuments([...TEXTS].map(([uri, text]) => ({ uri, text, restored: { analysis: fresh.get(uri)!.analysis, declaredKey: fresh.declaredActorsKey() } })));
    for (const uri of STORY_URIS) {
      assert.equal(index.get(uri)!.analysis, fresh.get(uri)!.analysis, `${uri} was analysed again`);
      assert.equal(index.get(uri)!.story, fresh.get(uri)!.analysis.story);
    }
    assert.deepEqual(snapshot(index), snapshot(fresh));
  });

  it('analyses a restored document again when the workspace now declares other actors', () => {
    // Made without A, the only story that declares an actor: B's "Kremlin chief" is nobody there.
    const undeclared = freshIndex(new Map([[B, BASE_TEXTS[1]!], [C, BASE_TEXTS[2]!]]));
    const fresh = freshIndex(TEXTS);
    assert.notDeepEqual(undeclared.get(B)!.analysis.mentions, fresh.get(B)!.analysis.mentions, 'the declaration must matter for this test');
    assert.notEqual(undeclared.declaredActorsKey(), fresh.declaredActorsKey());
    const index = new WorkspaceIndex();
    index.setDocuments([
      { uri: A, text: BASE_TEXTS[0]! },
      ...[B, C].map((uri) => ({ uri, text: TEXTS.get(uri)!, restored: { analysis: undeclared.get(uri)!.analysis, declaredKey: undeclared.declaredActorsKey() } })),
    ]);
    assert.notEqual(index.get(B)!.analysis, undeclared.get(B)!.analysis);
    assert.deepEqual(snapshot(index), snapshot(fresh));
  });

  it('does not take a restored analysis of another text', () => {
    const fresh = freshIndex(TEXTS);
    const edited = `${BASE_TEXTS[1]!}\n“We will not sign,” the minister said.`;
    const index = new WorkspaceIndex();
    index.setDocuments([...TEXTS].map(([uri, text]) => ({ uri, text: uri === B ? edited : text, restored: { analysis: fresh.get(uri)!.analysis, declaredKey: fresh.declaredActorsKey() } })));
    assert.notEqual(index.get(B)!.analysis, fresh.get(B)!.analysis);
    assert.deepEqual(snapshot(index), snapshot(freshIndex(new Map(TEXTS).set(B, edited))));
  });

  it('a document index built with setDocuments follows later edits like any other', () => {
    const index = new WorkspaceIndex();
    index.setDocuments(entriesOf(TEXTS));
    index.setDocument(A, BASE_TEXTS[0]!.replace('@actor Vladimir Putin [person]: Putin, the Kremlin chief', ''));
    index.removeDocument(C);
    const texts = new Map([[A, BASE_TEXTS[0]!.replace('@actor Vladimir Putin [person]: Putin, the Kremlin chief', '')], [B, BASE_TEXTS[1]!]]);
    assert.deepEqual(snapshot(index), snapshot(freshIndex(texts)));
    assert.deepEqual(index.get(B)!.lines.positionAt(BASE_TEXTS[1]!.length), freshIndex(texts).get(B)!.lines.positionAt(BASE_TEXTS[1]!.length));
  });
});

describe('WorkspaceIndex.settingDocument with new declarations (in steps)', () => {
  const undeclared = BASE_TEXTS[0]!.replace('@actor Vladimir Putin [person]: Putin, the Kremlin chief', '');

  it('reads every other document again a step at a time, and changes nothing until the last step', () => {
    const index = new WorkspaceIndex();
    index.setDocuments(entriesOf(new Map(TEXTS).set(A, undeclared)));
    const before = snapshot(index);
    const steps = index.settingDocument(A, BASE_TEXTS[0]!);
    let step = steps.next();
    let paused = 0;
    let rereading = 0;
    while (!step.done) {
      // Read between the steps: the index as it was.
      assert.deepEqual(snapshot(index), before, `changed after ${paused} steps`);
      if (index.rereadingDeclarations) rereading++;
      paused++;
      step = steps.next();
    }
    assert.ok(paused >= STORY_URIS.length - 1, `only ${paused} steps`);
    assert.equal(rereading, STORY_URIS.length - 1, 'not one step per other story, said so');
    assert.equal(index.rereadingDeclarations, false);
    // An edit that declares nothing new re-reads nothing.
    const plain = index.settingDocument(B, `${BASE_TEXTS[1]!}\nOne more line.`);
    for (let next = plain.next(); !next.done; next = plain.next()) assert.equal(index.rereadingDeclarations, false);
    assert.deepEqual([...step.value].sort(), [...STORY_URIS].sort());
    assert.deepEqual(snapshot(index), snapshot(freshIndex(TEXTS)));
  });

  it('removes a declaring document in steps too: the others are read again, and nothing changes until the last step', () => {
    const index = new WorkspaceIndex();
    index.setDocuments(entriesOf(TEXTS));
    const before = snapshot(index);
    const steps = index.removingDocument(A);
    let step = steps.next();
    let rereading = 0;
    while (!step.done) {
      assert.deepEqual(snapshot(index), before);
      if (index.rereadingDeclarations) rereading++;
      step = steps.next();
    }
    assert.equal(rereading, STORY_URIS.length - 1);
    assert.deepEqual([...step.value].sort(), [...STORY_URIS].sort());
    const rest = new Map(TEXTS);
    rest.delete(A);
    assert.deepEqual(snapshot(index), snapshot(freshIndex(rest)));
    // A document that declares nothing goes at once.
    const plain = index.removingDocument(B);
    assert.deepEqual(plain.next(), { done: true, value: [B] });
  });

  it('takes a document changed, added or removed between the steps', () => {
    const index = new WorkspaceIndex();
    index.setDocuments(entriesOf(new Map(TEXTS).set(A, undeclared)));
    const steps = index.settingDocument(A, BASE_TEXTS[0]!);
    steps.next();
    const editedB = `${BASE_TEXTS[1]!}\n“The Kremlin chief will not come,” the minister said.`;
    const D = 'file:///tmp/late-story.articles';
    const late = '=== Late Outlet\ntitle: Late\n\n“We will talk to the Kremlin chief,” a diplomat said.\n';
    index.setDocument(B, editedB);
    index.setDocument(D, late);
    index.removeDocument(C);
    while (!steps.next().done);
    assert.deepEqual(snapshot(index), snapshot(freshIndex(new Map([[A, BASE_TEXTS[0]!], [B, editedB], [D, late]]))));
  });

  it('reads everything again when another document changes the declarations between the steps', () => {
    const index = new WorkspaceIndex();
    index.setDocuments(entriesOf(new Map(TEXTS).set(A, undeclared)));
    const steps = index.settingDocument(A, BASE_TEXTS[0]!);
    steps.next();
    const declaringB = `@actor Maria Lopez [person]: the envoy\n${BASE_TEXTS[1]!}\n“The envoy will come,” a spokesman said.`;
    index.setDocument(B, declaringB);
    while (!steps.next().done);
    assert.deepEqual(snapshot(index), snapshot(freshIndex(new Map(TEXTS).set(B, declaringB))));
  });
});
