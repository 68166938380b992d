/** Request checks shared by the server and the mocks, so both answer bad input with the same code. */
import type { z } from 'zod';
import { ApiError, errors } from './errors';
import { isValidName } from './names';
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT, SetTtlRequestSchema, ProjectSettingsSchema, VersionStateFilterSchema, type VersionStateFilter } from './schemas';

export function requireName(what: string, value: string): string {
  if (!isValidName(value)) throw errors.invalidName(what, value);
  return value;
}

/** Parses a JSON body against a schema; a shape error is `400 INVALID_REQUEST` naming the field. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body);
  if (!result.success) throw shapeError(result.error.issues);
  return result.data;
}

/** `400 INVALID_REQUEST` naming the first field a zod parse refused; `prefix` places a part parsed apart in the body. */
export function shapeError(issues: readonly { path: PropertyKey[]; message: string }[], prefix: (string | number)[] = []): ApiError {
  const issue = issues[0];
  const field = [...prefix, ...(issue?.path ?? [])].map(String).join('.') || 'body';
  return errors.invalidRequest(`Invalid request body: ${field}: ${issue?.message ?? 'invalid'}.`, { field });
}

export interface PageParams {
  limit: number;
  cursor: string | null;
}

/** `?limit=&cursor=` with the contract's bounds. */
export function parsePageParams(query: { limit?: string | null; cursor?: string | null }): PageParams {
  let limit = DEFAULT_PAGE_LIMIT;
  if (query.limit != null && query.limit !== '') {
    limit = parseDecimal(query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT) {
      throw errors.invalidRequest(`limit must be an integer from 1 to ${MAX_PAGE_LIMIT}.`, { field: 'limit' });
    }
  }
  return { limit, cursor: query.cursor || null };
}

export function parseVersionStateFilter(value: string | null | undefined): VersionStateFilter {
  if (value == null || value === '') return 'COMMITTED';
  const result = VersionStateFilterSchema.safeParse(value);
  if (!result.success) throw errors.invalidRequest(`state must be one of ${VersionStateFilterSchema.options.join(', ')}.`, { field: 'state' });
  return result.data;
}

export function parseCollectionStateFilter(value: string | null | undefined): 'READY' | 'DELETED' {
  if (value == null || value === '') return 'READY';
  if (value !== 'READY' && value !== 'DELETED') throw errors.invalidRequest('state must be READY or DELETED.', { field: 'state' });
  return value;
}

/** Opaque cursors: base64url of a JSON array of keys. Stable under inserts because lists are keyset-paginated. */
export function encodeCursor(keys: (string | number)[]): string {
  return btoa(JSON.stringify(keys)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeCursor<T extends (string | number)[]>(cursor: string, shape: ('string' | 'number')[]): T {
  try {
    const json = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
    const keys: unknown = JSON.parse(json);
    if (!Array.isArray(keys) || keys.length !== shape.length) throw new Error('shape');
    keys.forEach((key, i) => {
      if (typeof key !== shape[i]) throw new Error('shape');
      // Every numeric key a list pages by (a seq, an order key, a size in bytes) is a whole number.
      if (typeof key === 'number' && !Number.isSafeInteger(key)) throw new Error('shape');
    });
    return keys as T;
  } catch {
    throw errors.invalidCursor();
  }
}

/** The longest TTL accepted: a century; beyond that an expiry date stops being meaningful (and representable). */
export const MAX_TTL_DAYS = 36_500;

/** A TTL request: `days` is required for `custom` and must be a positive number (fractions allowed). */
export function validateTtlRequest(body: unknown): { mode: 'inherit' | 'custom' | 'disabled'; days: number | null } {
  const result = SetTtlRequestSchema.safeParse(body);
  if (!result.success)
    throw new ApiError(400, 'INVALID_TTL', 'A TTL is {"mode": "custom", "days": <positive number>}, {"mode": "inherit"} or {"mode": "disabled"}.');
  const { mode, days } = result.data;
  // `days: null` is refused in every mode (docs/behaviour.md): a client that sends it means
  // something it did not get, and silently dropping it for inherit/disabled hid that.
  if (days === null)
    throw new ApiError(400, 'INVALID_TTL', '"days" may be left out but not null; it is a positive number of days, for "custom" only.', { days: null });
  if (mode !== 'custom') return { mode, days: null };
  if (days === undefined || days === null || !Number.isFinite(days) || days <= 0 || days > MAX_TTL_DAYS) {
    throw new ApiError(400, 'INVALID_TTL', `A custom TTL needs "days", a positive number of days up to ${MAX_TTL_DAYS} (fractions allowed).`, {
      days: days ?? null,
    });
  }
  return { mode, days };
}

/** Project settings: `defaultTtlDays` is a positive number or null. */
export function validateProjectSettings(body: unknown): { defaultTtlDays: number | null } {
  const result = ProjectSettingsSchema.safeParse(body);
  const days = result.success ? result.data.defaultTtlDays : undefined;
  if (days === undefined || (days !== null && (!Number.isFinite(days) || days <= 0 || days > MAX_TTL_DAYS))) {
    throw new ApiError(400, 'INVALID_TTL', `"defaultTtlDays" must be a positive number of days up to ${MAX_TTL_DAYS}, or null for no default.`);
  }
  return { defaultTtlDays: days };
}

/** `?defaultTtlDays=` of the TTL preview: a default as `PUT .../settings` takes it, or `null` for none; anything else (absent too) `400 INVALID_TTL`. */
export function parseTtlPreviewDays(value: string | null | undefined): number | null {
  if (value === 'null') return null;
  const days = value == null ? Number.NaN : parseDecimal(value);
  return validateProjectSettings({ defaultTtlDays: Number.isNaN(days) ? 'missing' : days }).defaultTtlDays;
}

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A number in a query parameter, written in decimal (an exponent allowed, as `String(1e-8)` writes
 * it), else NaN. `Number()` alone also reads `0x10` as 16, `" 1"` as 1 and `""` as 0.
 */
export function parseDecimal(value: string): number {
  return DECIMAL.test(value) ? Number(value) : Number.NaN;
}
