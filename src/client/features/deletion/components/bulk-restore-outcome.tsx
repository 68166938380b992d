import type { UseMutationResult } from '@tanstack/react-query';
import { formatCount, type BulkRequest, type BulkResult } from '../../../../domain';
import { errorMessage } from '../../../lib/api-client';

/**
 * What `Restore selected` did when it did not fully succeed: the request's own error, or the
 * items that failed, each with the server's reason (full success is a toast instead).
 */
export function BulkRestoreOutcome({ mutation }: { mutation: UseMutationResult<BulkResult, Error, BulkRequest['items']> }) {
  if (mutation.isError) {
    return (
      <div role="alert" className="inline-error">
        <p>Could not restore the selected versions: {errorMessage(mutation.error)}</p>
      </div>
    );
  }
  const result = mutation.data;
  if (!mutation.isSuccess || !result || result.failed === 0) return null;
  const failures = result.results.filter((r) => !r.ok);
  return (
    <div role="alert" className="inline-error">
      <p>
        Restored {result.succeeded.toLocaleString('en-US')} of {formatCount(result.results.length, 'version')}; {result.failed.toLocaleString('en-US')} could
        not be restored:
      </p>
      <ul>
        {failures.map((failure) => (
          <li key={`${failure.collection}:${failure.version}`}>
            <span className="mono">
              {failure.collection}:{failure.version}
            </span>
            : {failure.error?.message ?? 'failed'}
          </li>
        ))}
      </ul>
    </div>
  );
}
