import { useMe } from '../../features/auth/api/get-me';
import { ApiKeysSection } from '../../features/auth/components/api-keys-section';
import { ChangePasswordForm } from '../../features/auth/components/change-password-form';

/** `/account`: who you are, your password and your API keys. */
export function AccountPage() {
  const me = useMe().data;
  return (
    <main id="main" tabIndex={-1} className="page account-page">
      <title>Account · Attic</title>
      <h1 className="page-title">Account</h1>
      {me && (
        <p className="muted">
          Signed in as <span className="mono">{me.user.username}</span>
          {me.user.siteAdmin ? ', a site admin.' : '.'}{' '}
          {me.roles.length > 0 ? `Roles: ${me.roles.map((r) => `${r.role} of ${r.entity}`).join(', ')}.` : 'No role on any entity yet.'}
        </p>
      )}
      <ChangePasswordForm />
      <ApiKeysSection />
    </main>
  );
}
