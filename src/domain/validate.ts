/** Request checks shared by the server and the mocks, so both answer bad input with the same code. */
import type { z } from 'zod';
import { ApiError, errors } from './errors';
import { DIGEST_PATTERN, isValidAlias, isValidFilePath, isValidName } from './names';
import { DEFAULT_PAGE_LIMIT, LogVersionRequestSchema, MAX_PAGE_LIMIT, SetTtlRequestSchema, ProjectSettingsSchema, VersionStateFilterSchema, type FileEntry, type LogVersionRequest, type VersionStateFilter } from './schemas';

export function requireName(what: string, value: string): string {
  if (!isValidName(value)) throw errors.invalidName(what, value);
  return value;
}

/** Parses a JSON body against a schema; a shape error is `400 INVALID_REQUEST` naming the field. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.join('.') || 'body';
    throw errors.invalidRequest(`Invalid request body: ${field}: ${issue?.message ?? 'invalid'}.`, { field });
  }
  return result.data;
}

/** Checks a log request beyond its shape: names, aliases, paths, digests, duplicate paths. */
export function validateLogRequest(body: unknown): LogVersionRequest {
  const request = parseBody(LogVersionRequestSchema, body);
  // Each size is a safe integer (the schema); their sum must be one too, or totals stop adding up.
  let totalBytes = 0;
  for (const file of request.files) totalBytes += file.sizeBytes;
  if (totalBytes > Number.MAX_SAFE_INTEGER) throw errors.invalidRequest(`The files' sizes add up to more than ${Number.MAX_SAFE_INTEGER} bytes.`, { field: 'files' });
  requireName('type', request.type);
  requireName('collection', request.name);
  for (const alias of request.aliases ?? []) if (!isValidAlias(alias)) throw errors.invalidAlias(alias);
  if (request.runId !== undefined) requireName('run', request.runId);
  const seen = new Set<string>();
  for (const file of request.files) {
    if (!isValidFilePath(file.path)) throw errors.invalidPath(file.path);
    if (seen.has(file.path)) throw new ApiError(400, 'INVALID_PATH', `"${file.path}" is listed twice; each path may appear once.`, { path: file.path });
    seen.add(file.path);
    if (!DIGEST_PATTERN.test(file.digest)) throw errors.invalidDigest(file.digest);
  }
  return { ...request, aliases: [...new Set(request.aliases ?? [])] };
}

export interface PageParams {
  limit: number;
  cursor: string | null;
}

/** `?limit=&cursor=` with the contract's bounds. */
export function parsePageParams(query: { limit?: string | null; cursor?: string | null }): PageParams {
  let limit = DEFAULT_PAGE_LIMIT;
  if (query.limit != null && query.limit !== '') {
    limit = Number(query.limit);
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
    });
    return keys as T;
  } catch {
    throw errors.invalidCursor();
  }
}

/** The size declared for each digest of a manifest; `400 SIZE_MISMATCH` when one digest is given two sizes. */
export function declaredSizes(files: readonly { digest: string; sizeBytes: number }[]): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const file of files) {
    const known = sizes.get(file.digest);
    if (known !== undefined && known !== file.sizeBytes) {
      throw new ApiError(400, 'SIZE_MISMATCH', `Digest ${file.digest} is listed with two sizes (${known} and ${file.sizeBytes} bytes).`, { digest: file.digest });
    }
    sizes.set(file.digest, file.sizeBytes);
  }
  return sizes;
}

/** At most this many mismatching files are named in an error's details (the count says how many there are). */
const MAX_MISMATCHES_LISTED = 100;

/**
 * `400 SIZE_MISMATCH` naming every file whose declared size is not the size of its stored blob, or
 * null when all agree (blobs not stored yet are not compared). A blob counts only with its stored
 * size: a version committed with another one would make downloads and totals lie.
 */
export function storedSizeMismatches(files: Iterable<FileEntry>, storedSizeOf: (digest: string) => number | undefined): ApiError | null {
  const mismatches: { path: string; digest: string; storedSizeBytes: number; declaredSizeBytes: number }[] = [];
  let count = 0;
  for (const file of files) {
    const stored = storedSizeOf(file.digest);
    if (stored === undefined || stored === file.sizeBytes) continue;
    count++;
    if (mismatches.length < MAX_MISMATCHES_LISTED) mismatches.push({ path: file.path, digest: file.digest, storedSizeBytes: stored, declaredSizeBytes: file.sizeBytes });
  }
  const first = mismatches[0];
  if (!first) return null;
  const more = count > 1 ? ` (and ${count - 1} more file${count > 2 ? 's' : ''})` : '';
  return new ApiError(
    400,
    'SIZE_MISMATCH',
    `"${first.path}" declares ${first.declaredSizeBytes} bytes, but its blob ${first.digest} is stored with ${first.storedSizeBytes}${more}; log the version again with the stored sizes.`,
    { digest: first.digest, storedSizeBytes: first.storedSizeBytes, declaredSizeBytes: first.declaredSizeBytes, mismatchCount: count, mismatches },
  );
}

/** The longest TTL accepted: a century; beyond that an expiry date stops being meaningful (and representable). */
export const MAX_TTL_DAYS = 36_500;

/** A TTL request: `days` is required for `custom` and must be a positive number (fractions allowed). */
export function validateTtlRequest(body: unknown): { mode: 'inherit' | 'custom' | 'disabled'; days: number | null } {
  const result = SetTtlRequestSchema.safeParse(body);
  if (!result.success) throw new ApiError(400, 'INVALID_TTL', 'A TTL is {"mode": "custom", "days": <positive number>}, {"mode": "inherit"} or {"mode": "disabled"}.');
  const { mode, days } = result.data;
  // `days: null` is refused in every mode (docs/behaviour.md): a client that sends it means
  // something it did not get, and silently dropping it for inherit/disabled hid that.
  if (days === null) throw new ApiError(400, 'INVALID_TTL', '"days" may be left out but not null; it is a positive number of days, for "custom" only.', { days: null });
  if (mode !== 'custom') return { mode, days: null };
  if (days === undefined || days === null || !Number.isFinite(days) || days <= 0 || days > MAX_TTL_DAYS) {
    throw new ApiError(400, 'INVALID_TTL', `A custom TTL needs "days", a positive number of days up to ${MAX_TTL_DAYS} (fractions allowed).`, { days: days ?? null });
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
