import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatCount, type Collection, type ProjectRef } from '../../../domain';
import { useProjectCollections } from '../../features/collections/api/use-project-collections';
import { CollectionTable } from '../../features/collections/components/collection-table';
import { usePendingDeletionCount } from '../../features/deletion/api/get-pending-deletion';
import { DefaultTtl } from '../../features/projects/components/default-ttl';
import { bytesOnDisk, useProjectStorage } from '../../features/storage/api/get-project-storage';
import { errorMessage } from '../../lib/api-client';
import { pagePaths } from '../../lib/paths';
import { Bytes } from '../../ui/bytes';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { useArtifactParams } from '../use-artifact-params';

/** `/:entity/:project/artifacts`: the project's landing page, every ready collection in one table. */
export function ProjectOverviewPage() {
  const { entity, project } = useArtifactParams();
  const ref = { entity, project };
  const { collections, isPending, error, isFetching, retry } = useProjectCollections(ref);
  // The same query as the sidebar's badge, so the two counts never disagree.
  const pending = usePendingDeletionCount(ref);

  let body: ReactNode;
  if (error) {
    body = <ErrorState title="Could not load the collections" message={errorMessage(error)} onRetry={retry} retrying={isFetching} />;
  } else if (isPending || !collections || (collections.length === 0 && pending.isPending)) {
    // An empty project waits for its pending count too: it decides which empty message to show.
    body = <LoadingState label="Loading collections…" />;
  } else if (collections.length === 0) {
    body = <NoCollections project={ref} pendingCount={pending.data ?? 0} />;
  } else {
    body = <CollectionTable collections={collections} label={`Collections of ${entity}/${project}`} />;
  }

  return (
    <div className="workspace-body">
      <title>{`${entity}/${project} · Attic`}</title>
      <header className="workspace-header">
        <div className="workspace-heading">
          <h1 className="workspace-title mono">
            {entity} / {project}
          </h1>
          {collections && collections.length > 0 && <ProjectSummary project={ref} collections={collections} pendingCount={pending.data} />}
          <DefaultTtl project={ref} />
        </div>
      </header>
      {body}
    </div>
  );
}

/** "4 collections · 1.2 MB on disk · 3 versions pending deletion", the last part linking to the review. */
function ProjectSummary({ project, collections, pendingCount }: { project: ProjectRef; collections: Collection[]; pendingCount?: number }) {
  // What the blob store really holds for the project (live, pending deletion, trash), each shared
  // file once, not the sum of the rows, where a file shared by two collections counts in both.
  const storage = useProjectStorage(project);
  return (
    <p className="workspace-summary">
      {formatCount(collections.length, 'collection')}
      {storage.data && (
        <>
          {' · '}
          <Link to={pagePaths.storage(project)}>
            <Bytes bytes={bytesOnDisk(storage.data)} /> on disk
          </Link>
        </>
      )}
      {pendingCount !== undefined && (
        <>
          {' · '}
          <Link to={pagePaths.pending(project)}>{formatCount(pendingCount, 'version')} pending deletion</Link>
        </>
      )}
    </p>
  );
}

/**
 * No ready collection. A project whose collections were all deleted says so and where their
 * versions went; either way, the command that logs a first version is one copy away.
 */
function NoCollections({ project, pendingCount }: { project: ProjectRef; pendingCount: number }) {
  const command = `npm run attic -- log ${project.entity}/${project.project} --type T --name N <files>`;
  return (
    <EmptyState title={pendingCount > 0 ? 'No collections left in this project' : 'No artifacts logged in this project yet'}>
      {pendingCount > 0 && (
        <p>
          {formatCount(pendingCount, 'version')} pending deletion can still be restored from <Link to={pagePaths.pending(project)}>Pending deletion</Link>.
        </p>
      )}
      <p>
        Log a version from the command line (or with the SDK&apos;s <code>log</code>), with its type <code>T</code>, its collection name <code>N</code> and its
        files:
      </p>
      <pre className="command">
        <code>{command}</code>
      </pre>
    </EmptyState>
  );
}
