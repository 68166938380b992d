import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { authPaths, CreatedUserSchema, UserListSchema } from '../../../../domain';
import { apiRequest } from '../../../lib/api-client';

/** Query keys of the user list, written once. */
export const userKeys = {
  all: ['users'] as const,
  list: () => [...userKeys.all, 'list'] as const,
};

/** `GET /users` (site admins). */
export function useUsers() {
  return useQuery({ queryKey: userKeys.list(), queryFn: ({ signal }) => apiRequest(authPaths.users(), UserListSchema, { signal }) });
}

/** `POST /users` (site admins): `409 USER_EXISTS` when the name is taken. */
export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; password: string; siteAdmin: boolean }) =>
      apiRequest(authPaths.users(), CreatedUserSchema, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.list() }),
  });
}
