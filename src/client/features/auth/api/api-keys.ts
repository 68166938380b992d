import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { ApiKeySummarySchema, authPaths, CreatedApiKeySchema } from '../../../../domain';
import { apiRequest } from '../../../lib/api-client';
import { authKeys } from './auth-keys';

/** `GET /auth/api-keys`: the user's keys (name, created, last used; never the key). */
export function useApiKeys() {
  return useQuery({
    queryKey: authKeys.apiKeys(),
    queryFn: ({ signal }) => apiRequest(authPaths.apiKeys(), z.object({ items: z.array(ApiKeySummarySchema) }), { signal }),
  });
}

/** `POST /auth/api-keys`: the answer is the only time the key is seen; the caller shows it once. */
export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => apiRequest(authPaths.apiKeys(), CreatedApiKeySchema, { method: 'POST', body: { name } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: authKeys.apiKeys() }),
  });
}

/** `DELETE /auth/api-keys/:id`: effective at once on the server. */
export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest(authPaths.apiKey(id), z.unknown(), { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: authKeys.apiKeys() }),
  });
}
