import type { Version } from '../../../../domain';
import type { ActionContext } from '../../../lib/action-context';
import type { Refusal } from '../../auth/api/use-can';
import { pagePaths } from '../../../lib/paths';
import { guarded, type MenuAction } from '../../../ui/action-menu';
import { versionName } from './version-name';

const UPLOADING = 'Still uploading: it gets a version number once its files are stored.';
const PURGED = 'Garbage collected: its files are gone, so it cannot be restored.';

/** What the delete and restore entries do; the dialog they may open lives outside the menu. */
export interface VersionActionHandlers {
  /** `returnFocusTo` is the kebab, for the dialog to give focus back to. */
  onDelete: (version: Version & { version: string }, returnFocusTo: HTMLElement | null) => void;
  onRestore: (version: Version & { version: string }) => void;
  /** Opens the TTL dialog; `returnFocusTo` as for `onDelete`. */
  onSetTtl: (version: Version & { version: string }, returnFocusTo: HTMLElement | null) => void;
  /** Opens the aliases dialog; `returnFocusTo` as for `onDelete`. */
  onEditAliases: (version: Version & { version: string }, returnFocusTo: HTMLElement | null) => void;
}

/**
 * The actions of a version's kebab (table row and detail header), as data. A committed version
 * offers Edit aliases…, Set TTL… and Delete; one pending deletion offers Restore instead; a purged one shows Restore disabled
 * with the reason, rather than hiding it. An entry the user's role lacks is disabled with the
 * server's own reason (`refusal`), so the menu never offers what the server would refuse.
 */
export function makeVersionActions(version: Version, ctx: ActionContext, handlers: VersionActionHandlers, refusal: Refusal = () => null): MenuAction[] {
  const refused = (permission: Parameters<Refusal>[0]) => refusal(permission, version.entity);
  const label = version.version;
  const named = label === null ? null : { ...version, version: label };
  const actions: MenuAction[] = [
    { label: 'Copy name', onSelect: () => ctx.copy(versionName(version)), disabled: label === null, disabledReason: UPLOADING },
    { label: 'Copy id', onSelect: () => ctx.copy(version.id) },
  ];
  // Its page may be open by `vN` or by any of its aliases: then there is nothing to open.
  const pages = [label, ...version.aliases].flatMap((ref) => (ref === null ? [] : [pagePaths.version(version, version.type, version.collection, ref)]));
  if (!pages.includes(ctx.currentPath)) {
    const open = {
      label: 'Open',
      onSelect: () => label && ctx.navigate(pagePaths.version(version, version.type, version.collection, label)),
      disabled: label === null,
      disabledReason: UPLOADING,
    };
    actions.splice(1, 0, open);
  }
  if (version.state === 'PENDING_DELETION' || version.state === 'DELETED') {
    const purged = version.state === 'DELETED';
    const forbidden = refused('restoreVersion');
    actions.push({
      label: 'Restore',
      onSelect: () => named && handlers.onRestore(named),
      disabled: purged || named === null || forbidden !== null,
      disabledReason: purged ? PURGED : named === null ? UPLOADING : (forbidden ?? undefined),
    });
  } else {
    if (named && version.state === 'COMMITTED') {
      actions.push(guarded('Edit aliases…', refused('editAliases'), ({ trigger }) => handlers.onEditAliases(named, trigger)));
      actions.push(guarded('Set TTL…', refused('setVersionTtl'), ({ trigger }) => handlers.onSetTtl(named, trigger)));
    }
    const forbidden = refused('deleteVersion');
    actions.push({
      label: 'Delete',
      destructive: true,
      onSelect: ({ trigger }) => named && handlers.onDelete(named, trigger),
      disabled: named === null || forbidden !== null,
      disabledReason: named === null ? UPLOADING : (forbidden ?? undefined),
    });
  }
  return actions;
}
