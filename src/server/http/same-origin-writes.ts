/**
 * Cross-site request forgery: a page on any site can make the browser send POST, PUT or DELETE
 * here. Changes are accepted only from Attic's own pages (Origin = Host, and with TRUST_PROXY the
 * scheme the proxy reports) and from clients that send no Origin at all (the SDK, the CLI, curl),
 * see decisions 030 and 199.
 */
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../../domain';
import { requestScheme } from './forwarded';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

function refused(why: string, details: Record<string, unknown>): ApiError {
  return new ApiError(
    403,
    'FORBIDDEN',
    `Refused: this request comes from another site (${why}). Attic accepts changes only from its own pages and from clients such as the SDK and the CLI.`,
    details,
  );
}

/**
 * Whether `origin` (scheme://host[:port]) names the same host and port as the `Host` the request was
 * sent to and, when the scheme the client used is known (`scheme`), that scheme too. Without
 * TRUST_PROXY it is not known: the connection is http behind a TLS proxy as well as without one.
 */
function isOwnOrigin(origin: string, host: string, scheme: 'http' | 'https' | null): boolean {
  try {
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    if (scheme !== null && url.protocol !== `${scheme}:`) return false;
    // The Host is read with the Origin's scheme, so that a default port written out still matches.
    return url.host === new URL(`${url.protocol}//${host}`).host;
  } catch {
    return false; // "null" (sandboxed frames, file: pages) or garbage
  }
}

export function sameOriginWrites(trustProxy: boolean): MiddlewareHandler {
  return async (c, next) => {
    if (!READS.has(c.req.method)) {
      if (c.req.header('sec-fetch-site') === 'cross-site') throw refused('Sec-Fetch-Site: cross-site', { secFetchSite: 'cross-site' });
      const origin = c.req.header('origin');
      const host = c.req.header('host') ?? new URL(c.req.url).host;
      const scheme = trustProxy ? requestScheme(c, true) : null;
      if (origin !== undefined && !isOwnOrigin(origin, host, scheme))
        throw refused(`Origin ${origin}, not ${scheme ?? 'http'}://${host}`, { origin, host, ...(scheme ? { scheme } : {}) });
    }
    await next();
  };
}
