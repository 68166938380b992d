/** How TTLs read in the dialog: days, and an expiry as a date plus how far away it is. */
import { formatCount, formatRelativeTime } from '../../../../domain';

export const DAY_MS = 24 * 3600 * 1000;

/** 1 -> "1 day", 2.5 -> "2.5 days". */
export function formatDays(days: number): string {
  return formatCount(days, 'day');
}

/** When a version created at `createdAt` expires after `days`, as the server counts it. */
export function expiryFrom(createdAt: string, days: number): string {
  return new Date(Date.parse(createdAt) + days * DAY_MS).toISOString();
}

/** An expiry as `2026-12-27` and `in 30 days` / `3 days ago` (hours or minutes under a day). */
export function describeExpiry(iso: string, now: number = Date.now()): { date: string; relative: string; past: boolean } {
  const ms = Date.parse(iso) - now;
  const past = ms <= 0;
  const wholeDays = Math.round(Math.abs(ms) / DAY_MS);
  const relative = Math.abs(ms) < DAY_MS ? formatRelativeTime(iso, now) : past ? `${formatDays(wholeDays)} ago` : `in ${formatDays(wholeDays)}`;
  return { date: iso.slice(0, 10), relative, past };
}
