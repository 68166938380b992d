/** Small helpers shared by the route files. */
import type { Context } from 'hono';
import { parsePageParams, type PageParams } from '../../domain';

export { readJson } from './json-body';

export function pageParams(c: Context): PageParams {
  return parsePageParams({ limit: c.req.query('limit'), cursor: c.req.query('cursor') });
}

/**
 * A route parameter, percent-decoded once (Hono decodes it). Decoding it again would turn the
 * name "v%30", sent as `v%2530`, into "v0": another version than the one the client named.
 */
export function param(c: Context, name: string): string {
  return c.req.param(name) ?? '';
}
