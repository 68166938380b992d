import { useCallback, useState } from 'react';
import { formatCount, type CollectionRestoreResponse, type ProjectRef } from '../../../../domain';
import { errorMessage } from '../../../lib/api-client';
import { useToast } from '../../../ui/toast';
import { useRestoreCollection } from '../api/restore-collection';

/** "Restored 3 versions of x", and how many of that delete's versions were purged meanwhile. */
function outcome(collection: string, { versionsRestored, versionsGone }: CollectionRestoreResponse): { title: string; description?: string } {
  const title = `Restored ${formatCount(versionsRestored, 'version')} of ${collection}`;
  if (versionsGone === 0) return { title };
  const description = `${versionsGone.toLocaleString('en-US')} ${versionsGone === 1 ? 'was' : 'were'} already garbage-collected: their files are gone.`;
  return { title, description };
}

/**
 * Restores a deleted collection and says how it went in a toast: the Undo of a collection delete
 * and the rows of the pending review's deleted collections. `isPending(name)` tells a row its
 * request is on its way.
 */
export function useRestoreCollectionWithToast(project: ProjectRef): { restore: (collection: string) => void; isPending: (collection: string) => boolean } {
  const { mutateAsync } = useRestoreCollection(project);
  const { toast } = useToast();
  // Several rows may restore at once: one mutation's `variables` only knows the last.
  const [restoring, setRestoring] = useState<ReadonlySet<string>>(new Set());
  const restore = useCallback(
    (collection: string) => {
      setRestoring((current) => new Set(current).add(collection));
      mutateAsync(collection)
        .then(
          (result) => toast(outcome(collection, result)),
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
    [mutateAsync, toast],
  );
  const isPending = useCallback((collection: string) => restoring.has(collection), [restoring]);
  return { restore, isPending };
}
