/**
 * Every request body on the API except a blob upload: JSON only (`415 UNSUPPORTED_MEDIA_TYPE`,
 * which also takes away the text/plain and form bodies that another site's page can send), and at
 * most MAX_JSON_BYTES, counted while it streams in so that no more than that is ever held
 * (`413 PAYLOAD_TOO_LARGE`). Routes read the result with `readJson`.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { ApiError, errors } from '../../domain';
import { errorResponse } from './errors';

const BODY_TEXT = 'attic.jsonBodyText';

function isJsonType(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

function requireJsonType(c: Context): void {
  const contentType = c.req.header('content-type');
  if (isJsonType(contentType)) return;
  throw new ApiError(
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    `Send the request body as JSON with Content-Type: application/json (this one came ${contentType ? `as ${contentType}` : 'without a Content-Type'}).`,
    { contentType: contentType ?? null },
  );
}

function tooLarge(maxBytes: number): ApiError {
  return new ApiError(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${maxBytes} bytes (MAX_JSON_BYTES).`, { maxBytes });
}

/** The body as text, or undefined when there is none; stops reading at the first byte past `maxBytes`. */
async function readLimited(c: Context, maxBytes: number): Promise<string | undefined> {
  const declared = c.req.header('content-length');
  if (declared !== undefined && declared !== '0') requireJsonType(c);
  if (declared !== undefined && Number(declared) > maxBytes) throw tooLarge(maxBytes);
  const stream = c.req.raw.body;
  if (!stream) return undefined;
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (value.length === 0) continue;
      // Without a Content-Length (chunked), the type is checked when the first byte arrives.
      if (size === 0) requireJsonType(c);
      size += value.length;
      if (size > maxBytes) throw tooLarge(maxBytes);
      chunks.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    throw error;
  }
  if (size === 0) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw errors.invalidRequest('The request body is not valid UTF-8 JSON.');
  }
}

export function jsonBodies(maxBytes: number): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    let text: string | undefined;
    try {
      text = await readLimited(c, maxBytes);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 413) throw error;
      // The rest of the body is not wanted: close the connection rather than read it to its end.
      const response = errorResponse(c, error);
      response.headers.set('Connection', 'close');
      return response;
    }
    c.set(BODY_TEXT, text);
    await next();
  };
}

/** The JSON body (`{}` when there is none), or `400 INVALID_REQUEST` when it is not JSON. */
export function readJson(c: Context): unknown {
  const text = c.get(BODY_TEXT) as string | undefined;
  if (text === undefined || text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw errors.invalidRequest('The request body is not valid JSON.');
  }
}
