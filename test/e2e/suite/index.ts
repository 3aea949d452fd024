// The entry VS Code loads to run the suite inside its extension host: `extensionTestsPath` for
// @vscode/test-electron (test/e2e/runVscode.mjs), or called by the test companion extension inside
// code-server (test/e2e/hostSuite.mjs). Bundled by test/e2e/suite/build.mjs with mocha inside.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

/** One test as it ended. */
export interface TestResult {
  readonly title: string;
  readonly state: 'passed' | 'failed';
  readonly durationMs: number;
  readonly error?: string;
}

/** What a run of the suite found, as the companion writes it to its results file. */
export interface SuiteResults {
  readonly passed: number;
  readonly failed: number;
  readonly tests: TestResult[];
  readonly failures: Array<{ title: string; error: string }>;
}

export interface RunOptions {
  /** The folder with the bundled `*.test.js` files (default: this file's folder). */
  readonly testsRoot?: string;
  /** A mocha reporter name (default `spec`, which writes to the extension host's stdout). */
  readonly reporter?: string;
}

/** Runs every `*.test.js` of the suite with mocha's tdd interface and reports each test. */
export function runSuite(options: RunOptions = {}): Promise<SuiteResults> {
  const testsRoot = options.testsRoot ?? __dirname;
  const mocha = new Mocha({ ui: 'tdd', reporter: options.reporter ?? 'spec', color: false, timeout: 60_000 });
  const files = readdirSync(testsRoot).filter((name) => name.endsWith('.test.js')).sort();
  if (files.length === 0) return Promise.reject(new Error(`no *.test.js files in ${testsRoot}`));
  for (const name of files) mocha.addFile(join(testsRoot, name));

  const tests: TestResult[] = [];
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run(() => {
        const failures = tests.filter((t) => t.state === 'failed').map((t) => ({ title: t.title, error: t.error ?? '' }));
        resolve({ passed: tests.length - failures.length, failed: failures.length, tests, failures });
      });
      runner.on('pass', (test) => tests.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 }));
      // Also fires for a failed hook (suiteSetup), whose tests then never run.
      runner.on('fail', (test, error: unknown) =>
        tests.push({ title: test.fullTitle(), state: 'failed', durationMs: test.duration ?? 0, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
      );
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

/** The standard entry of @vscode/test-electron: resolves when every test passed. */
export async function run(): Promise<void> {
  const results = await runSuite();
  console.log(`${results.passed} passed, ${results.failed} failed`);
  if (results.failed > 0) throw new Error(`${results.failed} of ${results.passed + results.failed} tests failed`);
}
