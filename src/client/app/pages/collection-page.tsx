import { useSearchParams } from 'react-router';
import { useCollection } from '../../features/collections/api/get-collection';
import { CollectionHeader } from '../../features/collections/components/collection-header';
import { DeletedCollectionNotice } from '../../features/deletion/components/deleted-collection-notice';
import { ShowPendingToggle } from '../../features/versions/components/show-pending-toggle';
import { VersionFilterBar } from '../../features/versions/components/version-filter-bar';
import { VersionTable } from '../../features/versions/components/version-table';
import { filterOfFields, readViewFields, viewKey, writeViewFields, type VersionViewFields } from '../../features/versions/components/version-view';
import { errorMessage } from '../../lib/api-client';
import { isNotFound } from '../../lib/not-found';
import { pagePaths } from '../../lib/paths';
import { NotFoundState } from '../../ui/not-found-state';
import { LoadingState, PageErrorState } from '../../ui/states';
import { useCollectionParams } from '../use-artifact-params';

/** `.../artifacts/:type/:collection[?pending=1&alias=&noAliases=1&from=&to=&run=&sort=]`: the collection's header and its versions, filtered and sorted. */
export function CollectionPage() {
  const { entity, project, collection: name } = useCollectionParams();
  const collection = useCollection({ entity, project }, name);
  const [searchParams, setSearchParams] = useSearchParams();
  const showPending = searchParams.get('pending') === '1';
  const fields = readViewFields(searchParams);
  const applyView = (next: VersionViewFields) => setSearchParams((params) => writeViewFields(params, next));

  const setShowPending = (show: boolean) =>
    setSearchParams((params) => {
      const next = new URLSearchParams(params);
      if (show) next.set('pending', '1');
      else next.delete('pending');
      return next;
    });

  if (collection.isPending) return <LoadingState label={`Loading ${name}…`} />;
  if (isNotFound(collection.error, 'COLLECTION_NOT_FOUND')) {
    const back = { to: pagePaths.artifacts({ entity, project }), label: `Go to ${entity} / ${project}` };
    return (
      <div className="workspace-body">
        <NotFoundState heading="Collection not found" message={`${entity}/${project} has no collection ${name}.`} back={back} />
      </div>
    );
  }
  if (collection.isLoadingError) {
    return (
      <div className="workspace-body">
        <PageErrorState
          heading={name}
          title={`Could not load ${name}`}
          message={errorMessage(collection.error)}
          onRetry={() => void collection.refetch()}
          retrying={collection.isFetching}
        />
      </div>
    );
  }
  // A deleted collection has no committed versions: what it has are versions pending deletion.
  const deleted = collection.data.state === 'DELETED';
  const listPending = deleted || showPending;
  return (
    <div className="workspace-fill">
      <title>{`${name} · Attic`}</title>
      <CollectionHeader collection={collection.data} />
      {deleted ? <DeletedCollectionNotice collection={collection.data} /> : <ShowPendingToggle checked={showPending} onChange={setShowPending} />}
      {/* Keyed by the applied view, so the form shows it again after Back or a link. */}
      <VersionFilterBar key={viewKey(fields)} applied={fields} onApply={applyView} />
      {/* Keyed so switching collections, the filter or the sort starts at the top with a fresh virtualizer and no selection. */}
      <VersionTable
        key={`${name}:${listPending}:${viewKey(fields)}`}
        project={{ entity, project }}
        collection={name}
        showPending={listPending}
        filter={filterOfFields(fields)}
        sort={fields.sort}
      />
    </div>
  );
}
