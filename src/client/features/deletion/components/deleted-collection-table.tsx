import { Link } from 'react-router';
import type { Collection } from '../../../../domain';
import { pagePaths } from '../../../lib/paths';
import { RelativeTime } from '../../../ui/relative-time';

/** The project's deleted collections; each links to its versions with those pending deletion shown. */
export function DeletedCollectionTable({ collections }: { collections: Collection[] }) {
  return (
    <table className="data-table" aria-label="Deleted collections">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Type</th>
          <th scope="col">Deleted by</th>
          <th scope="col">Deleted</th>
          <th scope="col" className="numeric">
            Versions pending deletion
          </th>
        </tr>
      </thead>
      <tbody>
        {collections.map((collection) => (
          <tr key={collection.name}>
            <td className="mono">
              <Link to={`${pagePaths.collection(collection, collection.type, collection.name)}?pending=1`}>{collection.name}</Link>
            </td>
            <td>{collection.type}</td>
            <td>{collection.deletedBy ?? <span className="muted">—</span>}</td>
            <td>
              <RelativeTime iso={collection.deletedAt ?? collection.updatedAt} />
            </td>
            <td className="numeric">{collection.pendingDeletionCount.toLocaleString('en-US')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
