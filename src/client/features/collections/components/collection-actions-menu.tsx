import type { Collection } from '../../../../domain';
import { useActionContext } from '../../../lib/action-context';
import { ActionMenu } from '../../../ui/action-menu';
import { makeCollectionActions } from './collection-actions';

/**
 * The kebab of a collection, in the sidebar and in the version list's header. The delete dialog
 * will be a controlled sibling of `ActionMenu` here:
 *   const [deleting, setDeleting] = useState(false);
 *   <ActionMenu ... actions={makeCollectionActions(collection, ctx, { onDelete: () => setDeleting(true) })} />
 *   <DeleteCollectionDialog collection={collection} open={deleting} onOpenChange={setDeleting} />
 */
export function CollectionActionsMenu({ collection }: { collection: Collection }) {
  const ctx = useActionContext();
  return <ActionMenu label={`Actions for collection ${collection.name}`} actions={makeCollectionActions(collection, ctx)} />;
}
