/**
 * No text Attic keeps or looks up may hold U+0000 (NUL): PostgreSQL's text cannot store it at all,
 * and no name, alias, path or filter a person means contains it. Refused up front as the client's
 * mistake (`400 INVALID_REQUEST`) on every store alike, rather than reaching a query that fails.
 */
import type { MiddlewareHandler } from 'hono';
import { errors } from '../../domain';

const NUL_IN_URL = /%00/i;

export function noNulInUrl(): MiddlewareHandler {
  return async (c, next) => {
    const url = c.req.url;
    if (NUL_IN_URL.test(url) || url.includes('\0'))
      throw errors.invalidRequest('The request URL contains the NUL character (%00), which no name, version or filter can hold.');
    await next();
  };
}

/** JSON.parse that refuses a NUL in any string or key; the reviver runs only when the text may hold one. */
export function parseJsonWithoutNul(text: string): unknown {
  if (!text.includes('\\u0000')) return JSON.parse(text) as unknown;
  return JSON.parse(text, (key, value: unknown) => {
    if (key.includes('\0') || (typeof value === 'string' && value.includes('\0'))) {
      throw errors.invalidRequest('The request body contains the NUL character (\\u0000), which no text Attic keeps can hold.');
    }
    return value;
  }) as unknown;
}
