// Loaded into the language server by the soak (node --expose-gc --import): on SIGUSR2 it collects
// garbage and writes the heap, the RSS and the event-loop delay since the last probe to
// $SOAK_PROBE_FILE (and, with $SOAK_HEAP_SNAPSHOTS=DIR, a heap snapshot there, for finding what grew:
// bench/heapSnapshotSummary.ts reads them). The server itself knows nothing of it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const file = process.env.SOAK_PROBE_FILE;
const delay = monitorEventLoopDelay({ resolution: 5 });
delay.enable();
if (file) {
  process.on('SIGUSR2', () => {
    globalThis.gc?.();
    globalThis.gc?.();
    const memory = process.memoryUsage();
    const snapshots = process.env.SOAK_HEAP_SNAPSHOTS;
    if (snapshots) writeHeapSnapshot(join(snapshots, `server-${Date.now()}.heapsnapshot`));
    const ms = (ns) => Math.round(ns / 1e5) / 10;
    writeFileSync(
      file,
      JSON.stringify({
        heapUsed: memory.heapUsed,
        rss: memory.rss,
        gcExposed: typeof globalThis.gc === 'function',
        loopDelay: { p50: ms(delay.percentile(50)), p95: ms(delay.percentile(95)), p99: ms(delay.percentile(99)), max: ms(delay.max) },
        at: Date.now(),
      }),
    );
    delay.reset();
  });
}
