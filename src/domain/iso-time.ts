/**
 * The one rule for a time a client sends (filters of the version list and of deletion jobs, the
 * audit log's range). Date.parse is no such rule: it rolls `2026-02-30` over to 2 March, reads
 * `12/31/2099` as a US date and `0` as the year 2000, and a time of day without a zone as the
 * server's local time. A filter that selects versions to delete must never guess, so anything but
 * these forms is refused:
 *
 * - `YYYY-MM-DD`: midnight UTC of that day;
 * - `YYYY-MM-DDTHH:MM`, `...:SS` or `...:SS.f` (1 to 9 digits, kept to the millisecond), followed
 *   by `Z` or an offset `±HH:MM`. A time of day without one is refused rather than taken as UTC or
 *   local time: the two differ by hours, and only the user knows which was meant.
 *
 * Calendar dates and clock times must exist (no 30 February, month 13 or hour 24), and the instant
 * must fall within the years 0000 to 9999. What `toISOString` writes is always accepted.
 */
import { type ApiError, errors } from './errors';

/** The accepted forms, as error messages and help texts name them. */
export const ISO_TIME_FORMS =
  'YYYY-MM-DD (midnight UTC) or YYYY-MM-DDTHH:MM[:SS[.sss]] with Z or an offset such as +02:00, e.g. 2024-06-01 or 2024-06-01T12:00:00Z';

const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d{2}):(\d{2})))?$/;
/** 0000-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z. */
const EARLIEST_MS = -62_167_219_200_000;
const LATEST_MS = 253_402_300_799_999;

const isLeapYear = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

/** Milliseconds since the epoch of a time in one of the accepted forms, else null. */
export function parseIsoTime(value: string): number | null {
  const match = ISO_TIME.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const fraction = match[7] ?? '';
  const [sign, offsetHours, offsetMinutes] = [match[8], Number(match[9] ?? 0), Number(match[10] ?? 0)];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return null;
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads the years 0 to 99 as 1900 to 1999.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, Number(fraction.slice(0, 3).padEnd(3, '0')));
  const offsetMs = (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  const ms = date.getTime() - offsetMs;
  return ms < EARLIEST_MS || ms > LATEST_MS ? null : ms;
}

/** The time as UTC `YYYY-MM-DDTHH:MM:SS.sssZ`, the form times are stored in (and compared as text), else null. */
export function toUtcIsoTime(value: string): string | null {
  const ms = parseIsoTime(value);
  return ms === null ? null : new Date(ms).toISOString();
}

/** The sentence refusing `value` as the time `field`: the field, the value and the accepted forms. */
export function isoTimeMessage(field: string, value: string): string {
  return `${field} ${JSON.stringify(value)} is not a time: give ${ISO_TIME_FORMS}.`;
}

/** A query parameter's time as stored (UTC); otherwise `400 INVALID_REQUEST` naming the field. */
export function requireIsoTime(field: string, value: string): string {
  const utc = toUtcIsoTime(value);
  if (utc === null) throw isoTimeError(field, value);
  return utc;
}

/** `400 INVALID_REQUEST` refusing `value` as the time `field`, with `details.field`. */
export function isoTimeError(field: string, value: string): ApiError {
  return errors.invalidRequest(isoTimeMessage(field, value), { field });
}
