/**
 * The mock backend's in-memory database. It behaves like the server for every route of the
 * contract (and docs/behaviour.md): browse, log, delete and restore, previews, garbage collection,
 * TTL policies, validation and error codes included, so the MSW handlers are thin adapters from HTTP to these methods.
 */
import type { ProjectRef } from '../../domain/api-paths';
import type { DeletionDryRun, DeletionJob } from '../../domain/deletion-jobs';
import type { BulkResult, CollectionDeleteResponse, CollectionRestoreResponse, DeletionPreview, PendingDeletionPage } from '../../domain/deletion';
import type { GcRun, GcStatus, ProjectStorage } from '../../domain/gc';
import type { RawVersionListQuery, VersionListPage } from '../../domain/version-list';
import type {
  ArtifactTypeSummary,
  Collection,
  FileEntry,
  LogVersionResponse,
  Page,
  ProjectSettings,
  ProjectSummary,
  RestoredVersion,
  TtlPreview,
  Version,
} from '../../domain/schemas';
import * as aliases from './aliases';
import * as browse from './browse';
import type { FileDownload, ListQuery } from './browse';
import * as deletion from './delete';
import * as deletionJobs from './deletion-jobs';
import * as gc from './gc';
import type { MockGcOptions } from './gc';
import * as log from './log';
import type { BlobUploadResult } from './log';
import * as preview from './preview';
import { createStore, type MockStore } from './store';
import * as ttl from './ttl';
import { createAuthState, type MockAuthState } from '../auth/state';

export type { BlobUploadResult, FileDownload, ListQuery, MockGcOptions };

export interface MockDbOptions {
  /** The clock, in ms since the epoch: inject one to make timestamps deterministic. Defaults to `Date.now`. */
  now?: () => number;
  /** Garbage-collection settings, as the server's environment sets them; defaults as the server's. */
  gc?: Partial<MockGcOptions>;
  /**
   * Unset: a deletion job runs to its end when created. A number: each read of a job runs one batch
   * of that many versions, so a test sees it queued, then running, then finished.
   */
  jobBatchSize?: number;
}

