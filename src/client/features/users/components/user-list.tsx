import { errorMessage } from '../../../lib/api-client';
import { Badge } from '../../../ui/badge';
import { RelativeTime } from '../../../ui/relative-time';
import { ErrorState, LoadingState } from '../../../ui/states';
import { useUsers } from '../api/users';

/** Every local user, by name. */
export function UserList() {
  const users = useUsers();
  if (users.isPending) return <LoadingState label="Loading users…" />;
  if (users.isLoadingError) return <ErrorState title="Could not load the users" message={errorMessage(users.error)} onRetry={() => void users.refetch()} />;
  return (
    <table className="data-table">
      <caption className="visually-hidden">Users</caption>
      <thead>
        <tr>
          <th scope="col">Username</th>
          <th scope="col">Created</th>
        </tr>
      </thead>
      <tbody>
        {users.data.items.map((user) => (
          <tr key={user.username}>
            <td>
              <span className="mono">{user.username}</span> {user.siteAdmin && <Badge tone="accent">site admin</Badge>}
            </td>
            <td>
              <RelativeTime iso={user.createdAt} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
