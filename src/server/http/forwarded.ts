/**
 * What the server believes about the client's side of a request: the scheme it used and its
 * address. Without TRUST_PROXY, the connection's own: X-Forwarded-* are then the client's words and
 * are ignored. With it, what the proxy in front reports (decision 199).
 */
import type { Context } from 'hono';

/**
 * The last entry of a comma-separated header (Node joins repeated headers the same way): the one
 * the proxy nearest the server wrote. Entries before it came with the request, from the client or
 * from hops nobody vouches for.
 */
function lastEntry(value: string | undefined): string | null {
  const entries = (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  return entries.at(-1) ?? null;
}

/** The scheme the client used: the connection's, or (TRUST_PROXY) the one X-Forwarded-Proto reports. */
export function requestScheme(c: Context, trustProxy: boolean): 'http' | 'https' {
  const own = new URL(c.req.url).protocol === 'https:' ? 'https' : 'http';
  if (!trustProxy) return own;
  const reported = lastEntry(c.req.header('x-forwarded-proto'))?.toLowerCase();
  return reported === 'https' || reported === 'http' ? reported : own;
}

/** The client's address: the socket's peer, or (TRUST_PROXY) the address the proxy appended to X-Forwarded-For. */
export function clientAddress(c: Context, trustProxy: boolean): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  const peer = env?.incoming?.socket?.remoteAddress ?? 'unknown';
  return trustProxy ? (lastEntry(c.req.header('x-forwarded-for')) ?? peer) : peer;
}
