import type { Version } from '../../../../domain';
import { useActionContext } from '../../../lib/action-context';
import { ActionMenu } from '../../../ui/action-menu';
import { makeVersionActions } from './version-actions';
import { versionName } from './version-name';

/**
 * The kebab of a version. The delete dialog will be a controlled sibling of `ActionMenu` here:
 *   const [deleting, setDeleting] = useState(false);
 *   <ActionMenu ... actions={makeVersionActions(version, ctx, { onDelete: () => setDeleting(true) })} />
 *   <DeleteVersionDialog version={version} open={deleting} onOpenChange={setDeleting} />
 */
export function VersionActionsMenu({ version }: { version: Version }) {
  const ctx = useActionContext();
  return <ActionMenu label={`Actions for ${versionName(version)}`} actions={makeVersionActions(version, ctx)} />;
}
