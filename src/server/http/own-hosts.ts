/**
 * DNS rebinding: a page on evil.example whose name is made to resolve to 127.0.0.1 reaches this
 * server with `Host: evil.example`. Only the server's own names are answered (decision 030).
 */
import { isIP } from 'node:net';
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../../domain';

/** Bind addresses that mean "every interface": they are nobody's name. */
const UNSPECIFIED = new Set(['0.0.0.0', '[::]']);
const ALWAYS = ['localhost', '127.0.0.1', '[::1]'];

/** A bare host name as a URL writes it (lowercase, IPv6 in brackets), or null when it is not one. */
export function canonicalHostname(name: string): string | null {
  const lower = name.trim().toLowerCase();
  if (lower === '' || /[\s/?#@\\]/.test(lower)) return null;
  const candidate = isIP(lower) === 6 ? `[${lower}]` : lower;
  try {
    const url = new URL(`http://${candidate}`);
    return url.hostname === candidate && url.port === '' ? candidate : null;
  } catch {
    return null;
  }
}

/** The host name of a `Host` header (`name` or `name:port`), or null when it is malformed. */
function hostnameOfHeader(host: string): string | null {
  if (/[\s/?#@\\]/.test(host)) return null;
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return null;
  }
}

/** HOST (unless it binds every interface), localhost, 127.0.0.1, [::1], and ALLOWED_HOSTS. */
export function ownHostnames(bindHost: string, allowedHosts: readonly string[]): Set<string> {
  const bind = canonicalHostname(bindHost);
  return new Set([...ALWAYS, ...(bind && !UNSPECIFIED.has(bind) ? [bind] : []), ...allowedHosts]);
}

/** Refuses requests whose `Host` is not one of `names` with `421 UNKNOWN_HOST`. */
export function ownHostsOnly(names: ReadonlySet<string>): MiddlewareHandler {
  return async (c, next) => {
    const host = c.req.header('host') ?? new URL(c.req.url).host;
    const hostname = hostnameOfHeader(host);
    if (hostname === null || !names.has(hostname)) {
      throw new ApiError(
        421,
        'UNKNOWN_HOST',
        `This server does not answer to the name "${host}". If that is one of its names (behind a proxy or on your network), add it to ALLOWED_HOSTS.`,
        { host },
      );
    }
    await next();
  };
}
