import { useCallback, useState } from 'react';
import type { CollectionRestoreResponse, ProjectRef } from '../../../../domain';
import { errorMessage } from '../../../lib/api-client';
import { useToast, type ToastOptions } from '../../../ui/toast';
import { useRestoreCollection } from '../api/restore-collection';
import { collectionRestoreTitle, restoreToast, type RestoreFixes } from './restore-outcome';
import { useMoveAliasBack } from './use-move-alias-back';

/**
 * "Restored 3 versions of x", how many of that delete's versions were purged meanwhile, and the
 * aliases another version took since (the answer does not say which version, so no holder).
 */
function outcome(collection: string, result: CollectionRestoreResponse, fixes: RestoreFixes): ToastOptions {
  const { title, gone } = collectionRestoreTitle(collection, result.versionsRestored, result.versionsGone);
  const leftBehind = result.aliasesNotRestored.flatMap(({ version, alias }) => (version ? [{ alias, version, collection, holder: null }] : []));
  const toast = restoreToast({ title, aliasesBack: [], leftBehind, ttlDisabled: false }, fixes);
  const description = [gone, toast.description].filter(Boolean).join(' ');
  return { ...toast, description: description || undefined };
}

/**
 * Restores a deleted collection and says how it went in a toast: the Undo of a collection delete
 * and the rows of the pending review's deleted collections. `isPending(name)` tells a row its
 * request is on its way; a toast says so too, since the Undo's own toast is gone once clicked and
 * a 100,000-version collection takes seconds to come back (3 s on SQLite, 10 s on PostgreSQL).
 */
export function useRestoreCollectionWithToast(project: ProjectRef): { restore: (collection: string) => void; isPending: (collection: string) => boolean } {
  const { mutateAsync } = useRestoreCollection(project);
  const { toast } = useToast();
  const moveBack = useMoveAliasBack(project);
  // Several rows may restore at once: one mutation's `variables` only knows the last.
  const [restoring, setRestoring] = useState<ReadonlySet<string>>(new Set());
  const restore = useCallback(
    (collection: string) => {
      setRestoring((current) => new Set(current).add(collection));
      const progress = toast({ title: `Restoring collection ${collection}…`, durationMs: Number.POSITIVE_INFINITY });
      mutateAsync(collection)
        .finally(progress.dismiss)
        .then(
          (result) => toast(outcome(collection, result, { moveBack })),
          (error: unknown) => toast({ title: `Could not restore collection ${collection}`, description: errorMessage(error), variant: 'error' }),
        )
        .finally(() =>
          setRestoring((current) => {
            const next = new Set(current);
            next.delete(collection);
            return next;
          }),
        );
    },
    [moveBack, mutateAsync, toast],
  );
  const isPending = useCallback((collection: string) => restoring.has(collection), [restoring]);
  return { restore, isPending };
}
