import { ApiError, type ErrorCode } from '../../domain';

/** True when `error` is the server saying the thing asked for does not exist (`code`, e.g. `PROJECT_NOT_FOUND`). */
export function isNotFound(error: unknown, code: ErrorCode): boolean {
  return error instanceof ApiError && error.code === code;
}
