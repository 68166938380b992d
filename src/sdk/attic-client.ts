/**
 * The typed client of Attic's REST API. Lists are async iterators over every page, so scripts
 * such as "delete every version without aliases" read like the seed's Python recipes.
 */
import {
  apiPaths,
  BlobUploadResponseSchema,
  BulkResultSchema,
  CollectionDeleteResponseSchema,
  CollectionRestoreResponseSchema,
  CollectionSchema,
  deletionPaths,
  DeletionPreviewSchema,
  FileEntrySchema,
  GcRunSchema,
  ProjectSettingsSchema,
  TtlPreviewSchema,
  GcStatusSchema,
  LogVersionResponseSchema,
  pageSchema,
  PendingDeletionPageSchema,
  ProjectSummarySchema,
  VersionSchema,
  withQuery,
  type BulkRequest,
  type DeletionDryRun,
  type DeletionJob,
  type DeletionJobAction,
  type DeletionJobFilter,
  type GcRun,
  type Page,
  type ProjectRef,
  type VersionStateFilter,
} from '../domain';
import type { z } from 'zod';
import { Artifact } from './artifact';
import {
  cancelDeletionJob,
  readDeletionJob,
  runDeletionJob,
  startDeletionJob,
  type DeletionJobOptions,
  type DryRunOptions,
  type RunOptions,
} from './deletion-jobs';
import { Http, type FetchLike } from './http';

export interface AtticClientOptions {
  /** Default: ATTIC_URL or http://127.0.0.1:8080. */
  baseUrl?: string;
  /** Sent as `Authorization: Bearer <key>`. Attic has no accounts yet, so the server ignores it; scripts that pass it keep working once it checks it. */
  apiKey?: string;
  fetch?: FetchLike;
}

/** `entity/project` -> a project reference. */
export function parseProjectPath(path: string): ProjectRef {
  const [entity, project, ...rest] = path.split('/');
  if (!entity || !project || rest.length > 0) throw new Error(`"${path}" is not a project path: expected entity/project.`);
  return { entity, project };
}

export interface LocalFile {
  path: string;
  bytes: Uint8Array<ArrayBuffer>;
}

