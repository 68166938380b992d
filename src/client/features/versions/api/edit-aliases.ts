import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { deletionPaths, VersionSchema, type ProjectRef, type Version } from '../../../../domain';
import { apiRequest } from '../../../lib/api-client';
import { versionKeys } from './version-keys';

/** `PUT .../aliases`: the version's aliases become exactly these (one another version held moves here). */
export function setVersionAliases(p: ProjectRef, collection: string, version: string, aliases: string[]): Promise<Version> {
  return apiRequest(deletionPaths.versionAliases(p, collection, version), VersionSchema, { method: 'PUT', body: { aliases } });
}

/** `POST .../aliases/:alias/move`: gives `alias` to `to` (`vN`), wherever it is now; answers the version that holds it. */
export function moveAlias(p: ProjectRef, collection: string, alias: string, to: string): Promise<Version> {
  return apiRequest(deletionPaths.moveAlias(p, collection, alias), VersionSchema, { method: 'POST', body: { to } });
}

/**
 * An alias change touches two versions (the one that gets it, the one that loses it) and any page
 * opened by the alias, so every list and detail of the collection is refetched; files stay.
 */
function refetchCollectionVersions(queryClient: QueryClient, p: ProjectRef, updated: Version, version: string): Promise<unknown> {
  queryClient.setQueryData(versionKeys.detail(p, updated.collection, version), updated);
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: versionKeys.lists(p, updated.collection) }),
    queryClient.invalidateQueries({ queryKey: versionKeys.details(p, updated.collection) }),
  ]);
}

/** What `useSetVersionAliases().mutate` takes. */
export interface SetVersionAliasesVariables {
  version: Version & { version: string };
  aliases: string[];
}

/** Not optimistic: the server may refuse (`ALIAS_MANAGED`, `NOT_COMMITTED`, `INVALID_NAME`) and the dialog shows why. */
export function useSetVersionAliases(p: ProjectRef) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, aliases }: SetVersionAliasesVariables) => setVersionAliases(p, version.collection, version.version, aliases),
    onSuccess: (updated, { version }) => refetchCollectionVersions(queryClient, p, updated, version.version),
  });
}

/** What `useMoveAlias().mutate` takes: give `alias` of `collection` to version `to` (`vN`). */
export interface MoveAliasVariables {
  collection: string;
  alias: string;
  to: string;
}

/** Not optimistic either: the version that held the alias may be anywhere in the collection's lists. */
export function useMoveAlias(p: ProjectRef) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ collection, alias, to }: MoveAliasVariables) => moveAlias(p, collection, alias, to),
    onSuccess: (updated, { to }) => refetchCollectionVersions(queryClient, p, updated, to),
  });
}
