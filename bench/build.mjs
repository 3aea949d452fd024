// Bundles the benchmark (bench/main.ts, which imports the core directly) to out/bench/main.js.
import { bundleTool } from '../scripts/bundleTool.mjs';

await bundleTool('bench/main.ts', 'out/bench/main.js');
