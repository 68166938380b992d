import type { Collection } from '../../../../domain';
import { useActionContext } from '../../../lib/action-context';
import { ActionMenu } from '../../../ui/action-menu';
import { useRefusal } from '../../auth/api/use-can';
import { useDeletionActions } from '../../deletion/components/deletion-actions';
import { makeCollectionActions } from './collection-actions';

/**
 * The kebab of a collection, in the sidebar, the project overview's table and the version list's header. Delete asks the
 * project's deletion host to open its dialog: on success this item leaves the sidebar, and a
 * dialog rendered here would go with it.
 */
export function CollectionActionsMenu({ collection }: { collection: Collection }) {
  const ctx = useActionContext();
  const deletion = useDeletionActions();
  const refusal = useRefusal();
  const actions = makeCollectionActions(
    collection,
    ctx,
    {
      onDelete: deletion.confirmDeleteCollection,
      onRestore: (c) => deletion.restoreCollection(c.name),
      onDeleteWithoutAliases: (c, trigger) =>
        deletion.confirmDeleteMatching(
          { filter: { collections: [c.name], noAliases: true }, title: `Delete the versions of ${c.name} without aliases?` },
          trigger,
        ),
    },
    refusal,
  );
  return <ActionMenu label={`Actions for collection ${collection.name}`} actions={actions} />;
}
