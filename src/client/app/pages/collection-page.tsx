import { useCollection } from '../../features/collections/api/get-collection';
import { CollectionHeader } from '../../features/collections/components/collection-header';
import { VersionTable } from '../../features/versions/components/version-table';
import { errorMessage } from '../../lib/api-client';
import { ErrorState, LoadingState } from '../../ui/states';
import { useCollectionParams } from '../use-artifact-params';

/** `.../artifacts/:type/:collection`: the collection's header and its versions, newest first. */
export function CollectionPage() {
  const { entity, project, collection: name } = useCollectionParams();
  const collection = useCollection({ entity, project }, name);

  if (collection.isPending) return <LoadingState label={`Loading ${name}…`} />;
  if (collection.isError) {
    return (
      <div className="workspace-body">
        {/* The page keeps its heading when the collection cannot be loaded. */}
        <h1 className="workspace-title">{name}</h1>
        <ErrorState title={`Could not load ${name}`} message={errorMessage(collection.error)} onRetry={() => void collection.refetch()} retrying={collection.isFetching} />
      </div>
    );
  }
  return (
    <div className="workspace-fill">
      <title>{`${name} · Attic`}</title>
      <CollectionHeader collection={collection.data} />
      {/* Keyed so switching collections starts at the top with a fresh virtualizer. */}
      <VersionTable key={name} project={{ entity, project }} collection={name} />
    </div>
  );
}
