/** Error codes of the API contract, plus the ones Attic adds (documented in the README). */
export type ErrorCode =
  | 'INVALID_NAME'
  | 'INVALID_PATH'
  | 'INVALID_DIGEST'
  | 'INVALID_REQUEST'
  | 'INVALID_CURSOR'
  | 'INVALID_TTL'
  | 'DIGEST_MISMATCH'
  | 'SIZE_MISMATCH'
  | 'MISSING_BLOBS'
  | 'TYPE_MISMATCH'
  | 'ALIASES_PRESENT'
  | 'ALREADY_GARBAGE_COLLECTED'
  | 'FILES_GARBAGE_COLLECTED'
  | 'NOT_COMMITTED'
  | 'ALIAS_MANAGED'
  | 'ALIAS_NOT_FOUND'
  | 'GC_DISABLED'
  | 'GC_RUNNING'
  | 'PROJECT_NOT_FOUND'
  | 'COLLECTION_NOT_FOUND'
  | 'VERSION_NOT_FOUND'
  | 'FILE_NOT_FOUND'
  | 'RUN_NOT_FOUND'
  | 'GC_RUN_NOT_FOUND'
  | 'NOT_FOUND'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'FORBIDDEN'
  | 'UNKNOWN_HOST'
  | 'UNAUTHENTICATED'
  | 'INVALID_CREDENTIALS'
  | 'TOO_MANY_ATTEMPTS'
  | 'USER_EXISTS'
  | 'USER_NOT_FOUND'
  | 'API_KEY_NOT_FOUND'
  | 'PROTECTED_ALIAS'
  | 'INTERNAL';

/** The body of every error answer: `{ error: { code, message, details } }`. */
export interface ErrorBody {
  error: { code: ErrorCode | string; message: string; details: Record<string, unknown> };
}

/** An error that carries its HTTP status and the contract's error shape. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
}

export const errors = {
  invalidName: (what: string, value: string) =>
    new ApiError(
      400,
      'INVALID_NAME',
      `"${value}" is not a valid ${what} name: use letters, digits, ".", "_" or "-", starting with a letter or digit, at most 128 characters.`,
      { field: what, value },
    ),
  invalidAlias: (value: string) =>
    new ApiError(
      400,
      'INVALID_NAME',
      `"${value}" is not a valid alias: aliases use letters, digits, ".", "_" or "-" and may not look like a version label such as v3.`,
      { field: 'alias', value },
    ),
  invalidPath: (value: string) =>
    new ApiError(
      400,
      'INVALID_PATH',
      `${JSON.stringify(value)} is not a valid file path: use a relative path without ".." segments, a leading "/" or control characters (NUL, TAB, CR, LF, DEL, ...).`,
      { path: value },
    ),
  invalidDigest: (value: string) =>
    new ApiError(400, 'INVALID_DIGEST', `"${value}" is not a sha256 digest: expected 64 lowercase hex characters.`, { digest: value }),
  invalidRequest: (message: string, details: Record<string, unknown> = {}) => new ApiError(400, 'INVALID_REQUEST', message, details),
  invalidCursor: () => new ApiError(400, 'INVALID_CURSOR', 'The cursor is not one this server issued; start again without a cursor.'),
  /** An entity that does not exist, or that the caller has no role on: the same answer. */
  entityNotFound: (entity: string) => new ApiError(404, 'NOT_FOUND', `Entity ${entity} does not exist.`, { entity }),
  projectNotFound: (entity: string, project: string) =>
    new ApiError(404, 'PROJECT_NOT_FOUND', `Project ${entity}/${project} does not exist.`, { entity, project }),
  collectionNotFound: (collection: string) =>
    new ApiError(404, 'COLLECTION_NOT_FOUND', `Collection "${collection}" does not exist in this project.`, { collection }),
  versionNotFound: (collection: string, ref: string) =>
    new ApiError(404, 'VERSION_NOT_FOUND', `${collection}:${ref} does not exist.`, { collection, version: ref }),
  runNotFound: (runId: string) => new ApiError(404, 'RUN_NOT_FOUND', `Run "${runId}" logged no artifacts in this project.`, { runId }),
  aliasManaged: (alias: string) =>
    new ApiError(
      400,
      'ALIAS_MANAGED',
      `"${alias}" is managed by Attic: it always names the newest COMMITTED version, so it cannot be set, moved or removed by hand.`,
      { alias },
    ),
  aliasNotFound: (collection: string, alias: string) =>
    new ApiError(404, 'ALIAS_NOT_FOUND', `No version of ${collection} has the alias "${alias}".`, { collection, alias }),
  notCommitted: (collection: string, version: string, state: string) =>
    new ApiError(409, 'NOT_COMMITTED', `${collection}:${version} is ${state}; only COMMITTED versions hold aliases. Restore it first.`, {
      collection,
      version,
      state,
    }),
  fileNotFound: (path: string) => new ApiError(404, 'FILE_NOT_FOUND', `This version has no file "${path}".`, { path }),
} as const;
