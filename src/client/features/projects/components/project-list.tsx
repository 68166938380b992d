import { Link } from 'react-router';
import { formatCount, type ProjectSummary } from '../../../../domain';
import { Bytes } from '../../../ui/bytes';
import { bytesOnDisk, useProjectStorage } from '../../storage/api/get-project-storage';
import { errorMessage } from '../../../lib/api-client';
import { pagePaths } from '../../../lib/paths';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states';
import { useProjects } from '../api/get-projects';
import { ColumnHeader } from '../../../ui/column-header';

/** The projects the server knows, each a link to its artifacts. */
export function ProjectList() {
  const projects = useProjects();

  if (projects.isPending) return <LoadingState label="Loading projects…" />;
  if (projects.isLoadingError) {
    return (
      <ErrorState
        title="Could not load projects"
        message={errorMessage(projects.error)}
        onRetry={() => void projects.refetch()}
        retrying={projects.isFetching}
      />
    );
  }
  if (projects.data.length === 0) {
    return (
      <EmptyState title="No projects yet">
        A project appears once an artifact is logged into it, e.g. with <code>attic log</code> or the SDK.
      </EmptyState>
    );
  }

  return (
    <table className="data-table">
      <caption className="visually-hidden">Projects</caption>
      <thead>
        <tr>
          <ColumnHeader>Project</ColumnHeader>
          <ColumnHeader numeric>Collections</ColumnHeader>
          <ColumnHeader numeric>
            Stored on disk <span className="column-hint">(shared files once)</span>
          </ColumnHeader>
          <ColumnHeader numeric>Pending deletion</ColumnHeader>
        </tr>
      </thead>
      <tbody>
        {projects.data.map((p) => (
          <tr key={`${p.entity}/${p.project}`}>
            <td>
              <Link className="mono" to={pagePaths.artifacts(p)}>
                {p.entity} / {p.project}
              </Link>
            </td>
            <td className="numeric">{formatCount(p.collectionCount, 'collection')}</td>
            <ProjectStorageCells project={p} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Bytes on disk (live, pending deletion and trash, each shared file once: a soft delete frees
 * nothing until garbage collection runs, so the figure does not drop with it) and versions
 * pending deletion, from the project's storage figures.
 */
function ProjectStorageCells({ project }: { project: ProjectSummary }) {
  const storage = useProjectStorage(project);
  if (!storage.data) {
    const text = storage.isLoadingError ? 'unavailable' : '…';
    return (
      <>
        <td className="numeric muted">{text}</td>
        <td className="numeric muted">{text}</td>
      </>
    );
  }
  return (
    <>
      <td className="numeric">
        <Bytes bytes={bytesOnDisk(storage.data)} />
      </td>
      <td className="numeric">{formatCount(storage.data.pendingDeletion.versions, 'version')}</td>
    </>
  );
}
