// npm run test:e2e — the packaged extension inside a real VS Code (code-server), driven like a person
// would with headless Chromium: hover, F12, the Outline, the Quotes view, Go to Quote, a planted
// unbalanced quote in the Problems panel, Compare Variants and the Coverage Matrix. Every step asserts on
// what is on screen; screenshots of the main views go to docs/images/ (used by the README).
//
// Needs `bash test/e2e/setup` first (Node 24, code-server, Chromium, playwright-core under .e2e-cache/).
// Ends with "N passed, N failed"; on a failure prints the screenshot, console errors and the logs.

import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheDir, repoRoot, startCodeServer } from './codeServer.mjs';

const resultsDir = join(repoRoot, 'test-results');
const imagesDir = join(repoRoot, 'docs', 'images');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const pwDir = join(cacheDir, 'pw');
if (!existsSync(join(pwDir, 'node_modules/playwright-core')) || !existsSync(chromiumPath)) {
  console.error('test:e2e: playwright-core or chromium missing: run `bash test/e2e/setup` first');
  process.exit(1);
}
const { chromium } = createRequire(join(pwDir, 'package.json'))('playwright-core');

mkdirSync(resultsDir, { recursive: true });
mkdirSync(imagesDir, { recursive: true });

console.log('packaging the extension (npm run package)…');
execFileSync('npm', ['run', 'package', '--silent'], { cwd: repoRoot, stdio: 'inherit' });
const vsix = join(repoRoot, 'dist', 'article-lens.vsix');

// A copy of the samples: the test plants an unbalanced quote and must not touch the repository.
const folder = mkdtempSync(join(tmpdir(), 'article-lens-ui-'));
cpSync(join(repoRoot, 'samples'), folder, { recursive: true });
const storyName = 'mediate-russia-first.articles';
// The language server appends its log here (code-server passes the environment down to it).
const serverLog = join(resultsDir, 'article-lens-server.log');
rmSync(serverLog, { force: true });
process.env.ARTICLE_LENS_SERVER_LOG = serverLog;
const storyText = readFileSync(join(folder, storyName), 'utf8');

/** 1-based line and column of the nth occurrence of needle in the story, as VS Code's Go to Line wants. */
function lineColumn(needle, offsetInNeedle = 0) {
  const at = storyText.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" is not in the sample story`);
  const before = storyText.slice(0, at + offsetInNeedle);
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

let passed = 0;
let failed = 0;
const consoleErrors = [];
let page;
let server;
let browser;

async function step(name, body) {
  const started = Date.now();
  try {
    await body();
    passed++;
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    failed++;
    const shot = join(resultsDir, `e2e-failure-${passed + failed}.png`);
    await page?.screenshot({ path: shot }).catch(() => undefined);
    console.log(`FAIL ${name}: ${error.message}\n     screenshot: ${shot}`);
  }
}

const assert = (condition, message) => {
  if (!condition) throw new Error(message);
};

async function runCommand(title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}

async function goTo({ line, column }) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(150);
}

async function cursorLine() {
  const text = await page.locator('#status\\.editor\\.selection').innerText();
  const m = /Ln (\d+), Col (\d+)/.exec(text);
  return m ? Number(m[1]) : -1;
}

/** The text of the first webview frame whose body contains `needle`, waiting for it to render. */
async function webviewText(needle, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const body = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
      if (body.includes(needle)) return body;
    }
    await page.waitForTimeout(300);
  }
  throw new Error(`no webview shows "${needle}"`);
}

