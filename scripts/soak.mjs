// `npm run soak [-- --only properties|linearity|lsp|cancel] [-- --edits N]`: builds the server, bundles the soak
// (test/soak/) and runs it. Takes many minutes; not part of npm test.
import { spawnSync } from 'node:child_process';
import { bundleTool } from './bundleTool.mjs';

const build = spawnSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
await bundleTool('test/soak/main.ts', 'out/soak/main.js', { external: ['fast-check'] });
const run = spawnSync(process.execPath, ['--enable-source-maps', 'out/soak/main.js', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
