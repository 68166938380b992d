import type { Collection } from '../../../../domain';
import type { ActionContext } from '../../../lib/action-context';
import { pagePaths } from '../../../lib/paths';
import type { MenuAction } from '../../../ui/action-menu';

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
 * `Delete versions without aliases…` and `Delete`.
 */
export function makeCollectionActions(collection: Collection, ctx: ActionContext, handlers: CollectionActionHandlers): MenuAction[] {
  const path = pagePaths.collection(collection, collection.type, collection.name);
  const actions: MenuAction[] = [{ label: 'Copy name', onSelect: () => ctx.copy(collection.name) }];
  if (ctx.currentPath !== path) actions.push({ label: 'Open', onSelect: () => ctx.navigate(path) });
  if (collection.state === 'DELETED') actions.push({ label: 'Restore collection', onSelect: () => handlers.onRestore(collection) });
  else {
    actions.push({
      label: 'Delete versions without aliases…',
      destructive: true,
      onSelect: ({ trigger }) => handlers.onDeleteWithoutAliases(collection, trigger),
    });
    actions.push({ label: 'Delete', destructive: true, onSelect: ({ trigger }) => handlers.onDelete(collection, trigger) });
  }
  return actions;
}
