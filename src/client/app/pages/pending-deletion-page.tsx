import { PendingDeletionView } from '../../features/deletion/components/pending-deletion-view';
import { useArtifactParams } from '../use-artifact-params';

/** `/:entity/:project/artifacts/pending`: what is pending deletion in the project, to review and restore. */
export function PendingDeletionPage() {
  const { entity, project } = useArtifactParams();
  return <PendingDeletionView key={`${entity}/${project}`} project={{ entity, project }} />;
}