try {
  server = await startCodeServer({
    folder,
    vsix,
    logFile: join(resultsDir, 'code-server.log'),
    settings: { 'workbench.secondarySideBar.defaultVisibility': 'hidden', 'chat.disableAIFeatures': true, 'outline.collapseItems': 'alwaysCollapse', 'articleLens.files.includeTxt': true, 'workbench.editor.enablePreview': false, 'editor.hover.delay': 100 },
  });
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  await page.goto(server.url);
  await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });

  await step('open the sample story', async () => {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill(storyName);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: storyName }).first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    await page.locator('.tab.active', { hasText: storyName }).waitFor({ timeout: 15_000 });
    await page.locator('.monaco-editor .view-lines', { hasText: '=== Outlet 000' }).first().waitFor({ timeout: 15_000 });
  });

  const quote = 'Vladimir, let’s mediate Russia first. You can worry about this later,';
  await step('hover on Trump’s “mediate Russia first” shows the other sources’ wordings', async () => {
    const deadline = Date.now() + 60_000;
    let text = '';
    while (Date.now() < deadline) {
      await goTo(lineColumn(quote, 12));
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      const hover = page.locator('.monaco-hover:visible').first();
      text = (await hover.innerText({ timeout: 3_000 }).catch(() => '')) ?? '';
      if (text.includes('Variant group')) break;
      await page.keyboard.press('Escape');
      await page.waitForTimeout(1_000);
    }
    for (const expected of ['Donald Trump', 'Outlet 000 (unnamed tabloid)', 'Outlet 004 (unnamed news site)', 'Новая газета Европа', 'quoted by']) {
      assert(text.includes(expected), `the hover lacks "${expected}": ${text.slice(0, 400)}`);
    }
    await page.screenshot({ path: join(imagesDir, 'hover.png') });
    await page.keyboard.press('Escape');
  });

  await step('F12 jumps to the root of the group in another article', async () => {
    const from = lineColumn(quote, 12);
    await goTo(from);
    await page.keyboard.press('F12');
    const root = lineColumn('I said, ‘Vladimir, let’s mediate Russia first. You can worry about this later.’');
    const deadline = Date.now() + 10_000;
    let line = -1;
    while (Date.now() < deadline && line !== root.line) {
      await page.waitForTimeout(200);
      line = await cursorLine();
    }
    assert(line === root.line, `the cursor is on line ${line}, the root is on line ${root.line}`);
  });

  await step('the Outline shows the articles and their quotes', async () => {
    await runCommand('Explorer: Focus on Outline View');
    for (const article of ['Outlet 000 (unnamed tabloid)', 'Outlet 001 (unnamed wire report)', 'Новая газета Европа', 'Outlet 004 (unnamed news site)']) {
      await page.locator('.monaco-list-row', { hasText: article }).first().waitFor({ timeout: 10_000 });
    }
    await page.locator('.monaco-list-row', { hasText: 'Outlet 001 (unnamed wire report)' }).first().click();
    await page.keyboard.press('ArrowRight');
    await page.locator('.monaco-list-row', { hasText: 'Vladimir Putin: “This is a delicate issue' }).first().waitFor({ timeout: 10_000 });
  });

  await step('the Quotes view lists the variant groups', async () => {
    await page.locator('.activitybar [aria-label^="Article Lens"]').first().click();
    const row = page.locator('.monaco-list-row', { hasText: 'mediate Russia first' }).first();
    await row.waitFor({ timeout: 20_000 });
    const groups = await page.locator('[id="workbench.view.extension.articleLens"] .monaco-list-row').count();
    assert(groups >= 5, `only ${groups} rows in the Article Lens views`);
    await page.screenshot({ path: join(imagesDir, 'views.png') });
  });

  await step('Go to Quote finds a quote by a word', async () => {
    await page.locator('.monaco-editor .view-lines').first().click();
    await runCommand('Article Lens: Go to Quote');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill('grovel');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'No Iranian official' }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    const target = lineColumn('No Iranian official has ever asked to grovel');
    const deadline = Date.now() + 10_000;
    let line = -1;
    while (Date.now() < deadline && line !== target.line) {
      await page.waitForTimeout(200);
      line = await cursorLine();
    }
    assert(line === target.line, `Go to Quote left the cursor on line ${line}, not ${target.line}`);
  });

  await step('Compare Variants shows every source', async () => {
    await runCommand('View: Close Primary Side Bar').catch(() => undefined);
    await page.locator('.monaco-editor .view-lines').first().click();
    await goTo(lineColumn(quote, 12));
    await runCommand('Article Lens: Compare Variants');
    const body = await webviewText('Новая газета Европа');
    await page.waitForTimeout(1_000);
    for (const expected of ['Outlet 000 (unnamed tabloid)', 'Outlet 001 (unnamed wire report)', 'Outlet 004 (unnamed news site)']) {
      assert(body.includes(expected), `the comparison lacks ${expected}`);
    }
    await page.screenshot({ path: join(imagesDir, 'compare.png') });
  });

  await step('the Coverage Matrix shows groups × sources', async () => {
    await runCommand('Article Lens: Coverage Matrix');
    const body = await webviewText('verbatim');
    await page.waitForTimeout(1_000);
    assert(body.includes('Новая газета Европа'), 'the matrix lacks a source column');
    await page.screenshot({ path: join(imagesDir, 'coverage.png') });
  });

  await step('a planted unbalanced quote shows in the Problems panel', async () => {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.fill(storyName);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: storyName }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    await goTo(lineColumn('Russia has denounced Israeli strikes', 'Russia has '.length));
    await page.keyboard.type('“');
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'is never closed' }).first().waitFor({ timeout: 20_000 });
    await page.screenshot({ path: join(resultsDir, 'e2e-problems.png') });
  });
} catch (error) {
  failed++;
  console.log(`FAIL setting up the workbench: ${error.message}`);
} finally {
  if (failed > 0) {
    console.log('\nworkbench console errors:\n' + (consoleErrors.slice(-20).join('\n') || '(none)'));
    if (server) console.log(`\ncode-server log (${server.logFile}):\n` + readFileSync(server.logFile, 'utf8').split('\n').slice(-40).join('\n'));
    console.log(`\nlanguage server log (${serverLog}):\n` + (existsSync(serverLog) ? readFileSync(serverLog, 'utf8').split('\n').slice(-40).join('\n') : '(none written)'));
  }
  await browser?.close().catch(() => undefined);
  await server?.stop().catch(() => undefined);
  rmSync(folder, { recursive: true, force: true });
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
