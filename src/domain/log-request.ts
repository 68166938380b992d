/**
 * Checks of `POST .../artifacts` shared by the server and the mocks: the body's shape, names,
 * paths and digests, and declared sizes against each other and against stored blobs. A manifest
 * may list 100,000 files, so the checks run as steps that pause every `CHECK_STEP_FILES` files: the
 * server lets other requests run at each pause (decision 042), the mocks run them straight through.
 */
import { z } from 'zod';
import { ApiError, errors } from './errors';
import { DIGEST_PATTERN, isValidAlias, isValidFilePath } from './names';
import { LogVersionRequestSchema, type FileEntry, type LogVersionRequest } from './schemas';
import { parseBody, requireName, shapeError } from './validate';

/** Files checked between two pauses. */
export const CHECK_STEP_FILES = 2000;

/** Checks that pause (`yield`) between steps and return their result. */
export type Steps<T> = Generator<void, T, void>;

/** Runs steps straight through, without pausing. */
export function runSteps<T>(steps: Steps<T>): T {
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

// The request with its files left unchecked, then its files a step at a time.
const LogRequestHeadSchema = LogVersionRequestSchema.extend({ files: z.array(z.unknown()).max(100_000) });
const LogFilesSchema = z.array(LogVersionRequestSchema.shape.files.element);

/** The checks of a log request beyond its shape, in the documented order, as steps. */
export function* logRequestChecks(body: unknown): Steps<LogVersionRequest> {
  const head = parseBody(LogRequestHeadSchema, body);
  const files: FileEntry[] = [];
  for (let start = 0; start < head.files.length; start += CHECK_STEP_FILES) {
    const chunk = LogFilesSchema.safeParse(head.files.slice(start, start + CHECK_STEP_FILES));
    if (!chunk.success) {
      const [index, ...rest] = chunk.error.issues[0]?.path ?? [];
      throw shapeError([{ ...chunk.error.issues[0]!, path: rest }], ['files', start + Number(index)]);
    }
    for (const file of chunk.data) files.push(file);
    yield;
  }
  // Each size is a safe integer (the schema); their sum must be one too, or totals stop adding up.
  let totalBytes = 0;
  for (const file of files) totalBytes += file.sizeBytes;
  if (totalBytes > Number.MAX_SAFE_INTEGER)
    throw errors.invalidRequest(`The files' sizes add up to more than ${Number.MAX_SAFE_INTEGER} bytes.`, { field: 'files' });
  const request: LogVersionRequest = { ...head, files };
  requireName('type', request.type);
  requireName('collection', request.name);
  for (const alias of request.aliases ?? []) if (!isValidAlias(alias)) throw errors.invalidAlias(alias);
  if (request.runId !== undefined) requireName('run', request.runId);
  const seen = new Set<string>();
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    if (!isValidFilePath(file.path)) throw errors.invalidPath(file.path);
    if (seen.has(file.path)) throw new ApiError(400, 'INVALID_PATH', `"${file.path}" is listed twice; each path may appear once.`, { path: file.path });
    seen.add(file.path);
    if (!DIGEST_PATTERN.test(file.digest)) throw errors.invalidDigest(file.digest);
    if ((i + 1) % CHECK_STEP_FILES === 0) yield;
  }
  return { ...request, aliases: [...new Set(request.aliases ?? [])] };
}

/** Checks a log request beyond its shape: names, aliases, paths, digests, duplicate paths. */
export function validateLogRequest(body: unknown): LogVersionRequest {
  return runSteps(logRequestChecks(body));
}

/** The size declared for each digest of a manifest; `400 SIZE_MISMATCH` when one digest is given two sizes. */
export function declaredSizes(files: readonly { digest: string; sizeBytes: number }[]): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const file of files) {
    const known = sizes.get(file.digest);
    if (known !== undefined && known !== file.sizeBytes) {
      throw new ApiError(400, 'SIZE_MISMATCH', `Digest ${file.digest} is listed with two sizes (${known} and ${file.sizeBytes} bytes).`, {
        digest: file.digest,
      });
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
    if (mismatches.length < MAX_MISMATCHES_LISTED)
      mismatches.push({ path: file.path, digest: file.digest, storedSizeBytes: stored, declaredSizeBytes: file.sizeBytes });
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
