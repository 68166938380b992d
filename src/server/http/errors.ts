/** Turns every failure into the contract's error shape; a 5xx never carries a stack trace. */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ApiError } from '../../domain';

export function errorResponse(c: Context, error: ApiError) {
  return c.json(error.toBody(), error.status as ContentfulStatusCode);
}

export function handleError(error: Error, c: Context) {
  if (error instanceof ApiError) return errorResponse(c, error);
  if (error instanceof HTTPException && error.status < 500) {
    return errorResponse(c, new ApiError(error.status, error.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'INVALID_REQUEST', error.message || 'The request could not be read.'));
  }
  console.error(`[attic] ${c.req.method} ${c.req.path} failed:`, error);
  return errorResponse(c, new ApiError(500, 'INTERNAL', 'The server failed to answer this request; it has been logged. Try again, and report it if it persists.'));
}
