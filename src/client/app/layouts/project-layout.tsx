import { Outlet } from 'react-router';
import { CollectionSidebar } from '../../features/collections/components/collection-sidebar';
import { useArtifactParams } from '../use-artifact-params';

/** A project's pages: the collections sidebar at the left, the workspace (the child route) at the right. */
export function ProjectLayout() {
  const { entity, project, type } = useArtifactParams();
  return (
    <div className="project-layout">
      {/* Keyed by project so the sidebar's search and toggles start fresh in another project. */}
      <CollectionSidebar key={`${entity}/${project}`} project={{ entity, project }} currentType={type} />
      <main id="main" tabIndex={-1} className="workspace">
        <Outlet />
      </main>
    </div>
  );
}
