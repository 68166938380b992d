/**
 * No name, version or filter in a URL may hold U+0000 (NUL): PostgreSQL's text cannot store or
 * compare it at all, and no name a person means contains it. Refused up front as the client's
 * mistake (`400 INVALID_REQUEST`) on every store alike, rather than reaching a query that fails.
 * In a body, the field's own check answers first (a file path with NUL is `INVALID_PATH`); a NUL
 * no check catches reaches PostgreSQL, which refuses it, and that is answered as a 400 too (errors.ts).
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
