import { useParams } from 'react-router';
import { GcRunDetail } from '../../features/storage/components/gc-run-detail';
import { useArtifactParams } from '../use-artifact-params';

/** `/:entity/:project/storage/runs/:id`: one garbage-collection run, its figures and log. */
export function GcRunPage() {
  const { entity, project } = useArtifactParams();
  const { id } = useParams();
  if (!id) throw new Error('This page must be routed under storage/runs/:id.');
  return <GcRunDetail key={id} project={{ entity, project }} id={id} />;
}
