import type { Version } from '../../../../domain';
import { useActionContext } from '../../../lib/action-context';
import { ActionMenu } from '../../../ui/action-menu';
import { useRefusal } from '../../auth/api/use-can';
import { useDeletionActions } from '../../deletion/components/deletion-actions';
import { makeVersionActions } from './version-actions';
import { useAliasActions } from './version-alias-actions';
import { useTtlActions } from './version-ttl-actions';
import { versionName } from './version-name';

/**
 * The kebab of a version. Edit aliases…, Set TTL… and Delete only ask the project's hosts to open their dialogs; the
 * dialogs are not rendered here because the optimistic delete removes this row while it runs.
 */
export function VersionActionsMenu({ version }: { version: Version }) {
  const ctx = useActionContext();
  const deletion = useDeletionActions();
  const ttl = useTtlActions();
  const aliases = useAliasActions();
  const refusal = useRefusal();
  const actions = makeVersionActions(
    version,
    ctx,
    {
      onDelete: deletion.confirmDeleteVersion,
      onRestore: deletion.restoreVersion,
      onSetTtl: ttl.editTtl,
      onEditAliases: aliases.editAliases,
    },
    refusal,
  );
  return <ActionMenu label={`Actions for ${versionName(version)}`} actions={actions} />;
}
