import { VersionDetail } from '../../features/versions/components/version-detail';
import { useCollectionParams } from '../use-artifact-params';

/** `.../artifacts/:type/:collection/:version`: one version's metadata and files. */
export function VersionPage() {
  const { entity, project, type, collection, version } = useCollectionParams();
  if (!version) throw new Error('This page must be routed under artifacts/:type/:collection/:version.');
  return <VersionDetail key={`${collection}:${version}`} project={{ entity, project }} type={type} collection={collection} version={version} />;
}
