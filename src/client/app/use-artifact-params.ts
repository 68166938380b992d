import { useParams } from 'react-router';
import type { ProjectRef } from '../../domain';

/** The route's parameters, checked once: a page under `:entity/:project` always has both. */
export interface ArtifactParams extends ProjectRef {
  type?: string;
  collection?: string;
  version?: string;
}

export function useArtifactParams(): ArtifactParams {
  const { entity, project, type, collection, version } = useParams();
  if (!entity || !project) throw new Error('This page must be routed under /:entity/:project.');
  return { entity, project, type, collection, version };
}

/** The parameters of a collection's pages (`.../artifacts/:type/:collection[/:version]`). */
export function useCollectionParams(): ArtifactParams & { type: string; collection: string } {
  const params = useArtifactParams();
  if (!params.type || !params.collection) throw new Error('This page must be routed under artifacts/:type/:collection.');
  return { ...params, type: params.type, collection: params.collection };
}
