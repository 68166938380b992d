import { useCallback } from 'react';
import type { ProjectRef } from '../../../../domain';
import { errorMessage } from '../../../lib/api-client';
import { useToast } from '../../../ui/toast';
import { useMoveAlias } from '../../versions/api/edit-aliases';
import type { AliasLeftBehind } from './restore-outcome';

/** The `Move <alias> back` of a restore's toast: one request, then a toast saying where it is now. */
export function useMoveAliasBack(project: ProjectRef): (left: AliasLeftBehind) => void {
  const { mutateAsync } = useMoveAlias(project);
  const { toast } = useToast();
  return useCallback(
    ({ alias, collection, version }) => {
      mutateAsync({ collection, alias, to: version }).then(
        () => toast({ title: `Moved ${alias} to ${collection}:${version}` }),
        (error: unknown) => toast({ title: `Could not move ${alias} to ${collection}:${version}`, description: errorMessage(error), variant: 'error' }),
      );
    },
    [mutateAsync, toast],
  );
}
