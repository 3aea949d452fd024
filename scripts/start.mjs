// npm start: builds the extension and opens samples/ in a VS Code with it loaded.
// - With a local `code` binary: `code --extensionDevelopmentPath=<repo> <repo>/samples`.
// - Otherwise: a browser VS Code (code-server) on 127.0.0.1 with the packaged .vsix installed; it prints
//   the URL and runs until Ctrl+C. The first run installs code-server with test/e2e/setup.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const samples = join(root, 'samples');
const hasCode = spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;

if (hasCode) {
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  spawn('code', [`--extensionDevelopmentPath=${root}`, samples], { stdio: 'inherit', detached: true }).unref();
  console.log('Opened samples/ in VS Code with Article Lens loaded.');
} else {
  execFileSync('bash', [join(root, 'test', 'e2e', 'setup')], { cwd: root, stdio: 'inherit' });
  execFileSync('npm', ['run', 'package', '--silent'], { cwd: root, stdio: 'inherit' });
  const { startCodeServer } = await import('../test/e2e/codeServer.mjs');
  const server = await startCodeServer({
    folder: samples,
    vsix: join(root, 'dist', 'article-lens.vsix'),
    logFile: join(root, 'test-results', 'code-server.log'),
    timeoutMs: 120_000,
    settings: { 'articleLens.files.includeTxt': true },
  });
  console.log(`\nArticle Lens in a browser VS Code: ${server.url}\nOpen it in your browser; press Ctrl+C to stop.`);
  const stop = async () => {
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  setInterval(() => undefined, 1 << 30);
}
