import type { Version } from '../../../../domain';
import type { ActionContext } from '../../../lib/action-context';
import { pagePaths } from '../../../lib/paths';
import type { MenuAction } from '../../../ui/action-menu';
import { versionName } from './version-name';

const UPLOADING = 'Still uploading: it gets a version number once its files are stored.';

/**
 * The actions of a version's kebab (table row and detail header), as data. Deleting will add
 * `{ label: 'Delete', destructive: true, onSelect: handlers.onDelete }` (disabled with a reason
 * when the version is already pending deletion); its dialog lives in `VersionActionsMenu`.
 */
export function makeVersionActions(version: Version, ctx: ActionContext): MenuAction[] {
  const label = version.version;
  return [
    { label: 'Copy name', onSelect: () => ctx.copy(versionName(version)), disabled: label === null, disabledReason: UPLOADING },
    {
      label: 'Open',
      onSelect: () => label && ctx.navigate(pagePaths.version(version, version.type, version.collection, label)),
      disabled: label === null,
      disabledReason: UPLOADING,
    },
    { label: 'Copy id', onSelect: () => ctx.copy(version.id) },
  ];
}
