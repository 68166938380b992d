import { type Query, type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useCallback, useId, useSyncExternalStore } from 'react';
import { errorMessage } from '../../lib/api-client';

/** A query on screen whose data is there but whose last refresh failed. */
const refreshFailed = (query: Query) => query.state.status === 'error' && query.state.data !== undefined && query.getObserversCount() > 0;

/** The first such query's error, as the sentence shown; null when every refresh on screen succeeded. */
function firstFailure(client: QueryClient): string | null {
  const failed = client.getQueryCache().findAll({ predicate: refreshFailed })[0];
  return failed ? errorMessage(failed.state.error) : null;
}

/**
 * One quiet line under the top bar while a refresh of what is on screen fails (the server down, a
 * proxy's 502): the views keep the data they loaded, which the user may still be reading, instead
 * of each replacing it with an error box (views show their error state only when they never
 * loaded: `isLoadingError`). Retry refreshes what failed; the line goes once it succeeds.
 */
export function RefreshFailedNotice() {
  const client = useQueryClient();
  const heading = useId();
  const subscribe = useCallback((onChange: () => void) => client.getQueryCache().subscribe(onChange), [client]);
  const message = useSyncExternalStore(subscribe, () => firstFailure(client));
  if (message === null) return null;
  const retry = () => void client.refetchQueries({ predicate: refreshFailed });
  return (
    <div className="refresh-failed" role="status" aria-labelledby={heading}>
      <strong id={heading}>Could not refresh</strong>
      <span>{message} What you see may be out of date.</span>
      <button type="button" className="button button-small" onClick={retry}>
        Retry
      </button>
    </div>
  );
}
