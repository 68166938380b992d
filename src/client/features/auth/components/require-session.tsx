import { Navigate, Outlet, useLocation } from 'react-router';
import { errorMessage } from '../../../lib/api-client';
import { LoadingState, PageErrorState } from '../../../ui/states';
import { useMe } from '../api/get-me';
import { loginPath } from './next-path';

/**
 * Every page but sign-in sits under this gate: without a session (`GET /auth/me` answers 401, or
 * any request does later) the page goes to `/login?next=<this page>`, which comes back after sign-in.
 */
export function RequireSession() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) {
    return (
      <main id="main" tabIndex={-1} className="page">
        <LoadingState label="Checking your session…" />
      </main>
    );
  }
  if (me.isLoadingError) {
    return (
      // A page of its own (no other heading is on screen), so it says what happened in its level-one heading.
      <main id="main" tabIndex={-1} className="page">
        <title>Could not check your session · Attic</title>
        <PageErrorState
          heading="Could not check your session"
          title="Attic cannot open the page until it knows who you are."
          message={errorMessage(me.error)}
          onRetry={() => void me.refetch()}
          retrying={me.isFetching}
        />
      </main>
    );
  }
  if (me.data === null) return <Navigate to={loginPath(`${location.pathname}${location.search}${location.hash}`)} replace />;
  return <Outlet />;
}
