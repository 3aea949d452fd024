// Runs the extension-host suite (test/e2e/suite: hover, definition, references, symbols, diagnostics,
// commands and views through the real `vscode` API) inside code-server, with the packaged extension and
// the test companion (test/e2e/companion) installed. The extension host starts only when a browser
// connects, so headless Chromium opens the workbench; the companion runs the suite on startup and writes
// its results to a file, which this script waits for (bounded) and prints.
//
//   node test/e2e/hostSuite.mjs      (part of npm run test:e2e; needs `bash test/e2e/setup` first)
//   HOST_SUITE_TIMEOUT_MS=…          how long to wait for the results (default 120000)
//   HOST_SUITE_KEEP=1                keep the temp dir (workspace copy, user data, logs) for a post-mortem
//
// Ends with "N passed, N failed"; exits 1 on a failure or a timeout, after printing the logs' tails.

import { execFile, execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { cacheDir, codeServerEntry, codeServerInstalled, defaultSettings, node24, repoRoot } from './codeServer.mjs';
import { buildCompanion, companionVsix, copySamples } from './suite/build.mjs';

const RESULTS_TIMEOUT_MS = Number(process.env.HOST_SUITE_TIMEOUT_MS ?? 120_000);
const resultsDir = join(repoRoot, 'test-results');
const logFile = join(resultsDir, 'host-suite-code-server.log');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const pwDir = join(cacheDir, 'pw');
if (!codeServerInstalled() || !existsSync(join(pwDir, 'node_modules/playwright-core')) || !existsSync(chromiumPath)) {
  console.error('hostSuite: code-server, playwright-core or chromium missing: run `bash test/e2e/setup` first');
  process.exit(1);
}
const { chromium } = createRequire(join(pwDir, 'package.json'))('playwright-core');
const execFileP = promisify(execFile);
const started = Date.now();
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

/**
 * codeServer.mjs's startCodeServer installs one .vsix; this one installs several (Article Lens before
 * the companion that depends on it) and passes `env` to the server and so to the extension host.
 */
async function startCodeServer({ base, folder, vsixes, settings, env: extraEnv }) {
  const userDataDir = join(base, 'user-data');
  const extensionsDir = join(base, 'extensions');
  const configFile = join(base, 'config.yaml');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...defaultSettings, ...settings }, null, 2));
  writeFileSync(configFile, 'auth: none\ncert: false\n');
  const common = ['--config', configFile, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  const env = { ...process.env, ...extraEnv, CS_DISABLE_GETTING_STARTED_OVERRIDE: '1' };
  delete env.VSCODE_IPC_HOOK_CLI;

  writeFileSync(logFile, '');
  for (const vsix of vsixes) {
    const { stdout, stderr } = await execFileP(node24, [codeServerEntry, ...common, '--force', '--install-extension', vsix], { env, timeout: 120_000 });
    writeFileSync(logFile, `# --install-extension ${vsix}\n${stdout}${stderr}\n`, { flag: 'a' });
  }

  const port = await freePort();
  const out = openSync(logFile, 'a');
  const child = spawn(
    node24,
    [codeServerEntry, ...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
      '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened', folder],
    { env, stdio: ['ignore', out, out], detached: true }, // own process group: stop() ends all of it
  );
  closeSync(out);
  let exited = false;
  const exitedP = new Promise((res) => child.once('exit', () => { exited = true; res(); }));
  const killGroup = (signal) => { try { process.kill(-child.pid, signal); } catch { /* already gone */ } };
  const onExit = () => killGroup('SIGKILL');
  process.once('exit', onExit);
  async function stop() {
    process.off('exit', onExit);
    if (!exited) {
      killGroup('SIGTERM');
      const timer = setTimeout(() => killGroup('SIGKILL'), 5_000);
      await exitedP;
      clearTimeout(timer);
    }
    killGroup('SIGKILL'); // stragglers in the group: the extension host, the language server, watchers
  }

  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw Object.assign(new Error('code-server exited before answering'), { stop });
    const ok = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer on ${origin} within 60 s`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url: `${origin}/?folder=${encodeURIComponent(folder)}`, userDataDir, stop };
}

/** The extension host's and Article Lens's logs (code-server keeps them under logs/<date>/exthost<N>/). */
function extensionHostLogs(userDataDir) {
  const found = [];
  const walk = (dir) => {
    for (const name of existsSync(dir) ? readdirSync(dir) : []) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name === 'remoteexthost.log' || name === 'Article Lens.log') found.push(path);
    }
  };
  walk(join(userDataDir, 'logs'));
  return found;
}

const tail = (file, lines = 40) => readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');

let results;
let failure;
const consoleErrors = [];
const base = mkdtempSync(join(tmpdir(), 'article-lens-host-'));
const folder = join(base, 'workspace');
const resultsFile = join(base, 'results.json');
let server;
let browser;

try {
  mkdirSync(resultsDir, { recursive: true });
  console.log('packaging the extension (npm run package) and the test companion…');
  execFileSync('npm', ['run', 'package', '--silent'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  await buildCompanion();
  console.log(`built in ${seconds(started)}`);

  copySamples(folder);
  const serverStarted = Date.now();
  server = await startCodeServer({
    base,
    folder,
    vsixes: [join(repoRoot, 'dist', 'article-lens.vsix'), companionVsix],
    settings: { 'articleLensTest.resultsFile': resultsFile, 'workbench.secondarySideBar.defaultVisibility': 'hidden' },
    env: { ARTICLE_LENS_TEST_RESULTS: resultsFile },
  });
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  await page.goto(server.url);
  await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
  console.log(`workbench up in ${seconds(serverStarted)}; waiting for the suite (at most ${RESULTS_TIMEOUT_MS / 1000} s)…`);

  const suiteStarted = Date.now();
  const deadline = suiteStarted + RESULTS_TIMEOUT_MS;
  while (!existsSync(resultsFile)) {
    if (Date.now() > deadline) throw new Error(`no results after ${RESULTS_TIMEOUT_MS / 1000} s: the companion did not run the suite or it hung`);
    await new Promise((r) => setTimeout(r, 250));
  }
  results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  console.log(`suite finished ${seconds(suiteStarted)} after the workbench was up\n`);
} catch (error) {
  failure = error instanceof Error ? error.message : String(error);
  await error?.stop?.();
}

let passed = results?.passed ?? 0;
let failed = results?.failed ?? 0;
for (const test of results?.tests ?? []) {
  console.log(`${test.state === 'passed' ? 'ok  ' : 'FAIL'} ${test.title} (${test.durationMs} ms)`);
  if (test.state !== 'passed') console.log(`     ${String(test.error).split('\n').join('\n     ')}`);
}
if (failure) {
  failed++;
  console.log(`FAIL running the suite in code-server: ${failure}`);
}
if (!failure && passed + failed === 0) {
  failed++;
  console.log('FAIL the suite ran no tests');
}
// Stopped before the logs are read: the extension host flushes its log as it ends.
await browser?.close().catch(() => undefined);
await server?.stop().catch(() => undefined);
if (failed > 0) {
  console.log('\nworkbench console errors:\n' + (consoleErrors.slice(-20).join('\n') || '(none)'));
  if (existsSync(logFile)) console.log(`\ncode-server log (${logFile}):\n${tail(logFile)}`);
  for (const log of server ? extensionHostLogs(server.userDataDir) : []) console.log(`\n${log}:\n${tail(log, 30)}`);
}
if (process.env.HOST_SUITE_KEEP) console.log(`\nkept ${base}`);
else rmSync(base, { recursive: true, force: true });

console.log(`\nhost suite: ${seconds(started)} in all`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
