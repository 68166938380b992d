import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { authPaths, type EntityRole, MemberSchema } from '../../../../domain';
import { apiRequest } from '../../../lib/api-client';
import { authKeys } from '../../auth/api/auth-keys';
import { memberKeys } from './member-keys';

/** `GET /entities/:entity/members` (admins). */
export function useMembers(entity: string) {
  return useQuery({
    queryKey: memberKeys.members(entity),
    queryFn: ({ signal }) => apiRequest(authPaths.members(entity), z.object({ items: z.array(MemberSchema) }), { signal }),
  });
}

/**
 * `PUT` and `DELETE /entities/:entity/members/:username`. The list is refetched; so is the
 * session's own roles, since an admin may change their own.
 */
export function useSetMember(entity: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ username, role }: { username: string; role: EntityRole | null }) =>
      role === null
        ? apiRequest(authPaths.member(entity, username), z.unknown(), { method: 'DELETE' })
        : apiRequest(authPaths.member(entity, username), MemberSchema, { method: 'PUT', body: { role } }),
    onSettled: () =>
      Promise.all([queryClient.invalidateQueries({ queryKey: memberKeys.members(entity) }), queryClient.invalidateQueries({ queryKey: authKeys.me() })]),
  });
}