async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export class AtticClient {
  readonly http: Http;

  constructor(options: AtticClientOptions = {}) {
    const baseUrl = (options.baseUrl ?? globalThis.process?.env?.ATTIC_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
    this.http = new Http(baseUrl, options.fetch ?? ((input, init) => fetch(input, init)), options.apiKey);
  }

  private async *pages<T extends z.ZodType>(item: T, path: string, query: Record<string, string | undefined> = {}): AsyncGenerator<z.infer<T>> {
    let cursor: string | null = null;
    do {
      const page: Page<z.infer<T>> = await this.http.json(pageSchema(item), withQuery(path, { ...query, limit: 500, cursor }));
      yield* page.items;
      cursor = page.nextCursor;
    } while (cursor);
  }

  projects() {
    return this.pages(ProjectSummarySchema, apiPaths.projects());
  }

  collections(project: string, options: { type?: string; state?: 'READY' | 'DELETED' } = {}) {
    return this.pages(CollectionSchema, apiPaths.collections(parseProjectPath(project)), options);
  }

  collection(project: string, name: string) {
    return this.http.json(CollectionSchema, apiPaths.collection(parseProjectPath(project), name));
  }

  /** Every version of a collection, newest first (the seed's `api.artifact_versions`). */
  async *versions(project: string, collection: string, options: { state?: VersionStateFilter } = {}): AsyncGenerator<Artifact> {
    for await (const version of this.pages(VersionSchema, apiPaths.versions(parseProjectPath(project), collection), options))
      yield new Artifact(this.http, version);
  }

  async artifact(project: string, collection: string, version: string): Promise<Artifact> {
    return new Artifact(this.http, await this.http.json(VersionSchema, apiPaths.version(parseProjectPath(project), collection, version)));
  }

  files(project: string, collection: string, version: string) {
    return this.pages(FileEntrySchema, apiPaths.files(parseProjectPath(project), collection, version));
  }

  async download(project: string, collection: string, version: string, path: string): Promise<Uint8Array> {
    const res = await this.http.raw(apiPaths.file(parseProjectPath(project), collection, version, path));
    return new Uint8Array(await res.arrayBuffer());
  }

  /** The versions a run logged (the seed's `api.run(path).logged_artifacts()`). */
  async *loggedArtifacts(project: string, runId: string, options: { state?: VersionStateFilter } = {}): AsyncGenerator<Artifact> {
    for await (const version of this.pages(VersionSchema, apiPaths.loggedArtifacts(parseProjectPath(project), runId), options))
      yield new Artifact(this.http, version);
  }

  /** Logs a version: sends the manifest, uploads only the blobs the server lacks, commits. */
  async log(project: string, request: { type: string; name: string; aliases?: string[]; runId?: string; files: LocalFile[] }): Promise<Artifact> {
    const ref = parseProjectPath(project);
    const files = await Promise.all(request.files.map(async (f) => ({ ...f, digest: await sha256(f.bytes) })));
    const body = {
      type: request.type,
      name: request.name,
      aliases: request.aliases,
      runId: request.runId,
      files: files.map((f) => ({ path: f.path, digest: f.digest, sizeBytes: f.bytes.byteLength })),
    };
    const logged = await this.http.json(LogVersionResponseSchema, apiPaths.artifacts(ref), { method: 'POST', body });
    if (logged.missingDigests.length === 0) return new Artifact(this.http, logged.version);
    for (const digest of logged.missingDigests) {
      const file = files.find((f) => f.digest === digest)!;
      const res = await this.http.raw(apiPaths.blob(ref, digest), { method: 'PUT', body: file.bytes, headers: { 'content-type': 'application/octet-stream' } });
      BlobUploadResponseSchema.parse(await res.json());
    }
    return new Artifact(this.http, await this.http.json(VersionSchema, apiPaths.commit(ref, logged.version.id), { method: 'POST' }));
  }

  previewVersionDeletion(project: string, collection: string, version: string) {
    return this.http.json(DeletionPreviewSchema, deletionPaths.versionPreview(parseProjectPath(project), collection, version));
  }

  previewCollectionDeletion(project: string, collection: string) {
    return this.http.json(DeletionPreviewSchema, deletionPaths.collectionPreview(parseProjectPath(project), collection));
  }

  /** Soft-deletes a whole collection (the seed's `api.artifact_collection(...).delete()`). */
  deleteCollection(project: string, collection: string) {
    return this.http.json(CollectionDeleteResponseSchema, apiPaths.collection(parseProjectPath(project), collection), { method: 'DELETE' });
  }

  /** Undoes a collection delete: the versions it took come back, unless already garbage-collected. */
  restoreCollection(project: string, collection: string) {
    return this.http.json(CollectionRestoreResponseSchema, deletionPaths.collectionRestore(parseProjectPath(project), collection), { method: 'POST' });
  }

  /** Moves an alias to another version of the collection (`to`: `vN` or an alias); answers the version that holds it now. */
  async moveAlias(project: string, collection: string, alias: string, to: string): Promise<Artifact> {
    return new Artifact(
      this.http,
      await this.http.json(VersionSchema, deletionPaths.moveAlias(parseProjectPath(project), collection, alias), { method: 'POST', body: { to } }),
    );
  }

  /** The project's settings (its default TTL). */
  projectSettings(project: string) {
    return this.http.json(ProjectSettingsSchema, deletionPaths.settings(parseProjectPath(project)));
  }

  /** What a default TTL of `days` (null: none) would expire right now, before setting it. */
  previewDefaultTtl(project: string, days: number | null) {
    return this.http.json(TtlPreviewSchema, deletionPaths.ttlPreview(parseProjectPath(project), days));
  }

  /** Deletes many versions in one request; each item succeeds or fails on its own. */
  bulkDelete(project: string, items: BulkRequest['items'], options: { deleteAliases?: boolean } = {}) {
    return this.http.json(BulkResultSchema, deletionPaths.bulkDelete(parseProjectPath(project)), {
      method: 'POST',
      body: { items, deleteAliases: options.deleteAliases },
    });
  }

  bulkRestore(project: string, items: BulkRequest['items']) {
    return this.http.json(BulkResultSchema, deletionPaths.bulkRestore(parseProjectPath(project)), { method: 'POST', body: { items } });
  }

  /**
   * Soft-deletes every version of the project that matches `filter` (every field given must hold),
   * as one deletion job on the server: with `dryRun`, what it would do; else the job once it has
   * ended, refusals included (`onProgress` hears of it meanwhile; `signal` cancels it).
   */
  deleteVersions(project: string, filter: DeletionJobFilter, options: DryRunOptions): Promise<DeletionDryRun>;
  deleteVersions(project: string, filter: DeletionJobFilter, options?: RunOptions): Promise<DeletionJob>;
  async deleteVersions(project: string, filter: DeletionJobFilter, options: DeletionJobOptions = {}): Promise<DeletionJob | DeletionDryRun> {
    return runDeletionJob(this.http, parseProjectPath(project), 'delete', filter, options);
  }

  /** Restores every version pending deletion that matches `filter` (alias conditions look at the aliases their deletion removed), as `deleteVersions` deletes. */
  restoreVersions(project: string, filter: DeletionJobFilter, options: Omit<DryRunOptions, 'deleteAliases'>): Promise<DeletionDryRun>;
  restoreVersions(project: string, filter: DeletionJobFilter, options?: Omit<RunOptions, 'deleteAliases'>): Promise<DeletionJob>;
  async restoreVersions(
    project: string,
    filter: DeletionJobFilter,
    options: Omit<DeletionJobOptions, 'deleteAliases'> = {},
  ): Promise<DeletionJob | DeletionDryRun> {
    return runDeletionJob(this.http, parseProjectPath(project), 'restore', filter, options);
  }

  /** Creates a deletion job and answers it queued, without waiting (poll it with `deletionJob`). */
  startDeletionJob(project: string, action: DeletionJobAction, filter: DeletionJobFilter, options: { deleteAliases?: boolean } = {}) {
    return startDeletionJob(this.http, parseProjectPath(project), action, filter, options.deleteAliases);
  }

  deletionJob(project: string, id: string) {
    return readDeletionJob(this.http, parseProjectPath(project), id);
  }

  /** Stops a queued or running job before its next batch; what was done stays done. */
  cancelDeletionJob(project: string, id: string) {
    return cancelDeletionJob(this.http, parseProjectPath(project), id);
  }

  pendingDeletion(project: string, options: { cursor?: string; limit?: number } = {}) {
    return this.http.json(PendingDeletionPageSchema, withQuery(deletionPaths.pending(parseProjectPath(project)), options));
  }

  gcStatus() {
    return this.http.json(GcStatusSchema, deletionPaths.gc());
  }

  /** Starts a garbage-collection run; with `wait`, polls until it has finished. */
  async runGc(options: { dryRun: boolean; wait?: boolean; pollMs?: number }): Promise<GcRun> {
    let run = await this.http.json(GcRunSchema, deletionPaths.gcRuns(), { method: 'POST', body: { dryRun: options.dryRun } });
    while (options.wait && run.status === 'running') {
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 250));
      run = await this.http.json(GcRunSchema, deletionPaths.gcRun(run.id));
    }
    return run;
  }
}
