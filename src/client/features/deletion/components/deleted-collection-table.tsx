import { Link } from 'react-router';
import type { Collection, ProjectRef } from '../../../../domain';
import { pagePaths } from '../../../lib/paths';
import { ReasonButton } from '../../../ui/reason-button';
import { RelativeTime } from '../../../ui/relative-time';
import { useCan } from '../../auth/api/use-can';
import { useRestoreCollectionWithToast } from './use-restore-collection-with-toast';
import { ColumnHeader } from '../../../ui/column-header';
import { useActorText } from '../../auth/api/use-actor-text';

/**
 * The project's deleted collections; each links to its versions with those pending deletion
 * shown, and can be restored (the versions its delete took come back, a toast says how many).
 */
export function DeletedCollectionTable({ project, collections }: { project: ProjectRef; collections: Collection[] }) {
  const actorText = useActorText();
  const { restore, isPending } = useRestoreCollectionWithToast(project);
  const refused = useCan('restoreCollection', project.entity).reason;
  return (
    <table className="data-table" aria-label="Deleted collections">
      <thead>
        <tr>
          <ColumnHeader>Name</ColumnHeader>
          <ColumnHeader>Type</ColumnHeader>
          <ColumnHeader>Deleted by</ColumnHeader>
          <ColumnHeader>Deleted</ColumnHeader>
          <ColumnHeader numeric>Versions pending deletion</ColumnHeader>
          <ColumnHeader>
            <span className="visually-hidden">Restore</span>
          </ColumnHeader>
        </tr>
      </thead>
      <tbody>
        {collections.map((collection) => {
          const restoring = isPending(collection.name);
          return (
            <tr key={collection.name}>
              <td className="mono">
                <Link to={`${pagePaths.collection(collection, collection.type, collection.name)}?pending=1`}>{collection.name}</Link>
              </td>
              <td>{collection.type}</td>
              <td>{collection.deletedBy ? actorText(collection.deletedBy) : <span className="muted">—</span>}</td>
              <td>
                <RelativeTime iso={collection.deletedAt ?? collection.updatedAt} />
              </td>
              <td className="numeric">{collection.pendingDeletionCount.toLocaleString('en-US')}</td>
              <td>
                <ReasonButton
                  className="button button-small"
                  aria-label={`Restore collection ${collection.name}`}
                  disabled={restoring}
                  disabledReason={refused}
                  onClick={() => restore(collection.name)}
                >
                  {restoring ? 'Restoring…' : 'Restore'}
                </ReasonButton>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
