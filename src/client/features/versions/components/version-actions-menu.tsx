import type { Version } from '../../../../domain';
import { useActionContext } from '../../../lib/action-context';
import { ActionMenu } from '../../../ui/action-menu';
import { useDeletionActions } from '../../deletion/components/deletion-actions';
import { makeVersionActions } from './version-actions';
import { versionName } from './version-name';

/**
 * The kebab of a version. Delete only asks the project's deletion host to open its dialog; the
 * dialog is not rendered here because the optimistic delete removes this row while it runs.
 */
export function VersionActionsMenu({ version }: { version: Version }) {
  const ctx = useActionContext();
  const deletion = useDeletionActions();
  const actions = makeVersionActions(version, ctx, { onDelete: deletion.confirmDeleteVersion, onRestore: deletion.restoreVersion });
  return <ActionMenu label={`Actions for ${versionName(version)}`} actions={actions} />;
}
