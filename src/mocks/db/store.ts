/** The mock database's state, its lookups (with the contract's 404s) and the one place version states change. */
import type { ProjectRef } from '../../domain/api-paths';
import { errors } from '../../domain/errors';
import { parseVersionLabel } from '../../domain/names';
import type { VersionState } from '../../domain/schemas';
import { requireName } from '../../domain/validate';
import type { MockJobRecord } from './deletion-jobs';
import { insertSorted } from './paging';
import type { BlobStore, CollectionRecord, ProjectRecord, VersionRecord } from './records';

export interface MockStore {
  /** entity -> its blobs: content uploaded under one entity is invisible to every other. */
  blobs: Map<string, BlobStore>;
  projects: Map<string, ProjectRecord>;
  /** Every project, sorted by (entity, project). */
  projectList: ProjectRecord[];
  /** entity -> digest -> the versions (any state) whose files reference it, each once: the reclaim rule's index. */
  references: Map<string, Map<string, VersionRecord[]>>;
  nextSeq: number;
  /** Deletion jobs by id, each with the project it belongs to (`entity/project`) and its versions. */
  deletionJobs: Map<string, MockJobRecord>;
  /** null: a job runs to its end when created; a number: one batch of that many versions per read of the job. */
  jobBatchSize: number | null;
}

/** An empty store. */
export function createStore(): MockStore {
  return { blobs: new Map(), projects: new Map(), projectList: [], references: new Map(), nextSeq: 1, deletionJobs: new Map(), jobBatchSize: null };
}

// Names cannot contain "/", so this key is unambiguous.
const projectKey = (ref: ProjectRef) => `${ref.entity}/${ref.project}`;

/** The project, or `404 PROJECT_NOT_FOUND`. */
export function requireProject(store: MockStore, ref: ProjectRef): ProjectRecord {
  const project = store.projects.get(projectKey(ref));
  if (!project) throw errors.projectNotFound(ref.entity, ref.project);
  return project;
}

/** The project, created empty if logging is the first thing that happens to it. */
export function ensureProject(store: MockStore, ref: ProjectRef): ProjectRecord {
  const existing = store.projects.get(projectKey(ref));
  if (existing) return existing;
  const project: ProjectRecord = {
    entity: ref.entity,
    project: ref.project,
    collections: new Map(),
    collectionNames: [],
    versionsById: new Map(),
    runs: new Map(),
    settings: { defaultTtlDays: null },
  };
  store.projects.set(projectKey(ref), project);
  insertSorted(store.projectList, project, (p) => [p.entity, p.project]);
  return project;
}

/** The collection, or `404 COLLECTION_NOT_FOUND`. DELETED collections are still found. */
export function requireCollection(project: ProjectRecord, name: string): CollectionRecord {
  const collection = project.collections.get(name);
  if (!collection) throw errors.collectionNotFound(name);
  return collection;
}

/** A new empty READY collection (the caller has checked the name is free). */
export function addCollection(project: ProjectRecord, type: string, name: string, at: number): CollectionRecord {
  const collection: CollectionRecord = {
    entity: project.entity,
    project: project.project,
    type,
    name,
    state: 'READY',
    indexed: [],
    pending: [],
    aliases: new Map(),
    versionCount: 0,
    pendingDeletionCount: 0,
    committedBlobs: new Map(),
    sizeBytes: 0,
    updatedAt: at,
    deletedAt: null,
    deletedBy: null,
    deletionId: null,
  };
  project.collections.set(name, collection);
  insertSorted(project.collectionNames, name, (n) => [n]);
  return collection;
}

/** A version by `vN` (any state, tombstones included) or by alias, or `404 VERSION_NOT_FOUND`. */
export function resolveVersion(collection: CollectionRecord, ref: string): VersionRecord {
  const index = parseVersionLabel(ref);
  // Anything but `vN` must at least be a valid name (`400 INVALID_NAME`), as on the server.
  const version = index === null ? collection.aliases.get(requireName('version', ref)) : collection.indexed[index];
  if (!version) throw errors.versionNotFound(collection.name, ref);
  return version;
}

/** The blob store of an entity, created on first use. */
export function blobStoreOf(store: MockStore, entity: string): BlobStore {
  let blobs = store.blobs.get(entity);
  if (!blobs) {
    blobs = new Map();
    store.blobs.set(entity, blobs);
  }
  return blobs;
}

/** Records which blobs a newly logged version references (its files never change afterwards). */
export function addReferences(store: MockStore, version: VersionRecord): void {
  let byDigest = store.references.get(version.entity);
  if (!byDigest) {
    byDigest = new Map();
    store.references.set(version.entity, byDigest);
  }
  for (const digest of new Set(version.files.map((f) => f.digest))) {
    const versions = byDigest.get(digest);
    if (versions) versions.push(version);
    else byDigest.set(digest, [version]);
  }
}

/** Every version of the entity, in any state, whose files reference the digest. */
export function referencesOf(store: MockStore, entity: string, digest: string): readonly VersionRecord[] {
  return store.references.get(entity)?.get(digest) ?? [];
}

/** Every version of the db, in any state. */
export function* allVersions(store: MockStore): Generator<VersionRecord> {
  for (const project of store.projectList) yield* project.versionsById.values();
}

/** The collection a version belongs to. */
export function collectionOf(store: MockStore, version: VersionRecord): CollectionRecord {
  return store.projects.get(projectKey(version))!.collections.get(version.collection)!;
}

/**
 * Moves a version to another state and keeps the collection's counters in step, so reading a
 * collection never scans its versions. Every state change goes through here. `touch: false`
 * leaves `updatedAt` alone: the server's garbage collection purges without stamping collections.
 */
export function setVersionState(collection: CollectionRecord, version: VersionRecord, state: VersionState, at: number, touch = true): void {
  if (version.state === state) return;
  countVersion(collection, version, -1);
  version.state = state;
  countVersion(collection, version, +1);
  if (touch) collection.updatedAt = at;
}

function countVersion(collection: CollectionRecord, version: VersionRecord, sign: 1 | -1): void {
  if (version.state === 'PENDING_DELETION') collection.pendingDeletionCount += sign;
  if (version.state !== 'COMMITTED') return;
  collection.versionCount += sign;
  for (const file of version.files) {
    const blob = collection.committedBlobs.get(file.digest) ?? { refs: 0, sizeBytes: file.sizeBytes };
    blob.refs += sign;
    if (blob.refs === 0) {
      collection.committedBlobs.delete(file.digest);
      collection.sizeBytes -= blob.sizeBytes;
    } else if (blob.refs === 1 && sign === 1) {
      collection.committedBlobs.set(file.digest, blob);
      collection.sizeBytes += blob.sizeBytes;
    }
  }
}
