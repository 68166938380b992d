export { Artifact } from './artifact';
export { AtticClient, parseProjectPath, type AtticClientOptions, type LocalFile } from './attic-client';
export type { FetchLike } from './http';
