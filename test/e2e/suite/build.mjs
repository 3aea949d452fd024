// Builds what runs the end-to-end suite inside VS Code's extension host:
//   out/e2e/suite/index.js        the mocha (tdd) entry, mocha bundled in: extensionTestsPath
//   out/e2e/suite/*.test.js       one bundle per test file
//   out/e2e/companion.vsix        the test-only companion extension that runs the suite in code-server
// Used by test/e2e/runVscode.mjs and test/e2e/hostSuite.mjs.

import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const suiteSrc = join(repoRoot, 'test/e2e/suite');
const companionSrc = join(repoRoot, 'test/e2e/companion');
export const suiteOut = join(repoRoot, 'out/e2e/suite');
export const suiteEntry = join(suiteOut, 'index.js');
const companionOut = join(repoRoot, 'out/e2e/companion');
export const companionVsix = join(repoRoot, 'out/e2e/companion.vsix');

// 'vscode' is the host's; everything else (mocha included) goes into the bundles. Mocha's parallel mode
// (require.resolve of its worker files) is never used, so esbuild's warning about it is silenced.
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vscode'],
  logLevel: 'warning',
  logOverride: { 'require-resolve-not-external': 'silent' },
};

const testFiles = () => readdirSync(suiteSrc).filter((name) => name.endsWith('.test.ts')).map((name) => join(suiteSrc, name));

/** Bundles the suite into out/e2e/suite/. */
export async function buildSuite() {
  rmSync(suiteOut, { recursive: true, force: true });
  await Promise.all([
    esbuild.build({ ...common, entryPoints: [join(suiteSrc, 'index.ts')], outfile: suiteEntry }),
    esbuild.build({ ...common, entryPoints: testFiles(), outdir: suiteOut }),
  ]);
}

/**
 * Builds the suite and the companion extension (its runner with the suite's entry bundled in, the test
 * files beside it under suite/) and packages it as out/e2e/companion.vsix.
 */
export async function buildCompanion() {
  await buildSuite();
  rmSync(companionOut, { recursive: true, force: true });
  mkdirSync(join(companionOut, 'suite'), { recursive: true });
  await esbuild.build({ ...common, entryPoints: [join(companionSrc, 'extension.ts')], outfile: join(companionOut, 'extension.js') });
  for (const name of readdirSync(suiteOut).filter((n) => n.endsWith('.test.js'))) cpSync(join(suiteOut, name), join(companionOut, 'suite', name));
  cpSync(join(companionSrc, 'package.json'), join(companionOut, 'package.json'));
  cpSync(join(companionSrc, 'README.md'), join(companionOut, 'README.md'));
  writeFileSync(join(companionOut, '.vscodeignore'), ''); // everything staged ships; stops vsce asking about it
  rmSync(companionVsix, { force: true });
  // vsce from the repository's node_modules: npx inside out/ would not find it.
  execFileSync(
    process.execPath,
    [join(repoRoot, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', companionVsix],
    { cwd: companionOut, stdio: ['ignore', 'ignore', 'inherit'] },
  );
}

/**
 * Copies samples/ to `folder` (the suite plants an edit and must not touch the repository) with the
 * workspace settings the suite relies on: the seed .txt files indexed, so references reach them.
 */
export function copySamples(folder) {
  cpSync(join(repoRoot, 'samples'), folder, { recursive: true });
  mkdirSync(join(folder, '.vscode'), { recursive: true });
  writeFileSync(join(folder, '.vscode', 'settings.json'), JSON.stringify({ 'articleLens.files.includeTxt': true }, null, 2));
}
