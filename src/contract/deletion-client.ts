/**
 * What the deletion and garbage-collection cases share: the calls they make, and the cases that
 * need a backend of their own. Garbage collection is global (every entity, every project), so a
 * GC case on a shared backend would purge, and count, the data of every other case.
 */
import { expect } from 'vitest';
import { apiPaths, deletionPaths, withQuery, type ProjectRef } from '../domain/api-paths';
import { CollectionDeleteResponseSchema, CollectionRestoreResponseSchema, DeletionPreviewSchema } from '../domain/deletion';
import { GcRunSchema, GcStatusSchema, type GcRun } from '../domain/gc';
import { CollectionSchema, VersionSchema, type Collection, type Version } from '../domain/schemas';
import { expectJson, getJson, sendJson, testFile, type ContractTarget, type TestFile } from './client';

/** The garbage-collection settings a case needs its fresh backend to have. */
export interface GcSettings {
  enabled: boolean;
  /** GC_GRACE_SECONDS on the server, `gc.graceSeconds` in the mock. */
  graceSeconds: number;
}

/** A case run on a fresh, empty backend built with its own GC settings. */
export interface IsolatedContractCase {
  name: string;
  gc: GcSettings;
  /** A clock that stands still at this time (ms): everything the case does happens in the same instant. */
  frozenAt?: number;
  run(target: ContractTarget): Promise<void>;
}

/** A file of exactly `sizeBytes` bytes (at least 16), unique to this call: byte figures then add up unambiguously. */
export function sizedFile(path: string, sizeBytes: number): TestFile {
  const unique = testFile(path).digest.slice(0, 16);
  return testFile(path, unique.padEnd(sizeBytes, '.'));
}

/** `DELETE .../versions/:version`, `?deleteAliases=true` when asked. */
export function deleteVersionRequest(target: ContractTarget, ref: ProjectRef, collection: string, version: string, deleteAliases = false): Promise<Response> {
  const path = apiPaths.version(ref, collection, version);
  return target.fetch(deleteAliases ? withQuery(path, { deleteAliases: true }) : path, { method: 'DELETE' });
}

/** Deletes a version, expecting `200`; returns it (PENDING_DELETION). */
export async function deleteVersion(target: ContractTarget, ref: ProjectRef, collection: string, version: string, deleteAliases = false): Promise<Version> {
  return expectJson(await deleteVersionRequest(target, ref, collection, version, deleteAliases), VersionSchema, 200);
}

/** `POST .../versions/:version/restore`. */
export function restoreRequest(target: ContractTarget, ref: ProjectRef, collection: string, version: string): Promise<Response> {
  return target.fetch(deletionPaths.restore(ref, collection, version), { method: 'POST' });
}

/** Restores a version, expecting `200`. */
export async function restoreVersion(target: ContractTarget, ref: ProjectRef, collection: string, version: string): Promise<Version> {
  return expectJson(await restoreRequest(target, ref, collection, version), VersionSchema, 200);
}

/** `DELETE .../collections/:collection`, expecting `200`. */
export async function deleteCollection(target: ContractTarget, ref: ProjectRef, collection: string) {
  return expectJson(await target.fetch(apiPaths.collection(ref, collection), { method: 'DELETE' }), CollectionDeleteResponseSchema, 200);
}

/** `POST .../collections/:collection/restore`. */
export function restoreCollectionRequest(target: ContractTarget, ref: ProjectRef, collection: string): Promise<Response> {
  return target.fetch(deletionPaths.collectionRestore(ref, collection), { method: 'POST' });
}

/** Undoes a collection delete, expecting `200`. */
export async function restoreCollection(target: ContractTarget, ref: ProjectRef, collection: string) {
  return expectJson(await restoreCollectionRequest(target, ref, collection), CollectionRestoreResponseSchema, 200);
}

export const getCollection = (target: ContractTarget, ref: ProjectRef, collection: string): Promise<Collection> =>
  getJson(target, apiPaths.collection(ref, collection), CollectionSchema);

export const getVersion = (target: ContractTarget, ref: ProjectRef, collection: string, version: string): Promise<Version> =>
  getJson(target, apiPaths.version(ref, collection, version), VersionSchema);

export const versionPreview = (target: ContractTarget, ref: ProjectRef, collection: string, version: string) =>
  getJson(target, deletionPaths.versionPreview(ref, collection, version), DeletionPreviewSchema);

export const collectionPreview = (target: ContractTarget, ref: ProjectRef, collection: string) =>
  getJson(target, deletionPaths.collectionPreview(ref, collection), DeletionPreviewSchema);

export const gcStatus = (target: ContractTarget) => getJson(target, deletionPaths.gc(), GcStatusSchema);

/** `POST /gc/runs`: a finished dry run is `200`. */
export async function dryRun(target: ContractTarget): Promise<GcRun> {
  return expectJson(await sendJson(target, 'POST', deletionPaths.gcRuns(), { dryRun: true }), GcRunSchema, 200);
}

/**
 * Starts a real run and waits for it. The contract: `202` with the run while it goes on, or `200`
 * with the run already finished (the server answers the first, the mock the second). The status
 * code must say which: `202` if and only if the returned run is `running`, `200` if and only if it
 * has finished (with its `finishedAt`).
 */
export async function runToEnd(target: ContractTarget): Promise<GcRun> {
  const response = await sendJson(target, 'POST', deletionPaths.gcRuns(), { dryRun: false });
  let run = GcRunSchema.parse(await response.json());
  expect(run.dryRun).toBe(false);
  if (run.status === 'running') {
    expect(response.status).toBe(202);
    expect(run.finishedAt).toBeNull();
  } else {
    expect(response.status).toBe(200);
    expect(run.finishedAt).not.toBeNull();
  }
  // Polled until it ends, however long a busy machine takes: a run that never ends fails the
  // test at its timeout, never an early deadline here.
  while (run.status === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 5));
    run = await getJson(target, deletionPaths.gcRun(run.id), GcRunSchema);
  }
  return run;
}
