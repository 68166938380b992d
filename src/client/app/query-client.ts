import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../../domain';

// A 4xx (unknown project, bad name) will not fix itself: show it at once. Retry only what may be
// transient: a 5xx or the server being unreachable (status 0).
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

/** The app's query client; tests pass `retry: false` so a failing request shows its error at once. */
export function createQueryClient(options: { retry?: boolean } = {}): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: options.retry === false ? false : shouldRetry, staleTime: 30_000 },
      mutations: { retry: false },
    },
  });
}
