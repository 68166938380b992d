import { useArtifactParams } from '../use-artifact-params';

/**
 * `/:entity/:project/storage`: a placeholder so the sidebar's link has somewhere to go. The
 * storage page (status, live / pending / trash figures, manual runs, history) is built separately
 * and replaces this file's body.
 */
export function StoragePage() {
  const { entity, project } = useArtifactParams();
  return (
    <div className="workspace-body">
      <title>{`Storage · ${entity}/${project} · Attic`}</title>
      <h1 className="workspace-title">Storage</h1>
      <div className="state state-empty">
        <p className="state-title">The storage page is coming</p>
        <p className="state-body">
          It will show what this project stores, what garbage collection will free, and let you run it. Until then, Pending deletion lists
          what is waiting to be collected.
        </p>
      </div>
    </div>
  );
}
