export { Artifact } from './artifact';
export { AtticClient, parseProjectPath, type AtticClientOptions, type LocalFile } from './client';
export type { FetchLike } from './http';
