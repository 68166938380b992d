import { Link } from 'react-router';
import type { ProjectRef } from '../../../../domain';
import { errorMessage } from '../../../lib/api-client';
import { isNotFound } from '../../../lib/not-found';
import { pagePaths } from '../../../lib/paths';
import { NotFoundState } from '../../../ui/not-found-state';
import { AliasChips } from '../../../ui/badge';
import { LoadingState, PageErrorState } from '../../../ui/states';
import { useVersion } from '../api/get-version';
import { FileTable } from './file-table';
import { VersionActionsMenu } from './version-actions-menu';
import { VersionMetadata } from './version-metadata';
import { versionName } from './version-name';
import { VersionStateBadge } from './version-state-badge';

/** Props of `VersionDetail`: `version` is what the URL says, `vN` or an alias such as `latest`. */
export interface VersionDetailProps {
  project: ProjectRef;
  type: string;
  collection: string;
  version: string;
}

/** A version's page: name, aliases, state and kebab; then its metadata and files. */
export function VersionDetail({ project, type, collection, version: ref }: VersionDetailProps) {
  const version = useVersion(project, collection, ref);
  const backLink = (
    <Link className="back-link" to={pagePaths.collection(project, type, collection)}>
      ← {type} / {collection}
    </Link>
  );

  if (version.isPending) return <LoadingState label={`Loading ${collection}:${ref}…`} />;
  if (isNotFound(version.error, 'VERSION_NOT_FOUND')) {
    const back = { to: pagePaths.collection(project, type, collection), label: `Go to ${collection}` };
    return (
      <div className="workspace-body">
        <NotFoundState heading="Version not found" message={`${collection} has no version ${ref}.`} back={back} />
      </div>
    );
  }
  if (version.isLoadingError) {
    return (
      <div className="workspace-body">
        {backLink}
        <PageErrorState
          heading={`${collection}:${ref}`}
          title={`Could not load ${collection}:${ref}`}
          message={errorMessage(version.error)}
          onRetry={() => void version.refetch()}
          retrying={version.isFetching}
        />
      </div>
    );
  }

  const v = version.data;
  const name = versionName(v);
  return (
    <div className="workspace-body">
      <title>{`${name} · Attic`}</title>
      {backLink}
      <header className="workspace-header">
        <div className="workspace-heading">
          <h1 className="workspace-title mono">{name}</h1>
          <AliasChips aliases={v.aliases} />
          <VersionStateBadge state={v.state} />
        </div>
        <VersionActionsMenu version={v} />
      </header>
      <VersionMetadata version={v} />
      <h2 className="section-title">Files</h2>
      {v.version !== null ? <FileTable project={project} version={{ ...v, version: v.version }} /> : <p className="muted">The files are still uploading.</p>}
    </div>
  );
}
