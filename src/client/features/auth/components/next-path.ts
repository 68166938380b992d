/** Where sign-in returns to: `/login?next=<path>`, kept to this app's own paths. */

/** The sign-in page's address that comes back to `path` (path, query and hash of the page left). */
export function loginPath(path: string): string {
  return path === '/' ? '/login' : `/login?next=${encodeURIComponent(path)}`;
}

/** `next` when it is a path of this app; anything else (another site, `//host`, the sign-in page itself) goes home. */
export function safeNext(next: string | null): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/login')) return '/';
  return next;
}
