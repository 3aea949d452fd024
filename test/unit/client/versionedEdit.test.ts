import { strict as assert } from 'node:assert';
import { applyVersionedEdit } from '../../../client/src/versionedEdit';

/**
 * A document as the editor holds it, with VS Code's rule for a WorkspaceEdit: it carries the version
 * the extension last saw and is refused when the document is past it. `typeAhead` keystrokes land in
 * the editor after the edit is built and before it arrives, each bumping the version.
 */
class Editor {
  version = 1;
  isClosed = false;
  typeAhead: string[] = [];
  constructor(public text: string) {}

  type(keys: string): void {
    this.text += keys;
    this.version++;
  }

  /** An edit appending at the end of the text it was built from. */
  appendAtEnd(inserted: string): { seenVersion: number; offset: number; inserted: string } {
    return { seenVersion: this.version, offset: this.text.length, inserted };
  }

  apply = async (edit: { seenVersion: number; offset: number; inserted: string }): Promise<boolean> => {
    const key = this.typeAhead.shift();
    if (key !== undefined) this.type(key);
    await Promise.resolve();
    if (edit.seenVersion !== this.version) return false;
    this.text = this.text.slice(0, edit.offset) + edit.inserted + this.text.slice(edit.offset);
    this.version++;
    return true;
  };
}

describe('client edits of open documents (versionedEdit.ts)', () => {
  it('applies an edit built at the current version', async () => {
    const doc = new Editor('=== A ===\n\nText.\n');
    assert.equal(await applyVersionedEdit(doc, () => doc.appendAtEnd('=== B ===\n'), doc.apply), 'applied');
    assert.equal(doc.text, '=== A ===\n\nText.\n=== B ===\n');
  });

  it('rebuilds from the new text when a keystroke races the edit, so the keystroke is kept', async () => {
    const doc = new Editor('Text.\n');
    doc.typeAhead = ['typed '];
    let builds = 0;
    const outcome = await applyVersionedEdit(doc, () => (builds++, doc.appendAtEnd('[article]')), doc.apply);
    assert.equal(outcome, 'applied');
    assert.equal(builds, 2);
    assert.equal(doc.text, 'Text.\ntyped [article]', 'the keystroke is there, and the article after it');
  });

  it('gives up, changing nothing, when keystrokes keep winning', async () => {
    const doc = new Editor('Text.\n');
    doc.typeAhead = ['a', 'b', 'c', 'd'];
    assert.equal(await applyVersionedEdit(doc, () => doc.appendAtEnd('[article]'), doc.apply, { attempts: 3 }), 'changed');
    assert.equal(doc.text, 'Text.\nabc');
  });

  it('with an expected version, applies only at that version and never rebuilds', async () => {
    const doc = new Editor('Text.\n');
    const seen = doc.version;
    doc.type('x');
    let builds = 0;
    assert.equal(await applyVersionedEdit(doc, () => (builds++, doc.appendAtEnd('@ignore "q"')), doc.apply, { expectedVersion: seen }), 'changed');
    assert.equal(builds, 0, 'no edit is built from positions read at an older version');

    doc.typeAhead = ['y'];
    assert.equal(await applyVersionedEdit(doc, () => (builds++, doc.appendAtEnd('@ignore "q"')), doc.apply, { expectedVersion: doc.version }), 'changed');
    assert.equal(builds, 1);
    assert.equal(doc.text, 'Text.\nxy', 'the racing keystroke is kept, the stale edit dropped');
  });

  it('says when the document closed, or when VS Code refused the edit without a change', async () => {
    const closed = new Editor('Text.\n');
    closed.isClosed = true;
    assert.equal(await applyVersionedEdit(closed, () => closed.appendAtEnd('x'), closed.apply), 'closed');
    const readOnly = new Editor('Text.\n');
    assert.equal(await applyVersionedEdit(readOnly, () => readOnly.appendAtEnd('x'), async () => false), 'refused');
    assert.equal(readOnly.text, 'Text.\n');
  });
});
