import type { Collection } from '../../../../domain';
import type { ActionContext } from '../../../lib/action-context';
import { pagePaths } from '../../../lib/paths';
import type { MenuAction } from '../../../ui/action-menu';

/** What the delete entry does; its dialog lives outside the menu. */
export interface CollectionActionHandlers {
  /** `returnFocusTo` is the kebab, for the dialog to give focus back to. */
  onDelete: (collection: Collection, returnFocusTo: HTMLElement | null) => void;
}

/**
 * The actions of a collection's kebab menu, as data. A collection already deleted keeps Delete,
 * disabled with the reason (its versions are restored one by one from Pending deletion).
 */
export function makeCollectionActions(collection: Collection, ctx: ActionContext, handlers: CollectionActionHandlers): MenuAction[] {
  return [
    { label: 'Copy name', onSelect: () => ctx.copy(collection.name) },
    { label: 'Open', onSelect: () => ctx.navigate(pagePaths.collection(collection, collection.type, collection.name)) },
    {
      label: 'Delete',
      destructive: true,
      onSelect: ({ trigger }) => handlers.onDelete(collection, trigger),
      disabled: collection.state === 'DELETED',
      disabledReason: 'Already deleted: restore its versions from Pending deletion.',
    },
  ];
}
