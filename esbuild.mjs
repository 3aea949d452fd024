// Bundles the extension, the language server, the CLI and the analysis worker they start; with --tests also every test file.
import * as esbuild from 'esbuild';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const minify = process.argv.includes('--minify');
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: !minify, minify, logLevel: 'warning' };

function filesUnder(dir, suffix) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full, suffix));
    else if (full.endsWith(suffix)) out.push(full);
  }
  return out;
}

await Promise.all([
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  // Found beside dist/server.js and dist/cli.js at run time (analysisPool.ts).
  esbuild.build({ ...common, entryPoints: ['server/src/analysisWorker.ts'], outfile: 'dist/analysisWorker.js' }),
]);

if (process.argv.includes('--tests')) {
  const entries = [...filesUnder('test/unit', '.test.ts'), ...filesUnder('test/lsp', '.test.ts')];
  await esbuild.build({ ...common, entryPoints: entries, outdir: 'out/test', outbase: 'test', external: ['mocha', 'vscode', 'fast-check'] });
}
