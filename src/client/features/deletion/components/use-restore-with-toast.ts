import { useCallback } from 'react';
import type { ProjectRef, Version } from '../../../../domain';
import { errorMessage } from '../../../lib/api-client';
import { useToast } from '../../../ui/toast';
import { versionName } from '../../versions/components/version-name';
import { useRestoreVersion } from '../api/restore-version';

/**
 * Restores a version and says how it went in a toast. Used where no dialog owns the outcome:
 * the Undo of a delete, a kebab's Restore, a row of the pending review. `mutateAsync` rather than
 * `mutate(…, callbacks)`: its promise settles for every call, also when several overlap.
 */
export function useRestoreWithToast(project: ProjectRef): (version: Version & { version: string }) => void {
  const restore = useRestoreVersion(project);
  const { toast } = useToast();
  const { mutateAsync } = restore;
  return useCallback(
    (version) => {
      const name = versionName(version);
      mutateAsync({ version }).then(
        () => toast({ title: `Restored ${name}` }),
        (error: unknown) => toast({ title: `Could not restore ${name}`, description: errorMessage(error), variant: 'error' }),
      );
    },
    [mutateAsync, toast],
  );
}
