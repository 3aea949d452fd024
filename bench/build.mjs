// Bundles the benchmark (bench/main.ts, which imports the core directly) to out/bench/main.js, as
// esbuild.mjs bundles the server and the CLI.
import * as esbuild from 'esbuild';

await esbuild.build({
  entryPoints: ['bench/main.ts'],
  outfile: 'out/bench/main.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
});
