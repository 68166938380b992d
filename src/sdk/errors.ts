/**
 * The SDK's typed failures. Every error answer of the server becomes an `AtticApiError` (a
 * subclass when scripts commonly branch on it), carrying the server's `code`, `status`,
 * `message` and `details`; `instanceof` picks the case, so a cleanup loop can skip a refusal
 * and stop on anything else. `AtticApiError` extends the domain's `ApiError`, so code written
 * against `ApiError` keeps working.
 */
import { ApiError } from '../domain';

export class AtticApiError extends ApiError {
  constructor(status: number, code: string, message: string, details: Record<string, unknown> = {}) {
    super(status, code, message, details);
    this.name = new.target.name;
  }
}

/** Any 404: the project, collection, version, alias, run or file does not exist (`code` says which). */
export class NotFoundError extends AtticApiError {}

/** 400: the server refused the request as malformed (`INVALID_NAME`, `INVALID_REQUEST`, ...). */
export class InvalidRequestError extends AtticApiError {}

/** 409 ALIASES_PRESENT: the version has aliases; delete with `{ deleteAliases: true }` or move them first. */
export class AliasesPresentError extends AtticApiError {
  /** The aliases that blocked the delete. */
  get aliases(): string[] {
    const aliases = this.details.aliases;
    return Array.isArray(aliases) ? aliases.map(String) : [];
  }
}

/** 409 ALREADY_GARBAGE_COLLECTED: garbage collection purged the version; it cannot be restored. */
export class AlreadyGarbageCollectedError extends AtticApiError {}

/**
 * TYPE_MISMATCH: the collection has another type than the one named. The server answers it (409)
 * when logging; `Api` raises the same code, with the same status, when `artifactCollection(type, …)`
 * or `artifactVersions(type, …)` names a collection of another type (it checks before acting).
 */
export class TypeMismatchError extends AtticApiError {}

/** The error class for an answer of the server: the subclass scripts branch on, else the base. */
export function apiErrorFor(status: number, code: string, message: string, details: Record<string, unknown> = {}): AtticApiError {
  if (code === 'ALIASES_PRESENT') return new AliasesPresentError(status, code, message, details);
  if (code === 'ALREADY_GARBAGE_COLLECTED') return new AlreadyGarbageCollectedError(status, code, message, details);
  if (code === 'TYPE_MISMATCH') return new TypeMismatchError(status, code, message, details);
  if (status === 404) return new NotFoundError(status, code, message, details);
  if (status === 400) return new InvalidRequestError(status, code, message, details);
  return new AtticApiError(status, code, message, details);
}

/**
 * A path the SDK could not complete into entity/project/...: raised before any request, so it is
 * not an `AtticApiError` (no server answered). `expected` names the form the path must take.
 */
export class InvalidPathError extends Error {
  constructor(
    readonly path: string,
    readonly expected: string,
    reason: string,
  ) {
    super(`"${path}" ${reason}: expected ${expected}.`);
    this.name = 'InvalidPathError';
  }
}
