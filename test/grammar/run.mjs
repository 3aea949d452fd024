#!/usr/bin/env node
// Runs the TextMate grammar tests: every test/grammar/*.articles file is one test, checked by
// vscode-tmgrammar-test against syntaxes/articles.tmLanguage.json.
//
//   node test/grammar/run.mjs                 the extension's grammar
//   node test/grammar/run.mjs other.json      another grammar file (e.g. to check that a broken grammar fails)
//
// Ends with `N passed, N failed` and exits 1 when a test fails.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const grammar = resolve(process.argv[2] ?? join(root, 'syntaxes/articles.tmLanguage.json'));

// The script behind node_modules/.bin/vscode-tmgrammar-test, started with this node so it also runs on
// Windows, where .bin holds a .cmd shim.
const require = createRequire(import.meta.url);
const manifestPath = require.resolve('vscode-tmgrammar-test/package.json');
const bin = join(dirname(manifestPath), JSON.parse(readFileSync(manifestPath, 'utf8')).bin['vscode-tmgrammar-test']);

const files = readdirSync(here).filter((f) => f.endsWith('.articles')).sort();

/** Runs one test file; resolves to true when it passes. */
function runOne(file) {
  return new Promise((done) => {
    // The tool also loads the grammars listed in ./package.json, and they replace the one given with -g.
    // Running from this folder, which has no package.json, makes -g the only grammar.
    const child = spawn(process.execPath, [bin, '--grammar', grammar, file], { cwd: here, env: { ...process.env, FORCE_COLOR: '0' } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => {
      output += String(error);
      done({ file, ok: false, output });
    });
    child.on('close', (code) => done({ file, ok: code === 0, output }));
  });
}

const results = await Promise.all(files.map(runOne));
for (const { file, ok, output } of results) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${file}`);
  if (!ok) console.log(output.trimEnd().replace(/^/gm, '    '));
}
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
if (files.length === 0) console.error(`No *.articles test files in ${here}`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || files.length === 0 ? 1 : 0;
