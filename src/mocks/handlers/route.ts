/**
 * The one wrapper every mock route goes through: it matches any origin, turns a thrown `ApiError`
 * into the contract's error answer, and answers the error sentinels.
 *
 * Error sentinels (as oxidecomputer/console does with `delete-500`), for component tests of error
 * states: every GET under a project or a collection named `error-500` answers
 * `500 INTERNAL`, e.g. `GET /api/v1/projects/demo/error-500/collections` or
 * `GET /api/v1/projects/demo/mnist/collections/error-500/versions`. Every DELETE of a collection
 * named `delete-500` or of one of its versions answers `500 INTERNAL` too, so the web app can test
 * a deletion that fails. The names do not need to exist.
 */
import { http, HttpResponse, type HttpHandler, type JsonBodyType } from 'msw';
import { ApiError, errors } from '../../domain/errors';
import type { ProjectRef } from '../../domain/api-paths';

/** Matches the API on any origin (the app's own, `http://attic.test` in tests, ...). */
export const API_PATTERN = '*/api/v1';

/** A name that makes every GET under it answer `500 INTERNAL`. */
export const ERROR_500_SENTINEL = 'error-500';

/** A collection name that makes deleting it, or one of its versions, answer `500 INTERNAL`. */
export const DELETE_500_SENTINEL = 'delete-500';

/** Path parameters, all single strings in this API. */
export type RouteParams = Record<string, string>;

/** What a mock route receives. */
export interface RouteContext {
  request: Request;
  params: RouteParams;
  url: URL;
}

type Method = 'get' | 'post' | 'put' | 'delete';

/** A handler for `METHOD /api/v1<path>` whose thrown `ApiError`s become error answers. */
export function apiRoute(method: Method, path: string, resolve: (context: RouteContext) => Response | Promise<Response>): HttpHandler {
  return http[method](`${API_PATTERN}${path}`, async ({ request, params }) => {
    try {
      const routeParams = singleParams(params);
      if (method === 'get' && (routeParams.project === ERROR_500_SENTINEL || routeParams.collection === ERROR_500_SENTINEL)) {
        throw internalError();
      }
      if (method === 'delete' && routeParams.collection === DELETE_500_SENTINEL) throw internalError();
      return await resolve({ request, params: routeParams, url: new URL(request.url) });
    } catch (error) {
      return errorResponse(error);
    }
  });
}

/** The contract's error answer for anything a route throws; never a stack trace. */
export function errorResponse(error: unknown): Response {
  if (error instanceof ApiError) return HttpResponse.json(error.toBody(), { status: error.status });
  // Not an ApiError: a bug in the mock. Say so loudly (tests fail on console.error), answer like the server would.
  console.error('Mock backend error:', error);
  return HttpResponse.json(internalError().toBody(), { status: 500 });
}

/** `{entity, project}` from the path. */
export function projectRef(params: RouteParams): ProjectRef {
  return { entity: params.entity ?? '', project: params.project ?? '' };
}

/** The JSON body (`{}` when empty, as on the server), or `400 INVALID_REQUEST` when it is not JSON. */
export async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw errors.invalidRequest('The request body is not valid JSON.');
  }
}

/** `?limit=&cursor=` as raw strings: the db validates them as the server does. */
export function pageQuery(url: URL): { limit: string | null; cursor: string | null } {
  return { limit: url.searchParams.get('limit'), cursor: url.searchParams.get('cursor') };
}

/** A JSON answer with an explicit status. */
export function json(body: JsonBodyType, status = 200): Response {
  return HttpResponse.json(body, { status });
}

function internalError(): ApiError {
  return new ApiError(500, 'INTERNAL', 'The server failed to answer this request; try again, and report it if it keeps happening.');
}

function singleParams(params: Record<string, string | readonly string[] | undefined>): RouteParams {
  const result: RouteParams = {};
  for (const [key, value] of Object.entries(params)) if (typeof value === 'string') result[key] = value;
  return result;
}
