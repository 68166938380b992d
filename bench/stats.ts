/** Small timing and formatting helpers for the benchmarks: medians, VmHWM, readable figures. */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Milliseconds spent in `fn`. */
export async function timeMs(fn: () => Promise<unknown> | unknown): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/** A field of /proc/<pid>/status in kB (VmHWM: peak resident set size; VmRSS: current). */
export function procStatusKb(pid: number | 'self', field: 'VmHWM' | 'VmRSS'): number {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
  if (!match) throw new Error(`${field} not found in /proc/${pid}/status`);
  return Number(match[1]);
}

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

export function fmtMb(kb: number): string {
  return `${(kb / 1024).toFixed(1)} MB`;
}

export function fmtInt(n: number): string {
  return n.toLocaleString('en-US');
}

const benchStarted = performance.now();

/** A progress line with the time since the bench started. */
export function progress(message: string): void {
  const s = ((performance.now() - benchStarted) / 1000).toFixed(1).padStart(6);
  console.log(`[${s} s] ${message}`);
}

export interface RatioLine {
  section: string;
  measure: string;
  small: string;
  large: string;
  ratio: number;
  target: number;
  /** The ratio should reach the target (a speed-up) rather than stay under it (a slow-down). */
  atLeast?: boolean;
  /** The store it was measured on (set by `record`). */
  backend?: string;
  /** Set when the line could not be measured (a route answered 5xx, a run failed). */
  error?: string;
}

export function verdict(line: Pick<RatioLine, 'ratio' | 'target' | 'error' | 'atLeast'>): string {
  if (line.error) return 'ERROR';
  if (!Number.isFinite(line.ratio)) return 'n/a';
  const meets = line.atLeast ? line.ratio >= line.target : line.ratio <= line.target;
  return meets ? 'meets' : 'MISSES';
}

export function targetText(line: Pick<RatioLine, 'target' | 'atLeast'>): string {
  return `${line.atLeast ? '>=' : '<='} ${line.target}`;
}

/** A plain-text table with left-aligned columns. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
