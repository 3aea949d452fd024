// Bundles one of the project's Node tools (the benchmark, the soak) to out/, with the options
// esbuild.mjs uses for the server and the CLI.
import * as esbuild from 'esbuild';

export async function bundleTool(entry, outfile, extra = {}) {
  await esbuild.build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning', ...extra });
}