/** The mock database: every method validates its raw input and throws `ApiError` as the server answers. */
export interface MockDb {
  now: () => number;
  /** Accounts, the session, roles, protected aliases and the audit log (src/mocks/auth); starts signed in as the site admin `admin`. */
  auth: MockAuthState;
  /** `visible` hides the projects of entities the caller holds no role on. */
  listProjects(query?: ListQuery, visible?: (entity: string) => boolean): Page<ProjectSummary>;
  listTypes(ref: ProjectRef): Page<ArtifactTypeSummary>;
  listCollections(ref: ProjectRef, query?: ListQuery & { type?: string | null; state?: string | null }): Page<Collection>;
  getCollection(ref: ProjectRef, collection: string): Collection;
  listVersions(ref: ProjectRef, collection: string, query?: ListQuery & RawVersionListQuery): VersionListPage;
  getVersion(ref: ProjectRef, collection: string, version: string): Version;
  listFiles(ref: ProjectRef, collection: string, version: string, query?: ListQuery): Page<FileEntry>;
  readFile(ref: ProjectRef, collection: string, version: string, path: string): FileDownload;
  listLoggedArtifacts(ref: ProjectRef, runId: string, query?: ListQuery & { state?: string | null }): Page<Version>;
  /** `at` overrides the clock, so the demo seed can log versions in the past through this same path. */
  logVersion(ref: ProjectRef, body: unknown, at?: number): LogVersionResponse;
  putBlob(ref: ProjectRef, digest: string, bytes: Uint8Array): BlobUploadResult;
  commitVersion(ref: ProjectRef, id: string, at?: number): Version;
  /** `deleteAliases` is the raw query value (`null` when absent), checked as the server checks it. */
  deleteVersion(ref: ProjectRef, collection: string, version: string, deleteAliases?: string | null): Version;
  restoreVersion(ref: ProjectRef, collection: string, version: string): RestoredVersion;
  deleteCollection(ref: ProjectRef, collection: string): CollectionDeleteResponse;
  restoreCollection(ref: ProjectRef, collection: string): CollectionRestoreResponse;
  previewVersionDeletion(ref: ProjectRef, collection: string, version: string): DeletionPreview;
  previewCollectionDeletion(ref: ProjectRef, collection: string): DeletionPreview;
  listPendingDeletion(ref: ProjectRef, query?: ListQuery): PendingDeletionPage;
  bulkDelete(ref: ProjectRef, body: unknown): BulkResult;
  bulkRestore(ref: ProjectRef, body: unknown): BulkResult;
  projectStorage(ref: ProjectRef): ProjectStorage;
  /** `POST .../deletion-jobs` with the raw body: a dry run's figures, or the job (run at once). */
  createDeletionJob(ref: ProjectRef, body: unknown): { dryRun: DeletionDryRun } | { job: DeletionJob };
  getDeletionJob(ref: ProjectRef, id: string): DeletionJob;
  cancelDeletionJob(ref: ProjectRef, id: string): DeletionJob;
  /** `POST .../deletion-jobs/:id/undo`: the job of the opposite action over what this one did. */
  undoDeletionJob(ref: ProjectRef, id: string): DeletionJob;
  gcStatus(): GcStatus;
  startGcRun(body: unknown): GcRun;
  listGcRuns(query?: ListQuery): Page<GcRun>;
  getGcRun(id: string): GcRun;
  /** `PUT .../versions/:version/ttl` with the raw body. */
  setVersionTtl(ref: ProjectRef, collection: string, version: string, body: unknown): Version;
  /** `PUT .../settings` with the raw body. */
  setProjectSettings(ref: ProjectRef, body: unknown): ProjectSettings;
  /** `GET .../settings`. */
  getProjectSettings(ref: ProjectRef): ProjectSettings;
  /** `GET .../settings/ttl-preview` with the raw `defaultTtlDays` query value. */
  previewDefaultTtl(ref: ProjectRef, defaultTtlDays: string | null): TtlPreview;
  /** `PUT .../versions/:version/aliases` with the raw body. */
  setVersionAliases(ref: ProjectRef, collection: string, version: string, body: unknown): Version;
  /** `POST .../collections/:collection/aliases/:alias/move` with the raw body. */
  moveAlias(ref: ProjectRef, collection: string, alias: string, body: unknown): Version;
  /**
   * One pass of the server's TTL scanner, at the db's clock: soft-deletes every COMMITTED version
   * whose `expiresAt` has passed (`deletedBy: "ttl"`, aliases removed). Returns how many. No route
   * reaches it and the mock never schedules it: tests, or a dev tool, call it.
   */
  expireVersions(): number;
}

/** Each db's state, so `forkMockDb` can copy it; the MockDb interface itself exposes none of it. */
const stateOf = new WeakMap<MockDb, { store: MockStore; gcState: gc.MockGcState; auth: MockAuthState }>();

/** An empty mock database. */
export function createMockDb(options: MockDbOptions = {}): MockDb {
  const now = options.now ?? (() => Date.now());
  const store = createStore();
  store.jobBatchSize = options.jobBatchSize ?? null;
  return dbOver(now, store, gc.createGcState(options.gc, now()), createAuthState(now()));
}

/**
 * A new, independent db holding a deep copy of `source`'s whole state (projects, versions, blobs,
 * GC settings, runs and trash) and sharing its clock. Component tests seed the demo once per file
 * (about a second of hashing) and give every test its own fork, so no test sees another's changes.
 */
export function forkMockDb(source: MockDb): MockDb {
  const state = stateOf.get(source);
  if (!state) throw new Error('forkMockDb: not a db made by createMockDb');
  // One structuredClone call for both, so objects shared between them stay shared in the copy
  // (a version sits in its collection, its project's maps and the references index at once).
  const copy = structuredClone(state);
  return dbOver(source.now, copy.store, copy.gcState, copy.auth);
}

