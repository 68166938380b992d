/**
 * The reference platform's public API in TypeScript idiom, beside `AtticClient`, so the seed's
 * recipes read the same:
 *
 *   const api = new Api({ baseUrl, apiKey, overrides: { entity: 'demo', project: 'mnist' } });
 *   for await (const v of api.artifactVersions('dataset', 'mnist-train')) if (v.aliases.length === 0) await v.delete();
 *
 * Paths may be short and are completed from `overrides` (see paths.ts). Everything else the
 * server offers (logging, previews, GC) is on `api.client`, the `AtticClient` underneath.
 */
import type { DeletionDryRun, DeletionJob, DeletionJobFilter, VersionStateFilter } from '../domain';
import type { Artifact } from './artifact';
import { ArtifactCollection } from './artifact-collection';
import { AtticClient } from './attic-client';
import type { DeletionJobOptions, DryRunOptions, RunOptions } from './deletion-jobs';
import { TypeMismatchError } from './errors';
import type { FetchLike } from './http';
import { artifactPath, collectionPath, type Overrides, projectPath, projectString, runPath } from './paths';
import { Run } from './run';

export interface ApiOptions {
  /** Default: ATTIC_URL or http://127.0.0.1:8080. */
  baseUrl?: string;
  /** Sent as `Authorization: Bearer <key>`; the server ignores it until Attic has accounts. */
  apiKey?: string;
  /** The entity and project that complete short paths such as `name:v3` or `project/name`. */
  overrides?: Overrides;
  fetch?: FetchLike;
}

export class Api {
  readonly client: AtticClient;
  readonly overrides: Readonly<Overrides>;

  constructor(options: ApiOptions = {}) {
    this.client = new AtticClient({ baseUrl: options.baseUrl, apiKey: options.apiKey, fetch: options.fetch });
    this.overrides = { ...options.overrides };
  }

  /** `[[entity/]project/]runId`. No request is made until its artifacts are listed. */
  run(path: string): Run {
    return new Run(this.client, runPath(path, this.overrides));
  }

  /** `[[entity/]project/]name[:version or alias]`, `latest` when no version is given; with `type`, a version of another type is a `TypeMismatchError`. */
  async artifact(path: string, type?: string): Promise<Artifact> {
    const p = artifactPath(path, this.overrides);
    const artifact = await this.client.artifact(projectString(p), p.collection, p.version);
    if (type !== undefined && artifact.type !== type) throw typeMismatch(p.collection, type, artifact.type);
    return artifact;
  }

  /** The collection at `[[entity/]project/]name`, which must be of `type` (else `TypeMismatchError`, before anything changes). */
  async artifactCollection(type: string, path: string): Promise<ArtifactCollection> {
    const p = collectionPath(path, this.overrides);
    const collection = await this.client.collection(projectString(p), p.collection);
    if (collection.type !== type) throw typeMismatch(collection.name, type, collection.type);
    return new ArtifactCollection(this.client, collection);
  }

  /** Every version of the collection `[[entity/]project/]name` of `type`, newest first (COMMITTED unless `state` says otherwise). */
  async *artifactVersions(type: string, name: string, options: { state?: VersionStateFilter } = {}): AsyncGenerator<Artifact> {
    yield* (await this.artifactCollection(type, name)).versions(options);
  }

  /**
   * Soft-deletes every version of a project that matches `filter`, as one job on the server (the
   * reference platform's bulk delete): with `dryRun`, the count, aliases and bytes it would free;
   * else the job once it has ended, its refusals listed (`onProgress` hears of it meanwhile,
   * `signal` cancels it). The project is `options.project` (`[entity/]project`) or `overrides`.
   */
  deleteVersions(filter: DeletionJobFilter, options: DryRunOptions & { project?: string }): Promise<DeletionDryRun>;
  deleteVersions(filter: DeletionJobFilter, options?: RunOptions & { project?: string }): Promise<DeletionJob>;
  async deleteVersions(filter: DeletionJobFilter, options: DeletionJobOptions & { project?: string } = {}): Promise<DeletionJob | DeletionDryRun> {
    return this.client.deleteVersions(this.projectOf(options.project), filter, options as RunOptions);
  }

  /** Restores every version pending deletion that matches `filter`, as `deleteVersions` deletes. */
  restoreVersions(filter: DeletionJobFilter, options: Omit<DryRunOptions, 'deleteAliases'> & { project?: string }): Promise<DeletionDryRun>;
  restoreVersions(filter: DeletionJobFilter, options?: Omit<RunOptions, 'deleteAliases'> & { project?: string }): Promise<DeletionJob>;
  async restoreVersions(
    filter: DeletionJobFilter,
    options: Omit<DeletionJobOptions, 'deleteAliases'> & { project?: string } = {},
  ): Promise<DeletionJob | DeletionDryRun> {
    return this.client.restoreVersions(this.projectOf(options.project), filter, options as Omit<RunOptions, 'deleteAliases'>);
  }

  private projectOf(path: string | undefined): string {
    return projectString(projectPath(path, this.overrides));
  }
}

function typeMismatch(collection: string, expected: string, actual: string): TypeMismatchError {
  return new TypeMismatchError(409, 'TYPE_MISMATCH', `${collection} is a ${actual} collection, not a ${expected} one.`, { collection, expected, actual });
}
