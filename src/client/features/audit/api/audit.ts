import { useInfiniteQuery } from '@tanstack/react-query';
import { type AuditExportFormat, AuditEntrySchema, type AuditFilters, authPaths, pageSchema, withQuery } from '../../../../domain';
import { apiRequest } from '../../../lib/api-client';

/** Query keys of audit logs, written once. */
export const auditKeys = {
  all: ['audit'] as const,
  entity: (entity: string) => [...auditKeys.all, entity] as const,
  list: (entity: string, filters: AuditFilters) => [...auditKeys.entity(entity), filters] as const,
};

const PAGE = 50;
const AuditPageSchema = pageSchema(AuditEntrySchema);

/** `GET /entities/:entity/audit` (admins), newest first, a page at a time (`fetchNextPage` follows the cursor). */
export function useAuditLog(entity: string, filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: auditKeys.list(entity, filters),
    queryFn: ({ pageParam, signal }) =>
      apiRequest(withQuery(authPaths.audit(entity), { ...filters, limit: PAGE, cursor: pageParam }), AuditPageSchema, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // The log grows while one reads it; refetching in the background would reshuffle the pages already read.
    staleTime: 0,
  });
}

/** The download of every entry matching `filters`: the server answers it as an attachment. */
export function auditExportUrl(entity: string, filters: AuditFilters, format: AuditExportFormat): string {
  return withQuery(authPaths.auditExport(entity), { format, ...filters });
}