function dbOver(now: () => number, store: MockStore, gcState: gc.MockGcState, auth: MockAuthState): MockDb {
  const db: MockDb = {
    now,
    auth,
    listProjects: (query = {}, visible = () => true) => browse.listProjects(store, query, visible),
    listTypes: (ref) => browse.listTypes(store, ref),
    listCollections: (ref, query = {}) => browse.listCollections(store, ref, query),
    getCollection: (ref, collection) => browse.getCollection(store, ref, collection),
    listVersions: (ref, collection, query = {}) => browse.listVersions(store, ref, collection, query),
    getVersion: (ref, collection, version) => browse.getVersion(store, ref, collection, version),
    listFiles: (ref, collection, version, query = {}) => browse.listFiles(store, ref, collection, version, query),
    readFile: (ref, collection, version, path) => browse.readFile(store, ref, collection, version, path),
    listLoggedArtifacts: (ref, runId, query = {}) => browse.listLoggedArtifacts(store, ref, runId, query),
    logVersion: (ref, body, at = now()) => log.logVersion(store, ref, body, at),
    putBlob: (ref, digest, bytes) => log.putBlob(store, ref, digest, bytes),
    commitVersion: (ref, id, at = now()) => log.commitVersion(store, ref, id, at),
    deleteVersion: (ref, collection, version, deleteAliases = null) => {
      // The flag is read before the path is looked up, as on the server.
      const flag = deletion.parseDeleteAliases(deleteAliases);
      return deletion.deleteVersion(store, ref, { collection, version }, flag, now());
    },
    restoreVersion: (ref, collection, version) => deletion.restoreVersion(store, ref, { collection, version }, now()),
    deleteCollection: (ref, collection) => deletion.deleteCollection(store, ref, collection, now()),
    restoreCollection: (ref, collection) => deletion.restoreCollection(store, ref, collection, now()),
    previewVersionDeletion: (ref, collection, version) => preview.previewVersionDeletion(store, ref, collection, version),
    previewCollectionDeletion: (ref, collection) => preview.previewCollectionDeletion(store, ref, collection),
    listPendingDeletion: (ref, query = {}) => preview.listPendingDeletion(store, gcState, ref, query, now()),
    bulkDelete: (ref, body) => deletion.runBulk(store, ref, body, 'delete', now()),
    bulkRestore: (ref, body) => deletion.runBulk(store, ref, body, 'restore', now()),
    projectStorage: (ref) => preview.projectStorage(store, gcState, ref),
    createDeletionJob: (ref, body) => deletionJobs.createDeletionJob(store, ref, body, now()),
    getDeletionJob: (ref, id) => deletionJobs.getDeletionJob(store, ref, id, now()),
    cancelDeletionJob: (ref, id) => deletionJobs.cancelDeletionJob(store, ref, id, now()),
    undoDeletionJob: (ref, id) => deletionJobs.undoDeletionJob(store, ref, id, now()),
    gcStatus: () => gc.gcStatus(store, gcState, now()),
    startGcRun: (body) => gc.startGcRun(store, gcState, body, now()),
    listGcRuns: (query = {}) => gc.listGcRuns(gcState, query),
    getGcRun: (id) => gc.getGcRun(gcState, id),
    setVersionTtl: (ref, collection, version, body) => ttl.setVersionTtl(store, ref, { collection, version }, body),
    setProjectSettings: (ref, body) => ttl.setProjectSettings(store, ref, body),
    getProjectSettings: (ref) => ttl.getProjectSettings(store, ref),
    previewDefaultTtl: (ref, days) => ttl.previewDefaultTtl(store, ref, days, now()),
    setVersionAliases: (ref, collection, version, body) => aliases.setVersionAliases(store, ref, { collection, version }, body, now()),
    moveAlias: (ref, collection, alias, body) => aliases.moveAlias(store, ref, collection, alias, body, now()),
    expireVersions: () => ttl.expireVersions(store, now()),
  };
  stateOf.set(db, { store, gcState, auth });
  return db;
}
