import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useMe } from '../../features/auth/api/get-me';
import { LoginForm } from '../../features/auth/components/login-form';
import { safeNext } from '../../features/auth/components/next-path';
import { LoadingState } from '../../ui/states';

/** `/login?next=<path>`: sign in, then back to the page that sent the user here. */
export function LoginPage() {
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const me = useMe();
  // Already signed in (a bookmark, the back button): nothing to do here.
  if (me.data) return <Navigate to={next} replace />;
  return (
    <main id="main" tabIndex={-1} className="page login-page">
      <title>Sign in · Attic</title>
      <h1 className="page-title">Sign in to Attic</h1>
      {me.isPending ? <LoadingState label="Checking your session…" /> : <LoginForm onSignedIn={() => void navigate(next, { replace: true })} />}
    </main>
  );
}
