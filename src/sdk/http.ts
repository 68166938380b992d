/** The SDK's HTTP layer: JSON in and out, every error answer turned into a typed AtticApiError with the server's code and words. */
import type { z } from 'zod';
import { ErrorBodySchema } from '../domain';
import { type AtticApiError, apiErrorFor } from './errors';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export class Http {
  constructor(
    private readonly baseUrl: string,
    private readonly fetchImpl: FetchLike,
    /** Sent as `Authorization: Bearer <key>` on every request (the server ignores it until it has accounts). */
    private readonly apiKey?: string,
  ) {}

  async raw(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.apiKey) headers.set('authorization', `Bearer ${this.apiKey}`);
    const res = await this.fetchImpl(`${this.baseUrl}${path}`, { ...init, headers });
    if (!res.ok) throw await toApiError(res);
    return res;
  }

  async json<T extends z.ZodType>(schema: T, path: string, init: { method?: string; body?: unknown } = {}): Promise<z.infer<T>> {
    const res = await this.raw(path, {
      method: init.method ?? 'GET',
      headers: init.body === undefined ? undefined : { 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return schema.parse(await res.json());
  }
}

async function toApiError(res: Response): Promise<AtticApiError> {
  const text = await res.text();
  try {
    const body = ErrorBodySchema.parse(JSON.parse(text));
    return apiErrorFor(res.status, body.error.code, body.error.message, body.error.details);
  } catch {
    return apiErrorFor(res.status, 'HTTP_ERROR', `The server answered ${res.status}: ${text.slice(0, 200)}`);
  }
}
