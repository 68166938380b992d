import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { ProjectRef, RestoredVersion, Version } from '../../../../domain';
import { errorMessage } from '../../../lib/api-client';
import { useToast } from '../../../ui/toast';
import { versionQueryOptions } from '../../versions/api/get-version';
import { useTtlActions } from '../../versions/components/version-ttl-actions';
import { versionName } from '../../versions/components/version-name';
import { useRestoreVersion } from '../api/restore-version';
import { ownAliases, restoreToast, type AliasLeftBehind } from './restore-outcome';
import { useMoveAliasBack } from './use-move-alias-back';

/** Which version holds each alias now (`collection:vN`), asked by alias; null when that fails. */
async function whoHolds(
  queryClient: ReturnType<typeof useQueryClient>,
  project: ProjectRef,
  restored: RestoredVersion & { version: string },
): Promise<AliasLeftBehind[]> {
  return Promise.all(
    restored.aliasesNotRestored.map(async (alias) => {
      const holder = await queryClient.fetchQuery(versionQueryOptions(project, restored.collection, alias)).then(versionName, () => null);
      return { alias, version: restored.version, collection: restored.collection, holder };
    }),
  );
}

/**
 * Restores a version and says how it went in a toast: the aliases back, the ones another version
 * took meanwhile (with `Move <alias> back`), a run-out TTL turned off (with `Set TTL…`). Used where
 * no dialog owns the outcome: the Undo of a delete, a kebab's Restore, a row of the pending
 * review. `mutateAsync` rather than `mutate(…, callbacks)`: its promise settles for every call,
 * also when several overlap.
 */
export function useRestoreWithToast(project: ProjectRef): (version: Version & { version: string }) => void {
  const restore = useRestoreVersion(project);
  const queryClient = useQueryClient();
  const { toast } = useToast();
  const { editTtl } = useTtlActions();
  const moveBack = useMoveAliasBack(project);
  const { mutateAsync } = restore;
  return useCallback(
    (version) => {
      const name = versionName(version);
      mutateAsync({ version })
        .then(async (answer) => {
          const restored = { ...answer, version: version.version };
          const leftBehind = await whoHolds(queryClient, project, restored);
          const outcome = { title: `Restored ${name}`, aliasesBack: ownAliases(restored.aliases), leftBehind, ttlDisabled: restored.ttlDisabled };
          toast(restoreToast(outcome, { moveBack, setTtl: () => editTtl(restored) }));
        })
        .catch((error: unknown) => toast({ title: `Could not restore ${name}`, description: errorMessage(error), variant: 'error' }));
    },
    [editTtl, moveBack, mutateAsync, project, queryClient, toast],
  );
}
