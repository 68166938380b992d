/** The SDK's HTTP layer: JSON in and out, every error answer turned into an ApiError with the server's code and words. */
import type { z } from 'zod';
import { ApiError, ErrorBodySchema } from '../domain';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export class Http {
  constructor(
    private readonly baseUrl: string,
    private readonly fetchImpl: FetchLike,
  ) {}

  async raw(path: string, init?: RequestInit): Promise<Response> {
    const res = await this.fetchImpl(`${this.baseUrl}${path}`, init);
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

async function toApiError(res: Response): Promise<ApiError> {
  const text = await res.text();
  try {
    const body = ErrorBodySchema.parse(JSON.parse(text));
    return new ApiError(res.status, body.error.code, body.error.message, body.error.details);
  } catch {
    return new ApiError(res.status, 'HTTP_ERROR', `The server answered ${res.status}: ${text.slice(0, 200)}`);
  }
}
