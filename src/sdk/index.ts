export { Api, type ApiOptions } from './api';
export { Artifact } from './artifact';
export { ArtifactCollection } from './artifact-collection';
export { AtticClient, parseProjectPath, type AtticClientOptions, type LocalFile } from './attic-client';
export {
  AliasesPresentError,
  AlreadyGarbageCollectedError,
  AtticApiError,
  InvalidPathError,
  InvalidRequestError,
  NotFoundError,
  TypeMismatchError,
} from './errors';
export type { FetchLike } from './http';
export type { Overrides } from './paths';
export { Run } from './run';
export type { DeletionJobOptions, DeletionJobProgress } from './deletion-jobs';
export type { DeletionDryRun, DeletionJob, DeletionJobFilter, DeletionJobRefusal, DeletionJobState } from '../domain';
