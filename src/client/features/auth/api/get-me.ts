import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiError, authPaths, type Me, MeSchema } from '../../../../domain';
import { apiRequest } from '../../../lib/api-client';
import { authKeys } from './auth-keys';

/** True for the server saying there is no session (not a wrong password: that is `INVALID_CREDENTIALS`). */
export function isSignedOut(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401 && error.code === 'UNAUTHENTICATED';
}

/** `GET /auth/me`, or null when signed out: being signed out is a state of the app, not an error. */
export async function getMe(signal?: AbortSignal): Promise<Me | null> {
  try {
    return await apiRequest(authPaths.me(), MeSchema, { signal });
  } catch (error) {
    if (isSignedOut(error)) return null;
    throw error;
  }
}

export function meQueryOptions() {
  // Roles change rarely and every 401 sets this to null at once (query-client.ts): no need to poll.
  return queryOptions({ queryKey: authKeys.me(), queryFn: ({ signal }) => getMe(signal), staleTime: 5 * 60_000 });
}

/** The signed-in user and their roles (`data` null when signed out). */
export function useMe() {
  return useQuery(meQueryOptions());
}
