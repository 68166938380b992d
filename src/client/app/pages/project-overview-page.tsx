import { useArtifactParams } from '../use-artifact-params';

/** `/:entity/:project/artifacts`: the workspace before a collection is chosen. */
export function ProjectOverviewPage() {
  const { entity, project } = useArtifactParams();
  return (
    <div className="workspace-body">
      <title>{`${entity}/${project} · Attic`}</title>
      <h1 className="workspace-title mono">
        {entity} / {project}
      </h1>
      <div className="state state-empty">
        <p className="state-title">Choose a collection</p>
        <p className="state-body">Pick a collection in the sidebar to see its versions, their aliases, sizes and files.</p>
      </div>
    </div>
  );
}
