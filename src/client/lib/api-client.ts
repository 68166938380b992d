/**
 * The one way the web app talks to the API: relative URLs, zod-checked answers, and the server's
 * own error code and message carried to the UI as an `ApiError`.
 */
import type { z } from 'zod';
import { ApiError, ErrorBodySchema, MAX_PAGE_LIMIT, pageSchema, withQuery } from '../../domain';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Options of one request; `signal` comes from React Query so leaving a page cancels its requests. */
export interface RequestOptions {
  method?: Method;
  body?: unknown;
  signal?: AbortSignal;
}

// Relative paths resolved against the page's origin: the same code works behind the Vite proxy,
// when the server serves the app, and in jsdom (http://localhost:3000) where MSW answers `*/api/v1/...`.
function absoluteUrl(path: string): string {
  return new URL(path, window.location.origin).toString();
}

async function errorFromResponse(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  try {
    const parsed = ErrorBodySchema.safeParse(JSON.parse(text));
    if (parsed.success) {
      const { code, message, details } = parsed.data.error;
      return new ApiError(response.status, code, message, details);
    }
  } catch {
    // Not JSON (a proxy's HTML page, say): fall through to a generic message.
  }
  const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  return new ApiError(response.status, 'INTERNAL', `The server answered ${status}. Try again in a moment.`);
}

/** Sends a request and returns the answer parsed with `schema`; throws `ApiError` on any failure. */
export async function apiRequest<S extends z.ZodType>(path: string, schema: S, options: RequestOptions = {}): Promise<z.output<S>> {
  const { method = 'GET', body, signal } = options;
  let response: Response;
  try {
    response = await fetch(absoluteUrl(path), {
      method,
      signal,
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    // A cancelled request is not a failure: React Query expects the AbortError back.
    if (signal?.aborted) throw error;
    throw new ApiError(0, 'NETWORK_ERROR', 'Could not reach the Attic server. Check that it is running, then retry.');
  }
  if (!response.ok) throw await errorFromResponse(response);

  const json: unknown = await response.json().catch(() => undefined);
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    // Name the first mismatch: this only happens when the server and the app disagree on the contract.
    const first = parsed.error.issues[0];
    const where = first ? ` (${first.path.join('.') || 'body'}: ${first.message})` : '';
    throw new ApiError(response.status, 'INVALID_RESPONSE', `The server answered ${method} ${path} in an unexpected shape${where}.`, {
      issues: parsed.error.issues,
    });
  }
  return parsed.data;
}

/** Follows `nextCursor` until the end: for short lists the UI shows whole (projects, a type's collections). */
export async function fetchAllPages<S extends z.ZodType>(
  path: string,
  itemSchema: S,
  query: Record<string, string | undefined> = {},
  signal?: AbortSignal,
): Promise<z.output<S>[]> {
  const schema = pageSchema(itemSchema);
  const items: z.output<S>[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: z.output<S>[]; nextCursor: string | null } = await apiRequest(withQuery(path, { ...query, limit: MAX_PAGE_LIMIT, cursor }), schema, {
      signal,
    });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** The message to show for any error a query or mutation may throw. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError || error instanceof Error) return error.message;
  return 'Something went wrong.';
}
