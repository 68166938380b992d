import { formatCount, type Collection } from '../../../../domain';
import { ReasonButton } from '../../../ui/reason-button';
import { useCan } from '../../auth/api/use-can';
import { useDeletionActions } from './deletion-actions';

/** On a deleted collection's page: it is deleted, how many versions wait for garbage collection, and the way back. */
export function DeletedCollectionNotice({ collection }: { collection: Collection }) {
  const { restoreCollection } = useDeletionActions();
  const can = useCan('restoreCollection', collection.entity);
  const count = collection.pendingDeletionCount;
  return (
    <div className="notice notice-warning">
      <p>
        This collection is deleted. Its {formatCount(count, 'version')} {count === 1 ? 'is' : 'are'} pending deletion until garbage collection purges them;
        restoring the collection brings them back.
      </p>
      <ReasonButton className="button" disabledReason={can.reason} reasonDisplay="inline" onClick={() => restoreCollection(collection.name)}>
        Restore collection
      </ReasonButton>
    </div>
  );
}
