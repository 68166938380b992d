/**
 * Cross-site request forgery: a page on any site can make the browser send POST, PUT or DELETE
 * here. Changes are accepted only from Attic's own pages (Origin = Host) and from clients that
 * send no Origin at all (the SDK, the CLI, curl), see decision 030.
 */
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../../domain';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

function refused(why: string, details: Record<string, unknown>): ApiError {
  return new ApiError(
    403,
    'FORBIDDEN',
    `Refused: this request comes from another site (${why}). Attic accepts changes only from its own pages and from clients such as the SDK and the CLI.`,
    details,
  );
}

/** Whether `origin` (scheme://host[:port]) names the same host and port as the `Host` the request was sent to. */
function isOwnOrigin(origin: string, host: string): boolean {
  try {
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    // The Host is read with the Origin's scheme, so that a default port written out still matches.
    return url.host === new URL(`${url.protocol}//${host}`).host;
  } catch {
    return false; // "null" (sandboxed frames, file: pages) or garbage
  }
}

export function sameOriginWrites(): MiddlewareHandler {
  return async (c, next) => {
    if (!READS.has(c.req.method)) {
      if (c.req.header('sec-fetch-site') === 'cross-site') throw refused('Sec-Fetch-Site: cross-site', { secFetchSite: 'cross-site' });
      const origin = c.req.header('origin');
      const host = c.req.header('host') ?? new URL(c.req.url).host;
      if (origin !== undefined && !isOwnOrigin(origin, host)) throw refused(`Origin ${origin}, not http://${host}`, { origin, host });
    }
    await next();
  };
}
