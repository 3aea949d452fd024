// Small helpers for timing and printing: percentiles, medians, CPU time, the results table.
import { loadavg } from 'node:os';

/** The q-quantile (0..1) of the samples, nearest rank; NaN when there are none. */
export function percentile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 0.5);
}

/** CPU time of this process so far (user + system, all threads), in ms. */
export function cpuMs(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

export interface Timed<T> {
  readonly value: T;
  readonly ms: number;
  readonly cpuMs: number;
}

export function timed<T>(work: () => T): Timed<T> {
  const c0 = cpuMs();
  const t0 = performance.now();
  const value = work();
  return { value, ms: performance.now() - t0, cpuMs: cpuMs() - c0 };
}

export async function timedAsync<T>(work: () => Promise<T>): Promise<Timed<T>> {
  const c0 = cpuMs();
  const t0 = performance.now();
  const value = await work();
  return { value, ms: performance.now() - t0, cpuMs: cpuMs() - c0 };
}

export interface Latencies {
  readonly n: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

export function latencies(samples: readonly number[]): Latencies {
  return { n: samples.length, p50: percentile(samples, 0.5), p95: percentile(samples, 0.95), p99: percentile(samples, 0.99), max: percentile(samples, 1) };
}

export function ms(x: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  if (x >= 10000) return `${(x / 1000).toFixed(1)} s`;
  if (x >= 1000) return `${(x / 1000).toFixed(2)} s`;
  if (x >= 10) return `${x.toFixed(0)} ms`;
  return `${x.toFixed(1)} ms`;
}

export function lat(l: Latencies, withP99 = true): string {
  return `p50 ${ms(l.p50)} / p95 ${ms(l.p95)}${withP99 ? ` / p99 ${ms(l.p99)}` : ''} (n=${l.n})`;
}

export function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

export function mbps(bytes: number, millis: number): number {
  return bytes / 1e6 / (millis / 1000);
}

/** The machine's 1-minute load average: timings taken while other work runs are slower than alone. */
export function load(): string {
  return loadavg()[0]!.toFixed(2);
}

export interface Row {
  readonly what: string;
  readonly measured: string;
  readonly target: string;
  /** undefined: nothing to check (printed as "-"). */
  readonly ok: boolean | undefined;
}

export function table(rows: readonly Row[]): string {
  const cells = [['what', 'measured', 'target', 'ok/MISS'], ...rows.map((r) => [r.what, r.measured, r.target, r.ok === undefined ? '-' : r.ok ? 'ok' : 'MISS'])];
  const widths = [0, 1, 2, 3].map((c) => Math.max(...cells.map((row) => row[c]!.length)));
  const line = (row: readonly string[]): string => `| ${row.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`;
  return [line(cells[0]!), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.slice(1).map(line)].join('\n');
}
