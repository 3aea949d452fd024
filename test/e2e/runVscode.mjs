// npm run test:vscode — the extension-host suite (test/e2e/suite) the standard way, with
// @vscode/test-electron: downloads VS Code (cached in .e2e-cache/vscode-test), starts it on a copy of
// samples/ with this repository as the extension under development and every other extension disabled,
// and runs out/e2e/suite/index.js in its extension host.
//
// Needs a network (or VS Code already in the cache) and a display (xvfb-run on Linux CI). CI runs the same
// suite inside code-server instead (test/e2e/hostSuite.mjs), because it cannot download VS Code.
// Set VSCODE_EXECUTABLE_PATH to use a VS Code that is already installed.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { buildSuite, copySamples, repoRoot, suiteEntry } from './suite/build.mjs';

const messageOf = (error) => (error instanceof Error ? error.message : String(error)).split('\n')[0];

execFileSync('node', ['esbuild.mjs'], { cwd: repoRoot, stdio: 'inherit' });
await buildSuite();

let vscodeExecutablePath = process.env.VSCODE_EXECUTABLE_PATH;
if (!vscodeExecutablePath) {
  try {
    vscodeExecutablePath = await downloadAndUnzipVSCode({ cachePath: join(repoRoot, '.e2e-cache', 'vscode-test'), timeout: 30_000 });
  } catch (error) {
    console.error(`test:vscode: could not download VS Code (${messageOf(error)}); run it where the network reaches update.code.visualstudio.com, set VSCODE_EXECUTABLE_PATH, or use node test/e2e/hostSuite.mjs (code-server).`);
    process.exit(1);
  }
}

const workspace = mkdtempSync(join(tmpdir(), 'article-lens-vscode-'));
copySamples(workspace);
let exitCode = 0;
try {
  await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: suiteEntry,
    launchArgs: [workspace, '--disable-extensions'],
  });
} catch (error) {
  console.error(`test:vscode: ${messageOf(error)}`);
  exitCode = 1;
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
process.exit(exitCode);
