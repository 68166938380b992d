/** Human units for sizes and times, shared by the web app and the CLI. */

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

/** 8_100_000 -> "8.1 MB" (decimal units, as storage vendors bill). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1000) return `${bytes} B`;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1).replace(/\.0$/, '')} ${UNITS[unit]}`;
}

const DECIMAL: Record<string, number> = { '': 1, b: 1, k: 1e3, kb: 1e3, m: 1e6, mb: 1e6, g: 1e9, gb: 1e9, t: 1e12, tb: 1e12, p: 1e15, pb: 1e15 };
const BINARY: Record<string, number> = { kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40, pib: 2 ** 50 };

/**
 * "10GB" -> 10_000_000_000: the sizes people type, in formatBytes' decimal units (also `10 GB`,
 * `1.5mb`, `512`, `10G`) or binary ones (`10GiB`); whole bytes, rounded. Null for anything else.
 */
export function parseBytes(text: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  if (!match) return null;
  const unit = match[2]!.toLowerCase();
  const factor = DECIMAL[unit] ?? BINARY[unit];
  if (factor === undefined) return null;
  const bytes = Math.round(Number(match[1]) * factor);
  return Number.isSafeInteger(bytes) ? bytes : null;
}

const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "2 hours ago", "in 3 days", "yesterday". */
export function formatRelativeTime(iso: string, now: number = Date.now()): string {
  const seconds = (Date.parse(iso) - now) / 1000;
  if (!Number.isFinite(seconds)) return '—';
  if (Math.abs(seconds) < 45) return seconds <= 0 ? 'just now' : 'in a few seconds';
  for (const [unit, size] of STEPS) {
    // 95 % of a unit already reads as one of it: "in 1 hour", not "in 60 minutes".
    if (Math.abs(seconds) >= size * 0.95) return relative.format(Math.round(seconds / size), unit);
  }
  return relative.format(Math.round(seconds), 'second');
}

/** The exact time shown on hover: "2026-11-27 04:47:46 UTC". */
export function formatExactTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export function formatCount(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? singular : plural}`;
}

const DURATION_UNITS: [string, number][] = [
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** 86400 -> "1 day", 5400 -> "90 minutes": the largest unit that states the period exactly. */
export function formatDuration(seconds: number): string {
  for (const [unit, size] of DURATION_UNITS) {
    if (seconds >= size && seconds % size === 0) {
      const n = seconds / size;
      return `${n} ${n === 1 ? unit : `${unit}s`}`;
    }
  }
  return `${seconds} seconds`;
}
