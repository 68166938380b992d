import { formatCount, type Collection } from '../../../../domain';
import { useDeletionActions } from './deletion-actions';

/** On a deleted collection's page: it is deleted, how many versions wait for garbage collection, and the way back. */
export function DeletedCollectionNotice({ collection }: { collection: Collection }) {
  const { restoreCollection } = useDeletionActions();
  const count = collection.pendingDeletionCount;
  return (
    <div className="notice notice-warning">
      <p>
        This collection is deleted. Its {formatCount(count, 'version')} {count === 1 ? 'is' : 'are'} pending deletion until garbage collection purges them;
        restoring the collection brings them back.
      </p>
      <button type="button" className="button" onClick={() => restoreCollection(collection.name)}>
        Restore collection
      </button>
    </div>
  );
}
