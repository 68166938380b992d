import { formatBytes, formatCount, type Collection } from '../../../../domain';
import { Badge } from '../../../ui/badge';
import { CollectionActionsMenu } from './collection-actions-menu';

/** The top of a collection's page: `type / name`, its counts, and its kebab at the right. */
export function CollectionHeader({ collection }: { collection: Collection }) {
  const summary = [`${formatCount(collection.versionCount, 'version')}`, `${formatBytes(collection.sizeBytes)} stored (shared files once)`];
  if (collection.pendingDeletionCount > 0) summary.push(`${collection.pendingDeletionCount.toLocaleString('en-US')} pending deletion`);
  return (
    <header className="workspace-header">
      <div className="workspace-heading">
        <h1 className="workspace-title">
          <span className="muted">{collection.type}</span> / <span className="mono">{collection.name}</span>
        </h1>
        {collection.state === 'DELETED' && <Badge tone="danger">Deleted</Badge>}
        <p className="workspace-summary">{summary.join(' · ')}</p>
      </div>
      <CollectionActionsMenu collection={collection} />
    </header>
  );
}
