// Proves the end-to-end stack: code-server (a real VS Code) serving a folder, Debian's chromium
// driven headless by playwright-core, a file opened through Quick Open, a screenshot taken.
//
//   node test/e2e/smoke.mjs [--vsix dist/article-lens.vsix]
//
// Needs test/e2e/setup. Writes test-results/e2e-smoke.png and test-results/code-server.log.
// Exits 0 when every check passed, 1 otherwise.

import { createRequire } from 'node:module';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { cacheDir, repoRoot, startCodeServer } from './codeServer.mjs';

const { values: args } = parseArgs({ options: { vsix: { type: 'string' } } });
const resultsDir = join(repoRoot, 'test-results');
const screenshot = join(resultsDir, 'e2e-smoke.png');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const pwDir = join(cacheDir, 'pw');

if (!existsSync(join(pwDir, 'node_modules/playwright-core')) || !existsSync(chromiumPath)) {
  console.error('e2e smoke: playwright-core or chromium missing: run test/e2e/setup first');
  process.exit(1);
}
const { chromium } = createRequire(join(pwDir, 'package.json'))('playwright-core');

/** First *.articles file under dir (depth-first, sorted), or undefined. */
function findStory(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isFile() && entry.name.endsWith('.articles')) return path;
    if (entry.isDirectory() && !entry.name.startsWith('.')) {
      const found = findStory(path);
      if (found) return found;
    }
  }
  return undefined;
}

let folder = join(repoRoot, 'samples');
let story = existsSync(folder) ? findStory(folder) : undefined;
let tempFolder;
if (!story) {
  tempFolder = mkdtempSync(join(tmpdir(), 'article-lens-smoke-'));
  folder = tempFolder;
  story = join(folder, 'x.articles');
  writeFileSync(story, '# Smoke test story\n\nSource: The Example Times\n\n"We will open the bridge on Monday," the mayor said.\n');
}
const storyName = basename(story);
const firstLine = readFileSync(story, 'utf8').split('\n').find((l) => l.trim() !== '')?.trim() ?? '';

const checks = [];
function check(name, ok, detail = '') {
  checks.push({ name, ok });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
}

mkdirSync(resultsDir, { recursive: true });
const started = Date.now();
let server;
let browser;
try {
  server = await startCodeServer({ folder, vsix: args.vsix, logFile: join(resultsDir, 'code-server.log') });
  console.log(`code-server at ${server.url} (${Date.now() - started} ms), folder ${folder}`);

  // launch() gives a fresh temporary profile every time.
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const pageErrors = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));

  await page.goto(server.url);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  check('workbench loaded', true, `${Date.now() - started} ms`);

  // The explorer lists the folder's files once the remote file system answers.
  const explorerRow = page.locator('.explorer-folders-view .monaco-list-row').first();
  await explorerRow.waitFor({ timeout: 30_000 });
  check('explorer shows the folder', true, (await page.title()).trim());

  await page.locator('.monaco-workbench').click({ position: { x: 640, y: 400 } }); // focus the workbench
  await page.keyboard.press('Control+P');
  const quickInput = page.locator('.quick-input-widget');
  await quickInput.locator('input').waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.type(storyName);
  const pick = quickInput.locator(`.monaco-list-row[aria-label*="${storyName}"]`).first();
  await pick.waitFor({ timeout: 15_000 });
  check('quick open finds the file', true, (await pick.getAttribute('aria-label')) ?? '');
  await page.keyboard.press('Enter');

  const tab = page.locator(`.tabs-container [role="tab"][aria-label*="${storyName}"]`).first();
  await tab.waitFor({ timeout: 15_000 });
  const editorLines = page.locator('.editor-group-container.active .monaco-editor .view-lines');
  await editorLines.waitFor({ timeout: 15_000 });
  // Monaco renders spaces as U+00A0.
  const shown = async () => ((await editorLines.textContent()) ?? '').replace(/\u00a0/g, ' ');
  await page.waitForFunction(
    ({ text }) => (document.querySelector('.editor-group-container.active .monaco-editor .view-lines')?.textContent ?? '')
      .replace(/\u00a0/g, ' ').includes(text),
    { text: firstLine.slice(0, 40) },
    { timeout: 15_000 },
  );
  check('editor shows the file', true, `tab "${await tab.getAttribute('aria-label')}", text starts "${(await shown()).slice(0, 60)}"`);

  const mode = page.locator('#status\\.editor\\.mode').first();
  const modeText = (await mode.count()) ? ((await mode.textContent()) ?? '').trim() : '(no language status)';
  console.log(`language mode: ${modeText}`);

  await page.screenshot({ path: screenshot });
  check('screenshot written', existsSync(screenshot), relative(repoRoot, screenshot));
  if (pageErrors.length) console.log(`page errors (${pageErrors.length}): ${pageErrors.slice(0, 3).join(' | ')}`);
} catch (err) {
  check('smoke run', false, err instanceof Error ? err.message.split('\n')[0] : String(err));
  if (browser) {
    const [page] = browser.contexts()[0]?.pages() ?? [];
    await page?.screenshot({ path: screenshot }).catch(() => {});
    console.log(`screenshot of the failure: ${relative(repoRoot, screenshot)}; code-server log: ${server?.logFile ?? '-'}`);
  }
} finally {
  await browser?.close().catch(() => {});
  await server?.stop();
  if (tempFolder) rmSync(tempFolder, { recursive: true, force: true });
}

const failed = checks.filter((c) => !c.ok).length;
console.log(`took ${Date.now() - started} ms`);
console.log(`smoke: ${checks.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
