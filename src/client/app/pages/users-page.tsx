import { forbiddenReason } from '../../../domain';
import { useMe } from '../../features/auth/api/get-me';
import { CreateUserForm } from '../../features/users/components/create-user-form';
import { UserList } from '../../features/users/components/user-list';
import { ForbiddenState } from '../../ui/forbidden-state';

/** `/users` (site admins): every local user, and a form for a new one. */
export function UsersPage() {
  const me = useMe().data;
  return (
    <main id="main" tabIndex={-1} className="page">
      <title>Users · Attic</title>
      {me?.user.siteAdmin ? (
        <>
          <h1 className="page-title">Users</h1>
          <UserList />
          <CreateUserForm />
        </>
      ) : (
        <ForbiddenState heading="Users" reason={forbiddenReason('manageUsers')} />
      )}
    </main>
  );
}
