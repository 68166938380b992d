/**
 * The reference platform's short paths: `name:v3`, `project/name:v3` and `entity/project/name:v3`
 * (runs and collections likewise, without the `:version`), completed from the `overrides` given
 * to `Api`. What cannot be completed is an `InvalidPathError` before any request is sent.
 */
import { InvalidPathError } from './errors';

export interface Overrides {
  entity?: string;
  project?: string;
}

export interface ProjectPath {
  entity: string;
  project: string;
}

/** Splits `[[entity/]project/]last` and fills the missing leading parts from `overrides`. */
function complete(path: string, overrides: Overrides, lastName: string): ProjectPath & { last: string } {
  const expected = `entity/project/${lastName}, project/${lastName} or ${lastName} with overrides { entity, project }`;
  const parts = path.split('/');
  if (parts.length > 3 || parts.some((p) => p === '')) throw new InvalidPathError(path, expected, 'is not a path');
  const last = parts.pop()!;
  const project = parts.pop() ?? overrides.project;
  const entity = parts.pop() ?? overrides.entity;
  if (!project) throw new InvalidPathError(path, expected, 'names no project and no overrides.project was given');
  if (!entity) throw new InvalidPathError(path, expected, 'names no entity and no overrides.entity was given');
  return { entity, project, last };
}

/** `[[entity/]project/]name[:version]`; the version defaults to `latest`, as on the reference platform. */
export function artifactPath(path: string, overrides: Overrides): ProjectPath & { collection: string; version: string } {
  const { entity, project, last } = complete(path, overrides, 'name:version');
  const colon = last.lastIndexOf(':');
  const collection = colon < 0 ? last : last.slice(0, colon);
  const version = colon < 0 ? 'latest' : last.slice(colon + 1);
  if (!collection || !version) throw new InvalidPathError(path, 'entity/project/name:version', 'is not an artifact path');
  return { entity, project, collection, version };
}

/** `[[entity/]project/]name`: a collection. */
export function collectionPath(path: string, overrides: Overrides): ProjectPath & { collection: string } {
  const { entity, project, last } = complete(path, overrides, 'name');
  if (last.includes(':')) throw new InvalidPathError(path, 'entity/project/name', 'names a version, not a collection');
  return { entity, project, collection: last };
}

/** `[[entity/]project/]runId`: a run. */
export function runPath(path: string, overrides: Overrides): ProjectPath & { runId: string } {
  const { entity, project, last } = complete(path, overrides, 'runId');
  return { entity, project, runId: last };
}

/** `[entity/]project`, or the project of `overrides` when no path is given. */
export function projectPath(path: string | undefined, overrides: Overrides): ProjectPath {
  const expected = 'entity/project, or project with overrides { entity }, or overrides { entity, project }';
  const parts = path === undefined ? [] : path.split('/');
  if (parts.length > 2 || parts.some((p) => p === '')) throw new InvalidPathError(path ?? '', expected, 'is not a project path');
  const project = parts.pop() ?? overrides.project;
  const entity = parts.pop() ?? overrides.entity;
  if (!project) throw new InvalidPathError(path ?? '', expected, 'names no project and no overrides.project was given');
  if (!entity) throw new InvalidPathError(path ?? '', expected, 'names no entity and no overrides.entity was given');
  return { entity, project };
}

export const projectString = (p: ProjectPath) => `${p.entity}/${p.project}`;
