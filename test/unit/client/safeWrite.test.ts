import { strict as assert } from 'node:assert';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { editTextFile, lineEndingsOf, resolveWriteTarget, withFormatOf, writeTextFile, WriteRefusedError } from '../../../client/src/safeWrite';

describe('client safe writes (safeWrite.ts)', () => {
  let base: string;
  let ws: string;
  let outside: string;

  beforeEach(() => {
    base = realpathSync(mkdtempSync(join(tmpdir(), 'article-lens-write-')));
    ws = join(base, 'ws');
    outside = join(base, 'outside');
    mkdirSync(join(ws, 'stories'), { recursive: true });
    mkdirSync(outside);
    writeFileSync(join(outside, 'secret.txt'), 'keep me\n');
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  const inWorkspace = (): { roots: string[] } => ({ roots: [ws] });
  const refused = async (promise: Promise<unknown>, pattern: RegExp): Promise<void> => {
    await assert.rejects(promise, (error: unknown) => error instanceof WriteRefusedError && pattern.test(error.message));
  };

  describe('where a write may go', () => {
    it('resolves paths inside the workspace, relative ones against the first folder', async () => {
      assert.equal(await resolveWriteTarget(join(ws, 'stories', 'a.articles'), inWorkspace()), join(ws, 'stories', 'a.articles'));
      assert.equal(await resolveWriteTarget('stories/new/b.articles', inWorkspace()), join(ws, 'stories', 'new', 'b.articles'));
      assert.equal(await resolveWriteTarget('stories/../c.json', inWorkspace()), join(ws, 'c.json'));
    });

    it('refuses "..", absolute paths elsewhere and a relative path with no folder open', async () => {
      await refused(resolveWriteTarget('../outside/secret.txt', inWorkspace()), /outside the workspace folders/);
      await refused(resolveWriteTarget(join(ws, '..', 'outside', 'x.json'), inWorkspace()), /outside the workspace folders/);
      await refused(resolveWriteTarget(join(outside, 'secret.txt'), inWorkspace()), /outside the workspace folders/);
      // A sibling whose name starts with the folder's is not inside it.
      await refused(resolveWriteTarget(`${ws}-evil/x.json`, inWorkspace()), /outside the workspace folders/);
      await refused(resolveWriteTarget('a.json', { roots: [] }), /relative path/);
    });

    it('refuses a symbolic link in the workspace that leads out, to a file, a folder or nowhere yet', async () => {
      symlinkSync(join(outside, 'secret.txt'), join(ws, 'article-lens-quotes.json'));
      symlinkSync(outside, join(ws, 'stories', 'linked'));
      symlinkSync(join(outside, 'not-yet.txt'), join(ws, 'dangling.json'));
      await refused(resolveWriteTarget(join(ws, 'article-lens-quotes.json'), inWorkspace()), /symbolic link to .*secret\.txt/);
      await refused(resolveWriteTarget(join(ws, 'stories', 'linked', 'new.json'), inWorkspace()), /symbolic link/);
      await refused(resolveWriteTarget(join(ws, 'dangling.json'), inWorkspace()), /symbolic link/);
      // Even a path the user picked may not leave through a link planted in the workspace.
      await refused(resolveWriteTarget(join(ws, 'article-lens-quotes.json'), { roots: [ws], allowOutside: true }), /symbolic link/);
      await refused(writeTextFile(join(ws, 'article-lens-quotes.json'), 'overwritten', inWorkspace()), /symbolic link/);
      assert.equal(readFileSync(join(outside, 'secret.txt'), 'utf8'), 'keep me\n');
    });

    it('follows links that stay inside, and allows outside targets only when the user picked them', async () => {
      writeFileSync(join(ws, 'stories', 'real.json'), '{}');
      symlinkSync(join(ws, 'stories', 'real.json'), join(ws, 'alias.json'));
      assert.equal(await resolveWriteTarget(join(ws, 'alias.json'), inWorkspace()), join(ws, 'stories', 'real.json'));
      assert.equal(await resolveWriteTarget(join(outside, 'export.csv'), { roots: [ws], allowOutside: true }), join(outside, 'export.csv'));
      // The workspace folder opened through a link: its real path counts as inside.
      symlinkSync(ws, join(base, 'ws-link'));
      assert.equal(await resolveWriteTarget(join(base, 'ws-link', 'x.json'), inWorkspace()), join(ws, 'x.json'));
      assert.equal(await resolveWriteTarget(join(ws, 'y.json'), { roots: [join(base, 'ws-link')] }), join(ws, 'y.json'));
    });

    it('refuses a folder as the target', async () => {
      await refused(resolveWriteTarget(join(ws, 'stories'), inWorkspace()), /is a folder/);
    });
  });

  describe('atomic replacement', () => {
    const files = (dir: string): string[] => readdirSync(dir).sort();

    it('writes a new file and leaves no temporary file, writing through a link that stays inside', async () => {
      const written = await writeTextFile(join(ws, 'stories', 'new', 'x.json'), '{"a": 1}\n', inWorkspace()).catch((e: unknown) => e);
      // Folders are not created: the save dialog and the commands name existing ones.
      assert.ok(written instanceof Error && !(written instanceof WriteRefusedError), 'a missing folder fails as a plain error');
      assert.deepEqual(files(join(ws, 'stories')), []);

      assert.equal(await writeTextFile(join(ws, 'x.json'), '{"a": 1}\n', inWorkspace()), join(ws, 'x.json'));
      assert.equal(readFileSync(join(ws, 'x.json'), 'utf8'), '{"a": 1}\n');
      writeFileSync(join(ws, 'stories', 'real.json'), 'old');
      symlinkSync(join(ws, 'stories', 'real.json'), join(ws, 'alias.json'));
      await writeTextFile(join(ws, 'alias.json'), 'new', inWorkspace());
      assert.equal(readFileSync(join(ws, 'stories', 'real.json'), 'utf8'), 'new');
      assert.ok(lstatSync(join(ws, 'alias.json')).isSymbolicLink(), 'the link is still a link to the file');
      assert.deepEqual(files(ws), ['alias.json', 'stories', 'x.json']);
      assert.deepEqual(files(join(ws, 'stories')), ['real.json']);
    });

    it('builds the new content beside the target while the original stays whole, and keeps its permissions', async () => {
      const target = join(ws, 'story.articles');
      writeFileSync(target, 'original text\n');
      chmodSync(target, 0o640);
      let seen: { temp: string; original: string; tempContent: string } | undefined;
      await writeTextFile(target, 'replacement\n', inWorkspace(), {
        beforeReplace: (temp) => {
          seen = { temp, original: readFileSync(target, 'utf8'), tempContent: readFileSync(temp, 'utf8') };
        },
      });
      assert.ok(seen, 'the hook ran');
      assert.equal(seen.original, 'original text\n', 'the target is untouched until the rename');
      assert.equal(seen.tempContent, 'replacement\n');
      assert.equal(join(seen.temp, '..'), ws, 'the temporary file is in the same folder (rename stays on one file system)');
      assert.equal(readFileSync(target, 'utf8'), 'replacement\n');
      assert.equal(statSync(target).mode & 0o777, 0o640);
      assert.deepEqual(files(ws), ['stories', 'story.articles']);
    });

    it('a failure before the rename leaves the original intact and no temporary file', async () => {
      const target = join(ws, 'story.articles');
      writeFileSync(target, 'original text\n');
      await assert.rejects(
        writeTextFile(target, 'half', inWorkspace(), {
          beforeReplace: () => {
            throw new Error('disk full');
          },
        }),
        /disk full/,
      );
      assert.equal(readFileSync(target, 'utf8'), 'original text\n');
      assert.deepEqual(files(ws), ['stories', 'story.articles']);
      await assert.rejects(
        editTextFile(target, () => {
          throw new Error('the edit failed');
        }, inWorkspace()),
        /the edit failed/,
      );
      assert.equal(readFileSync(target, 'utf8'), 'original text\n');
      assert.deepEqual(files(ws), ['stories', 'story.articles']);
    });
  });

  describe('byte order mark and line endings', () => {
    it('tells CRLF, LF, mixed and no line endings apart', () => {
      assert.equal(lineEndingsOf('a\r\nb\r\n'), '\r\n');
      assert.equal(lineEndingsOf('a\nb'), '\n');
      assert.equal(lineEndingsOf('a\r\nb\n'), undefined);
      assert.equal(lineEndingsOf('a\rb'), undefined);
      assert.equal(lineEndingsOf('one line'), undefined);
    });

    it('gives new text the original’s BOM and line endings, and no BOM where there was none', () => {
      assert.equal(withFormatOf('\uFEFFa\r\nb\r\n', 'a\nb\nc\n'), '\uFEFFa\r\nb\r\nc\r\n');
      assert.equal(withFormatOf('\uFEFFa\r\nb\r\n', 'a\r\nb\nc'), '\uFEFFa\r\nb\r\nc');
      assert.equal(withFormatOf('a\nb\n', '\uFEFFa\r\nb\n'), 'a\nb\n');
      assert.equal(withFormatOf('\uFEFFone line', 'two\nlines'), '\uFEFFtwo\nlines');
      assert.equal(withFormatOf('mixed\r\nendings\n', 'x\r\ny\n'), 'x\r\ny\n');
    });

    it('an edit of a BOM + CRLF story keeps both; the edit sees the text without the BOM', async () => {
      const target = join(ws, 'crlf.articles');
      const original = '\uFEFF=== Source ===\r\ntitle: A\r\n\r\n“Quote,” she said.\r\n';
      writeFileSync(target, original);
      let seen = '';
      await editTextFile(target, (text) => {
        seen = text;
        return text.replace('title: A\r\n', 'title: A\n@ignore "Quote,"\n');
      }, inWorkspace());
      assert.equal(seen, original.slice(1));
      const bytes = readFileSync(target);
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the BOM is still there');
      const text = bytes.toString('utf8');
      assert.equal(text, '\uFEFF=== Source ===\r\ntitle: A\r\n@ignore "Quote,"\r\n\r\n“Quote,” she said.\r\n');
      assert.equal((text.match(/\n/g) ?? []).length, (text.match(/\r\n/g) ?? []).length, 'every line ends with CRLF');
    });

    it('writing over an existing file keeps its format only when asked', async () => {
      const target = join(ws, 'export.csv');
      writeFileSync(target, '\uFEFFa,b\r\n1,2\r\n');
      await writeTextFile(target, 'a,b\n3,4\n', inWorkspace(), { keepFormat: true });
      assert.equal(readFileSync(target, 'utf8'), '\uFEFFa,b\r\n3,4\r\n');
      await writeTextFile(target, 'a,b\n5,6\n', inWorkspace());
      assert.equal(readFileSync(target, 'utf8'), 'a,b\n5,6\n');
    });
  });
});
