/** The refusals of the garbage-collection routes, which the server and the mock answer alike. */
import { ApiError } from './errors';

/** `409 GC_DISABLED`: runs are off; `reason` says why when the configuration does, else a default sentence. */
export function gcDisabled(reason: string | null): ApiError {
  return new ApiError(409, 'GC_DISABLED', reason ?? 'Garbage collection is off on this server.', { reason });
}

/** `404 GC_RUN_NOT_FOUND`. */
export function gcRunNotFound(id: string): ApiError {
  return new ApiError(404, 'GC_RUN_NOT_FOUND', `No garbage-collection run ${id}.`, { id });
}
