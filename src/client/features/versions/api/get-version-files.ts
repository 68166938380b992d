import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiPaths, FileEntrySchema, MAX_PAGE_LIMIT, pageSchema, withQuery, type FileEntry, type Page, type ProjectRef } from '../../../../domain';
import { apiRequest } from '../../../lib/api-client';
import { versionKeys } from './version-keys';

const FilePageSchema = pageSchema(FileEntrySchema);

/** One page of a version's files, by path. */
export function getVersionFiles(p: ProjectRef, collection: string, version: string, cursor: string | null, signal?: AbortSignal): Promise<Page<FileEntry>> {
  return apiRequest(withQuery(apiPaths.files(p, collection, version), { cursor, limit: MAX_PAGE_LIMIT }), FilePageSchema, { signal });
}

export function versionFilesInfiniteQueryOptions(p: ProjectRef, collection: string, version: string) {
  return infiniteQueryOptions({
    queryKey: versionKeys.files(p, collection, version),
    queryFn: ({ pageParam, signal }) => getVersionFiles(p, collection, version, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** A version's files; `enabled` is false for garbage-collected versions, whose files are gone. */
export function useVersionFiles(p: ProjectRef, collection: string, version: string, enabled = true) {
  return useInfiniteQuery({ ...versionFilesInfiniteQueryOptions(p, collection, version), enabled });
}
