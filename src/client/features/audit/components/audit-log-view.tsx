import { useSearchParams } from 'react-router';
import type { AuditFilters } from '../../../../domain';
import { errorMessage } from '../../../lib/api-client';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states';
import { auditExportUrl, useAuditLog } from '../api/audit';
import { AuditFilterForm } from './audit-filter-form';
import { AuditTable } from './audit-table';

const FILTER_KEYS = ['actor', 'action', 'target', 'since', 'until'] as const;

/** The entity's audit log: filters in the URL (so a filtered view can be linked), pages of entries, and exports of what the filters match. */
export function AuditLogView({ entity }: { entity: string }) {
  const [params, setParams] = useSearchParams();
  const filters: AuditFilters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  const log = useAuditLog(entity, filters);
  const entries = log.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = Object.keys(filters).length > 0;
  return (
    <>
      <AuditFilterForm key={params.toString()} filters={filters} onApply={(next) => setParams(new URLSearchParams(next as Record<string, string>))} />
      <p className="audit-export">
        Export {filtered ? 'the matching entries' : 'the whole log'}:{' '}
        {/* Shaped as buttons: a link in running text must not be told apart by colour alone (axe). */}
        <a className="button button-small" href={auditExportUrl(entity, filters, 'csv')} download>
          Export CSV
        </a>{' '}
        <a className="button button-small" href={auditExportUrl(entity, filters, 'jsonl')} download>
          Export JSONL
        </a>
      </p>
      {log.isPending ? (
        <LoadingState label="Loading the audit log…" />
      ) : log.isLoadingError ? (
        <ErrorState title="Could not load the audit log" message={errorMessage(log.error)} onRetry={() => void log.refetch()} retrying={log.isFetching} />
      ) : entries.length === 0 ? (
        <EmptyState title={filtered ? 'No entries match these filters' : 'Nothing recorded yet'}>
          {filtered ? 'Clear a filter or widen the time range.' : 'Every change to this entity, allowed or refused, appears here.'}
        </EmptyState>
      ) : (
        <>
          <AuditTable entries={entries} />
          {log.hasNextPage && (
            <div className="load-more">
              <button
                type="button"
                className="button"
                aria-busy={log.isFetchingNextPage || undefined}
                onClick={() => !log.isFetchingNextPage && void log.fetchNextPage()}
              >
                {log.isFetchingNextPage ? 'Loading…' : 'Load older entries'}
              </button>
            </div>
          )}
        </>
      )}
    </>
  );
}
