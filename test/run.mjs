// The test command: type-check, lint, bundle the tests, run them with mocha, then the grammar tests.
// Ends with one plain line "N passed, N failed" that CI reads.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit' }).status === 0;

let passed = 0;
let failed = 0;
const step = (name, ok) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}`);
  if (ok) passed++;
  else failed++;
};

step('type-check (tsc --noEmit)', run('npx', ['tsc', '-p', '.', '--noEmit']));
step('lint (eslint)', run('npx', ['eslint', '--max-warnings', '0', '.']));
step('bundle tests', run('node', ['esbuild.mjs', '--tests']));

const files = (dir) =>
  existsSync(dir)
    ? readdirSync(dir).flatMap((n) => {
        const p = join(dir, n);
        return statSync(p).isDirectory() ? files(p) : p.endsWith('.test.js') ? [p] : [];
      })
    : [];

const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', timeout: 20000 });
for (const f of files('out/test').sort()) mocha.addFile(join(process.cwd(), f));
await new Promise((resolve) => {
  const runner = mocha.run(() => resolve());
  runner.on('pass', () => passed++);
  runner.on('fail', () => failed++);
});

if (existsSync('test/grammar/run.mjs')) step('grammar tests', run('node', ['test/grammar/run.mjs']));

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
