/**
 * The benchmarks act as the site admin: every server they start has this key (ADMIN_API_KEY), and
 * every request they send carries it, from Node (`fetch`, wrapped once here) and from Chromium
 * (the browser context's extra headers). Access control costs the same on both sides of a ratio.
 */
export const BENCH_API_KEY = 'attic_bench-admin-key-not-a-secret';
export const BENCH_AUTH_HEADER = { authorization: `Bearer ${BENCH_API_KEY}` };

const plainFetch = globalThis.fetch;
globalThis.fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  if (!headers.has('authorization')) headers.set('authorization', BENCH_AUTH_HEADER.authorization);
  return plainFetch(input, { ...init, headers });
};
