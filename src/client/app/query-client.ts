import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from '../../domain';
import { authKeys } from '../features/auth/api/auth-keys';
import { isSignedOut } from '../features/auth/api/get-me';

// A 4xx (unknown project, bad name) will not fix itself: show it at once. Retry only what may be
// transient: a 5xx or the server being unreachable (status 0).
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

/**
 * The app's query client; tests pass `retry: false` so a failing request shows its error at once.
 * Any request answered `401 UNAUTHENTICATED` (the session expired, or was revoked by a password
 * change elsewhere) marks the session as gone, and the session gate sends the page to sign-in.
 */
export function createQueryClient(options: { retry?: boolean } = {}): QueryClient {
  const signedOut = (error: unknown) => {
    if (isSignedOut(error)) client.setQueryData(authKeys.me(), null);
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: signedOut }),
    mutationCache: new MutationCache({ onError: signedOut }),
    defaultOptions: {
      queries: { retry: options.retry === false ? false : shouldRetry, staleTime: 30_000 },
      mutations: { retry: false },
    },
  });
  return client;
}
