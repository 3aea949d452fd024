// The test companion: on startup, runs the end-to-end suite in this extension host and writes
// {passed, failed, tests, failures} as JSON where test/e2e/hostSuite.mjs waits for it.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { runSuite, type SuiteResults } from '../suite/index';

/** Set by the runner; the setting is the fallback for a host that does not pass the environment on. */
function resultsFile(): string | undefined {
  return process.env.ARTICLE_LENS_TEST_RESULTS || vscode.workspace.getConfiguration('articleLensTest').get<string>('resultsFile') || undefined;
}

function write(file: string, results: SuiteResults): void {
  mkdirSync(dirname(file), { recursive: true });
  // Written whole, then renamed: the runner never reads half a file.
  writeFileSync(`${file}.partial`, JSON.stringify(results, null, 2));
  renameSync(`${file}.partial`, file);
}

export function activate(context: vscode.ExtensionContext): void {
  const file = resultsFile();
  if (!file) {
    console.warn('Article Lens test companion: no results file set (ARTICLE_LENS_TEST_RESULTS or articleLensTest.resultsFile); not running the suite.');
    return;
  }
  runSuite({ testsRoot: join(context.extensionPath, 'suite') }).then(
    (results) => write(file, results),
    (error: unknown) => {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      write(file, { passed: 0, failed: 1, tests: [{ title: 'running the suite', state: 'failed', durationMs: 0, error: message }], failures: [{ title: 'running the suite', error: message }] });
    },
  );
}
