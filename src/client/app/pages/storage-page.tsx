import { StorageView } from '../../features/storage/components/storage-view';
import { useArtifactParams } from '../use-artifact-params';

/** `/:entity/:project/storage`: what the project stores, garbage collection and its history. */
export function StoragePage() {
  const { entity, project } = useArtifactParams();
  return <StorageView key={`${entity}/${project}`} project={{ entity, project }} />;
}
