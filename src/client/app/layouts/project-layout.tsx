import { Outlet } from 'react-router';
import { useProjectCollections } from '../../features/collections/api/use-project-collections';
import { isNotFound } from '../../lib/not-found';
import { NotFoundState } from '../../ui/not-found-state';
import { CollectionSidebar } from '../../features/collections/components/collection-sidebar';
import { DeletionActionsProvider } from '../../features/deletion/components/deletion-actions';
import { VersionAliasesProvider } from '../../features/versions/components/version-alias-actions';
import { VersionTtlProvider } from '../../features/versions/components/version-ttl-actions';
import { useArtifactParams } from '../use-artifact-params';
import { ProjectLinks } from './project-links';

/**
 * A project's pages: the collections sidebar at the left, the workspace (the child route) at the
 * right, and the hosts of the delete, TTL and aliases dialogs that the sidebar's and the workspace's menus open.
 */
export function ProjectLayout() {
  const { entity, project, type } = useArtifactParams();
  const ref = { entity, project };
  // The sidebar's query (cached, so no extra request) tells whether the project exists at all;
  // if not, every page under it is one not-found page, without a sidebar that cannot load.
  const { error } = useProjectCollections(ref);
  if (isNotFound(error, 'PROJECT_NOT_FOUND')) {
    return (
      <main id="main" tabIndex={-1} className="page">
        <NotFoundState heading="Project not found" message={`${entity}/${project} does not exist.`} back={{ to: '/', label: 'Go to the projects' }} />
      </main>
    );
  }
  return (
    // Keyed by project so the sidebar's search and toggles, and any open dialog, start fresh in another project.
    // The TTL host is outside the deletion host: a restore's toast offers Set TTL… (decision 110).
    <VersionTtlProvider key={`${entity}/${project}`} project={ref}>
      <DeletionActionsProvider project={ref}>
        <VersionAliasesProvider project={ref}>
          <div className="project-layout">
            <CollectionSidebar project={ref} currentType={type} footer={<ProjectLinks project={ref} />} />
            <main id="main" tabIndex={-1} className="workspace">
              <Outlet />
            </main>
          </div>
        </VersionAliasesProvider>
      </DeletionActionsProvider>
    </VersionTtlProvider>
  );
}
