import type { Collection } from '../../../../domain';
import type { ActionContext } from '../../../lib/action-context';
import { pagePaths } from '../../../lib/paths';
import type { MenuAction } from '../../../ui/action-menu';

/**
 * The actions of a collection's kebab menu, as data. Deleting will add
 * `{ label: 'Delete', destructive: true, onSelect: handlers.onDelete }` here and nothing else in
 * the menu; the dialog it opens lives next to the menu in `CollectionActionsMenu`.
 */
export function makeCollectionActions(collection: Collection, ctx: ActionContext): MenuAction[] {
  return [
    { label: 'Copy name', onSelect: () => ctx.copy(collection.name) },
    { label: 'Open', onSelect: () => ctx.navigate(pagePaths.collection(collection, collection.type, collection.name)) },
  ];
}
