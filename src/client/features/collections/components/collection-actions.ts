import type { Collection } from '../../../../domain';
import type { ActionContext } from '../../../lib/action-context';
import { pagePaths } from '../../../lib/paths';
import { guarded, type MenuAction } from '../../../ui/action-menu';
import type { Refusal } from '../../auth/api/use-can';

/** What the delete and restore entries do; the delete dialog lives outside the menu. */
export interface CollectionActionHandlers {
  /** `returnFocusTo` is the kebab, for the dialog to give focus back to. */
  onDelete: (collection: Collection, returnFocusTo: HTMLElement | null) => void;
  onRestore: (collection: Collection) => void;
  /** Opens the delete-many dialog over the collection's versions that hold no alias. */
  onDeleteWithoutAliases: (collection: Collection, returnFocusTo: HTMLElement | null) => void;
}

/**
 * The actions of a collection's kebab menu, as data. `Open` only when its page is not the one
 * open; a deleted collection offers `Restore collection` where a ready one offers
 * `Delete versions without aliases…` and `Delete`; each is disabled with the server's reason for a
 * user whose role lacks it (`refusal`).
 */
export function makeCollectionActions(
  collection: Collection,
  ctx: ActionContext,
  handlers: CollectionActionHandlers,
  refusal: Refusal = () => null,
): MenuAction[] {
  const path = pagePaths.collection(collection, collection.type, collection.name);
  const actions: MenuAction[] = [{ label: 'Copy name', onSelect: () => ctx.copy(collection.name) }];
  if (ctx.currentPath !== path) actions.push({ label: 'Open', onSelect: () => ctx.navigate(path) });
  if (collection.state === 'DELETED') {
    actions.push(guarded('Restore collection', refusal('restoreCollection', collection.entity), () => handlers.onRestore(collection)));
  } else {
    actions.push(
      guarded(
        'Delete versions without aliases…',
        refusal('bulkJob', collection.entity),
        ({ trigger }) => handlers.onDeleteWithoutAliases(collection, trigger),
        {
          destructive: true,
        },
      ),
    );
    const refused = refusal('deleteCollection', collection.entity);
    actions.push(guarded('Delete', refused, ({ trigger }) => handlers.onDelete(collection, trigger), { destructive: true }));
  }
  return actions;
}
