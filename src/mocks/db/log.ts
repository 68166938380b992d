/** Logging a version: `POST .../artifacts`, `PUT .../blobs/:digest`, `POST .../artifacts/:id/commit`. */
import type { ProjectRef } from '../../domain/api-paths';
import { ApiError, errors } from '../../domain/errors';
import { manifestText } from '../../domain/manifest';
import { DIGEST_PATTERN, LATEST_ALIAS } from '../../domain/names';
import type { FileEntry, LogVersionRequest, LogVersionResponse, Version } from '../../domain/schemas';
import { sha256Hex } from '../../domain/sha256';
import { declaredSizes, storedSizeMismatches, validateLogRequest } from '../../domain/log-request';
import { requireName } from '../../domain/validate';
import type { BlobStore, CollectionRecord, ProjectRecord, VersionRecord } from './records';
import { toVersion } from './serialize';
import { addCollection, addReferences, blobStoreOf, ensureProject, requireProject, setVersionState, type MockStore } from './store';

/** `PUT .../blobs/:digest` answer. */
export interface BlobUploadResult {
  digest: string;
  sizeBytes: number;
  deduplicated: boolean;
}

/** Logs a version: PENDING with the digests still to upload, or COMMITTED at once when nothing is missing. */
export function logVersion(store: MockStore, ref: ProjectRef, body: unknown, at: number): LogVersionResponse {
  // Same order as the server: the body first, then the names in the path, then conflicts with stored state.
  const request = validateLogRequest(body);
  requireProjectNames(ref);
  const existing = store.projects.get(`${ref.entity}/${ref.project}`)?.collections.get(request.name);
  if (existing && existing.type !== request.type) {
    throw new ApiError(
      409,
      'TYPE_MISMATCH',
      `Collection "${request.name}" already holds ${existing.type} artifacts, not ${request.type}; use another name or type "${existing.type}".`,
      { collection: request.name, existingType: existing.type, requestedType: request.type },
    );
  }
  const blobs = blobStoreOf(store, ref.entity);
  checkSizes(request.files, blobs);
  const missingDigests = findMissingDigests(request.files, blobs);

  const project = ensureProject(store, ref);
  const collection = existing ?? addCollection(project, request.type, request.name, at);
  const version = addPendingVersion(store, project, collection, request, at);
  if (missingDigests.length === 0) commitPending(collection, version, at);
  return { version: toVersion(version), missingDigests };
}

/**
 * Stores a blob under the entity after checking that the bytes hash to `digest`. Like the server,
 * it needs no project to exist: storage is per entity.
 */
export function putBlob(store: MockStore, ref: ProjectRef, digest: string, bytes: Uint8Array): BlobUploadResult {
  requireProjectNames(ref);
  if (!DIGEST_PATTERN.test(digest)) throw errors.invalidDigest(digest);
  const actualDigest = sha256Hex(bytes);
  if (actualDigest !== digest) {
    throw new ApiError(400, 'DIGEST_MISMATCH', `The uploaded bytes hash to ${actualDigest}, not ${digest}; the upload was discarded.`, {
      expected: digest,
      actual: actualDigest,
    });
  }
  const blobs = blobStoreOf(store, ref.entity);
  const stored = blobs.get(digest);
  if (stored) return { digest, sizeBytes: stored.length, deduplicated: true };
  // Copy: the caller's buffer may be reused or detached after the request.
  blobs.set(digest, bytes.slice());
  return { digest, sizeBytes: bytes.length, deduplicated: false };
}

/** Commits a PENDING version once all its blobs are stored; any other state is returned unchanged. */
export function commitVersion(store: MockStore, ref: ProjectRef, id: string, at: number): Version {
  requireProjectNames(ref);
  const project = requireProject(store, ref);
  const version = project.versionsById.get(id);
  if (!version) throw new ApiError(404, 'VERSION_NOT_FOUND', `No version with id ${id} in ${ref.entity}/${ref.project}.`, { id });
  if (version.state !== 'PENDING') return toVersion(version);
  // Sizes were declared before the blobs existed: a blob counts only with its stored size.
  checkSizes(version.files, blobStoreOf(store, ref.entity));
  const missingDigests = findMissingDigests(version.files, blobStoreOf(store, ref.entity));
  if (missingDigests.length > 0) {
    throw new ApiError(
      409,
      'MISSING_BLOBS',
      `${missingDigests.length} of this version's files have not been uploaded yet; upload them with PUT .../blobs/:digest, then commit again.`,
      { missingDigests },
    );
  }
  const collection = project.collections.get(version.collection)!;
  commitPending(collection, version, at);
  return toVersion(version);
}

function requireProjectNames(ref: ProjectRef): void {
  requireName('entity', ref.entity);
  requireName('project', ref.project);
}

/** `400 SIZE_MISMATCH` when one digest is given two sizes, then when a stored blob of a digest has another size. */
function checkSizes(files: readonly FileEntry[], blobs: BlobStore): void {
  declaredSizes(files);
  const mismatch = storedSizeMismatches(files, (digest) => blobs.get(digest)?.length);
  if (mismatch) throw mismatch;
}

/** Digests not stored under the entity, unique, in order of first appearance. */
function findMissingDigests(files: readonly FileEntry[], blobs: BlobStore): string[] {
  const missing = new Set<string>();
  for (const file of files) if (!blobs.has(file.digest)) missing.add(file.digest);
  return [...missing];
}

function addPendingVersion(store: MockStore, project: ProjectRecord, collection: CollectionRecord, request: LogVersionRequest, at: number): VersionRecord {
  const files = request.files
    .map((f) => ({ path: f.path, digest: f.digest, sizeBytes: f.sizeBytes }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const seq = store.nextSeq++;
  const version: VersionRecord = {
    id: `mock-${seq.toString(36).padStart(6, '0')}`,
    seq,
    entity: project.entity,
    project: project.project,
    type: collection.type,
    collection: collection.name,
    index: null,
    aliases: new Set(),
    requestedAliases: request.aliases ?? [],
    state: 'PENDING',
    files,
    sizeBytes: files.reduce((sum, f) => sum + f.sizeBytes, 0),
    digest: sha256Hex(manifestText(files)),
    createdAt: at,
    runId: request.runId ?? null,
    deletedAt: null,
    deletedBy: null,
    deletionId: null,
    deletedAliases: [],
    ttlMode: 'inherit',
    ttlDays: null,
    projectSettings: project.settings,
  };
  collection.pending.push(version);
  project.versionsById.set(version.id, version);
  addReferences(store, version);
  if (version.runId !== null) {
    const runVersions = project.runs.get(version.runId) ?? [];
    runVersions.push(version);
    project.runs.set(version.runId, runVersions);
  }
  reviveCollection(collection);
  collection.updatedAt = at;
  return version;
}

/** Gives a PENDING version the next index, and moves `latest` and its requested aliases to it. */
function commitPending(collection: CollectionRecord, version: VersionRecord, at: number): void {
  collection.pending.splice(collection.pending.indexOf(version), 1);
  version.index = collection.indexed.length;
  collection.indexed.push(version);
  setVersionState(collection, version, 'COMMITTED', at);
  for (const alias of [LATEST_ALIAS, ...version.requestedAliases]) {
    collection.aliases.get(alias)?.aliases.delete(alias);
    collection.aliases.set(alias, version);
    version.aliases.add(alias);
  }
  reviveCollection(collection);
}

/** Logging into (or committing in) a DELETED collection makes it READY again. */
function reviveCollection(collection: CollectionRecord): void {
  collection.state = 'READY';
  collection.deletedAt = null;
  collection.deletedBy = null;
}
