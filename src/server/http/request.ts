/** Small helpers shared by the route files. */
import type { Context } from 'hono';
import { errors, parsePageParams, type PageParams } from '../../domain';

/** The JSON body, or `400 INVALID_REQUEST` when it is not JSON. */
export async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw errors.invalidRequest('The request body is not valid JSON.');
  }
}

export function pageParams(c: Context): PageParams {
  return parsePageParams({ limit: c.req.query('limit'), cursor: c.req.query('cursor') });
}

/** Route parameters as the client wrote them (Hono leaves percent-decoding to us). */
export function param(c: Context, name: string): string {
  const value = c.req.param(name) ?? '';
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
