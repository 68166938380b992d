/** Turns every failure into the contract's error shape; a 5xx never carries a stack trace. */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ApiError, errors } from '../../domain';

export function errorResponse(c: Context, error: ApiError) {
  return c.json(error.toBody(), error.status as ContentfulStatusCode);
}

/** The client hung up before its body was complete: Node's request stream fails with this error. */
function isClientAbort(error: Error): boolean {
  return (error as NodeJS.ErrnoException).code === 'ECONNRESET' && error.message === 'aborted';
}

export function handleError(error: Error, c: Context) {
  if (error instanceof ApiError) return errorResponse(c, error);
  if (isClientAbort(error)) {
    // Not a failure of the server: one line, and an answer nobody will read.
    console.warn(`[attic] ${c.req.method} ${c.req.path}: aborted by the client before its request body was complete`);
    return errorResponse(c, new ApiError(400, 'INVALID_REQUEST', 'The request was aborted before its body was complete.'));
  }
  if (error instanceof HTTPException && error.status < 500) {
    return errorResponse(
      c,
      new ApiError(error.status, error.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'INVALID_REQUEST', error.message || 'The request could not be read.'),
    );
  }
  if (isNulRefusedByPostgres(error)) {
    // The statement failed, so its transaction changed nothing.
    return errorResponse(c, errors.invalidRequest('The request holds the NUL character (\\u0000) in a text, which no text Attic keeps can hold.'));
  }
  console.error(`[attic] ${c.req.method} ${c.req.path} failed:`, error);
  return errorResponse(
    c,
    new ApiError(500, 'INTERNAL', 'The server failed to answer this request; it has been logged. Try again, and report it if it persists.'),
  );
}

/** PostgreSQL's "invalid byte sequence for encoding UTF8: 0x00" (22021) and "unsupported Unicode escape" (22P05). */
function isNulRefusedByPostgres(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  return (code === '22021' || code === '22P05') && /0x00|\\u0000/.test(error.message);
}
