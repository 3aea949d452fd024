// Bundles the benchmark (bench/main.ts, which imports the core directly) to out/bench/main.js, and the heap tools.
import { bundleTool } from '../scripts/bundleTool.mjs';

await bundleTool('bench/main.ts', 'out/bench/main.js');
// Where the heap goes (docs/design.md, Memory): not run by the benchmark.
await bundleTool('bench/heapProfile.ts', 'out/bench/heapProfile.js');
await bundleTool('bench/heapSnapshotSummary.ts', 'out/bench/heapSnapshotSummary.js');
await bundleTool('bench/heapSnapshotSlices.ts', 'out/bench/heapSnapshotSlices.js');
// How fast one story's analysis runs (npm run bench:analysis): not run by the benchmark.
await bundleTool('bench/analysisSpeed.ts', 'out/bench/analysisSpeed.js');
