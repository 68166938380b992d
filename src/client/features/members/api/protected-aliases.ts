import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { authPaths, ProtectedAliasesSchema } from '../../../../domain';
import { apiRequest } from '../../../lib/api-client';
import { memberKeys } from './member-keys';

/** `GET /entities/:entity/protected-aliases` (anyone with a role: the delete and alias dialogs read it). */
export function protectedAliasesQueryOptions(entity: string) {
  return queryOptions({
    queryKey: memberKeys.protectedAliases(entity),
    queryFn: ({ signal }) => apiRequest(authPaths.protectedAliases(entity), ProtectedAliasesSchema, { signal }),
  });
}

export function useProtectedAliases(entity: string, enabled = true) {
  return useQuery({ ...protectedAliasesQueryOptions(entity), enabled });
}

/** `PUT /entities/:entity/protected-aliases` (admins): the list becomes exactly these. */
export function useSetProtectedAliases(entity: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (aliases: string[]) => apiRequest(authPaths.protectedAliases(entity), ProtectedAliasesSchema, { method: 'PUT', body: { aliases } }),
    onSuccess: (saved) => queryClient.setQueryData(memberKeys.protectedAliases(entity), saved),
  });
}
