import { Link } from 'react-router';
import type { Collection } from '../../../../domain';
import { pagePaths } from '../../../lib/paths';
import { Badge } from '../../../ui/badge';
import { Bytes } from '../../../ui/bytes';
import { RelativeTime } from '../../../ui/relative-time';
import { CollectionActionsMenu } from './collection-actions-menu';
import { ColumnHeader } from '../../../ui/column-header';

/** Props of `CollectionTable`: the collections in the order to show them, and the table's name. */
export interface CollectionTableProps {
  collections: Collection[];
  label: string;
}

/**
 * Ready collections at a glance, one row each: a link to its versions, its counts and size, when
 * it last changed, and the same kebab as in the sidebar (so Delete goes through the project's
 * deletion host, and focus moves to the next row when this one leaves).
 */
export function CollectionTable({ collections, label }: CollectionTableProps) {
  return (
    <table className="data-table collection-table" aria-label={label}>
      <thead>
        <tr>
          <ColumnHeader>Name</ColumnHeader>
          <ColumnHeader className="col-type">Type</ColumnHeader>
          <ColumnHeader numeric>Versions</ColumnHeader>
          <ColumnHeader numeric>
            Size <span className="column-hint">(shared files once)</span>
          </ColumnHeader>
          <ColumnHeader numeric className="col-pending">
            Pending deletion
          </ColumnHeader>
          <ColumnHeader className="col-updated">Updated</ColumnHeader>
          <ColumnHeader>
            <span className="visually-hidden">Actions</span>
          </ColumnHeader>
        </tr>
      </thead>
      <tbody>
        {collections.map((collection) => (
          <tr key={collection.name}>
            <td className="mono cell-name">
              {/* Cut with an ellipsis when long: the title shows it whole, the accessible name is the text itself. */}
              <Link to={pagePaths.collection(collection, collection.type, collection.name)} title={collection.name}>
                {collection.name}
              </Link>
            </td>
            <td className="col-type cell-type">
              <span className="cell-truncate" title={collection.type}>
                {collection.type}
              </span>
            </td>
            <td className="numeric">{collection.versionCount.toLocaleString('en-US')}</td>
            <td className="numeric">
              <Bytes bytes={collection.sizeBytes} />
            </td>
            <td className="numeric col-pending">
              {collection.pendingDeletionCount > 0 ? (
                <Badge tone="warning">{collection.pendingDeletionCount.toLocaleString('en-US')}</Badge>
              ) : (
                <span className="muted">0</span>
              )}
            </td>
            <td className="col-updated">
              <RelativeTime iso={collection.updatedAt} />
            </td>
            <td className="cell-actions">
              <CollectionActionsMenu collection={collection} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
