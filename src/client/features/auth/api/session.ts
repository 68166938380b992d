import { hashKey, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { authPaths, DemoUsersSchema, SessionAnswerSchema } from '../../../../domain';
import { apiRequest } from '../../../lib/api-client';
import { authKeys } from './auth-keys';
import { meQueryOptions } from './get-me';

/**
 * `POST /auth/login`. On success every cached answer of the previous user (or of nobody) is
 * dropped, and the new user's roles are loaded before the caller navigates on, so the page they
 * land on already knows what they may do.
 */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: { username: string; password: string }) =>
      apiRequest(authPaths.login(), SessionAnswerSchema, { method: 'POST', body: credentials }),
    onSuccess: async () => {
      queryClient.removeQueries();
      await queryClient.fetchQuery(meQueryOptions());
    },
  });
}

/**
 * `POST /auth/logout`. Setting the session to null sends the open page to the sign-in page (its
 * `next` is this page, handy for signing in as someone else); the rest of the cache is dropped.
 */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest(authPaths.logout(), z.unknown(), { method: 'POST' }),
    onSuccess: () => {
      const me = hashKey(authKeys.me());
      queryClient.removeQueries({ predicate: (query) => query.queryHash !== me });
      queryClient.setQueryData(authKeys.me(), null);
    },
  });
}

/** `POST /auth/password`: the server ends the user's other sessions; this one stays. */
export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => apiRequest(authPaths.password(), SessionAnswerSchema, { method: 'POST', body }),
  });
}

/** `GET /auth/demo-users` (public): the demo's accounts and password, listed on the sign-in page while the demo is loaded. */
export function useDemoUsers() {
  return useQuery({
    queryKey: authKeys.demoUsers(),
    queryFn: ({ signal }) => apiRequest(authPaths.demoUsers(), DemoUsersSchema, { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}
