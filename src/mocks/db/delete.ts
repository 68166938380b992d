/**
 * Soft delete and restore, of one version, a whole collection or a bulk list, as the server's
 * `deletion/delete-version.ts`, `delete-collection.ts` and `bulk.ts` do them.
 */
import type { ProjectRef } from '../../domain/api-paths';
import { MOCK_ADMIN } from '../auth/state';
import { BulkRequestSchema, TTL_ACTOR, type BulkResult, type CollectionDeleteResponse, type CollectionRestoreResponse } from '../../domain/deletion';
import { aliasesPresent, alreadyGarbageCollected, parseBooleanFlag } from '../../domain/deletion-rules';
import { ApiError } from '../../domain/errors';
import { LATEST_ALIAS, sortAliases, versionLabel } from '../../domain/names';
import type { RestoredVersion, Version } from '../../domain/schemas';
import { parseBody } from '../../domain/validate';
import { findCollection } from './browse';
import type { CollectionRecord, VersionRecord } from './records';
import { toCollection, toVersion } from './serialize';
import { resolveVersion, setVersionState, type MockStore } from './store';

/** A version as the URL names it. */
export interface VersionAddress {
  collection: string;
  version: string;
}

/** `?deleteAliases=`, read as the server reads it. */
export const parseDeleteAliases = (value: string | null | undefined): boolean => parseBooleanFlag('deleteAliases', value);

/** One deletion act, as the server's `DeletionAct`: who, when, and the id it stamps on every version it takes. */
export interface DeletionAct {
  id: string;
  actor: string;
  at: number;
}

// Ids only need to differ from each other: a count across every mock db is enough.
let deletionActs = 0;

export function newDeletionAct(actor: string, at: number): DeletionAct {
  deletionActs++;
  return { id: `del_${deletionActs}`, actor, at };
}

/** `DELETE .../versions/:version`: `409 ALIASES_PRESENT` unless `deleteAliases`; deleting again changes nothing. A bulk request passes its one act. */
export function deleteVersion(
  store: MockStore,
  ref: ProjectRef,
  address: VersionAddress,
  deleteAliases: boolean,
  at: number,
  deletion = newDeletionAct(MOCK_ADMIN, at),
): Version {
  const { collection, version } = locate(store, ref, address);
  if (version.state === 'PENDING_DELETION' || version.state === 'DELETED') return toVersion(version);
  if (version.aliases.size > 0 && !deleteAliases) throw aliasesPresent(refused(version), [...version.aliases]);
  softDeleteVersion(collection, version, deletion);
  return toVersion(version);
}

/** `POST .../versions/:version/restore`: back to COMMITTED (PENDING if it never committed) with its aliases, those another version holds now named. */
export function restoreVersion(store: MockStore, ref: ProjectRef, address: VersionAddress, at: number): RestoredVersion {
  const { collection, version } = locate(store, ref, address);
  if (version.state === 'DELETED')
    throw alreadyGarbageCollected(refused(version), version.deletedAt === null ? null : new Date(version.deletedAt).toISOString());
  if (version.state !== 'PENDING_DELETION') return { ...toVersion(version), aliasesNotRestored: [], ttlDisabled: false };
  const outcome = undelete(collection, version, at);
  // Restoring one version of a DELETED collection makes it READY again.
  revive(collection);
  recomputeLatest(collection);
  return { ...toVersion(version), ...outcome };
}

/** `DELETE .../collections/:collection`: every PENDING or COMMITTED version goes, aliases with them; repeating deletes nothing. */
export function deleteCollection(store: MockStore, ref: ProjectRef, name: string, at: number): CollectionDeleteResponse {
  const collection = findCollection(store, ref, name);
  const live = [...collection.indexed, ...collection.pending].filter((v) => v.state === 'PENDING' || v.state === 'COMMITTED');
  // A collection already DELETED with nothing left to delete is not touched, not even its updatedAt.
  if (collection.state === 'READY' || live.length > 0) {
    // A collection already DELETED keeps its deletion: what this call takes joins it, as on the server.
    const act = newDeletionAct(MOCK_ADMIN, at);
    const deletion = collection.state === 'DELETED' && collection.deletionId !== null ? { ...act, id: collection.deletionId } : act;
    // Each version's aliases go with it (remembered for an undo); only live versions hold any.
    for (const version of live) softDelete(collection, version, deletion);
    collection.aliases.clear();
    if (collection.state === 'READY') {
      collection.deletedAt = at;
      collection.deletedBy = MOCK_ADMIN;
    }
    collection.deletionId = deletion.id;
    collection.state = 'DELETED';
    collection.updatedAt = at;
  }
  return { collection: toCollection(collection), versionsDeleted: live.length };
}

/**
 * `POST .../collections/:collection/restore`, as the server's `deletion/restore-collection.ts`:
 * the versions the collection delete took (they carry its deletion id) come back, to COMMITTED or
 * PENDING if they never committed; those garbage-collected since count as `versionsGone`; versions
 * deleted on their own before it stay deleted. A READY collection is answered as is, untouched.
 */
export function restoreCollection(store: MockStore, ref: ProjectRef, name: string, at: number): CollectionRestoreResponse {
  const collection = findCollection(store, ref, name);
  const deletionId = collection.deletionId;
  if (collection.state === 'READY' || deletionId === null)
    return { collection: toCollection(collection), versionsRestored: 0, versionsGone: 0, aliasesNotRestored: [] };
  const taken = [...collection.indexed, ...collection.pending].filter(
    (v) => v.deletionId === deletionId && (v.state === 'PENDING_DELETION' || v.state === 'DELETED'),
  );
  const restorable = taken.filter((v) => v.state === 'PENDING_DELETION');
  const aliasesNotRestored: CollectionRestoreResponse['aliasesNotRestored'] = [];
  for (const version of restorable) {
    const label = version.index === null ? null : versionLabel(version.index);
    for (const alias of undelete(collection, version, at).aliasesNotRestored) aliasesNotRestored.push({ version: label, alias });
  }
  revive(collection);
  // The server stamps updatedAt even when every version it took is gone.
  collection.updatedAt = at;
  recomputeLatest(collection);
  return { collection: toCollection(collection), versionsRestored: restorable.length, versionsGone: taken.length - restorable.length, aliasesNotRestored };
}

/**
 * `POST .../bulk-delete` and `.../bulk-restore`: each item succeeds or fails on its own, so one
 * blocked version never fails the rest. Unknown projects or bad names fail per item, as on the server.
 */
export function runBulk(store: MockStore, ref: ProjectRef, body: unknown, action: 'delete' | 'restore', at: number): BulkResult {
  const request = parseBody(BulkRequestSchema, body);
  // One request, one deletion act, as on the server.
  const deletion = newDeletionAct(MOCK_ADMIN, at);
  const results: BulkResult['results'] = request.items.map((item) => {
    try {
      const version =
        action === 'delete' ? deleteVersion(store, ref, item, request.deleteAliases ?? false, at, deletion) : restoreVersion(store, ref, item, at);
      return { ...item, ok: true, result: version, error: null };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return { ...item, ok: false, result: null, error: error.toBody().error };
    }
  });
  const succeeded = results.filter((r) => r.ok).length;
  return { results, succeeded, failed: results.length - succeeded };
}

/** Brings back one PENDING_DELETION version as a restore does (a deletion job's step). */
export function restoreRecord(collection: CollectionRecord, version: VersionRecord, at: number): void {
  undelete(collection, version, at);
  revive(collection);
  recomputeLatest(collection);
}

function locate(store: MockStore, ref: ProjectRef, address: VersionAddress): { collection: CollectionRecord; version: VersionRecord } {
  const collection = findCollection(store, ref, address.collection);
  return { collection, version: resolveVersion(collection, address.version) };
}

/**
 * Soft-deletes one live version with its aliases, as the server's `softDeleteInTransaction`: the
 * caller has checked the aliases may go; `latest` moves to the newest remaining COMMITTED version
 * when the version carried it. A user's delete is by `MOCK_ADMIN` (the site admin the mocks start signed in as), the TTL scanner's by `"ttl"`.
 */
export function softDeleteVersion(collection: CollectionRecord, version: VersionRecord, deletion: DeletionAct): void {
  const hadLatest = version.aliases.has(LATEST_ALIAS);
  softDelete(collection, version, deletion);
  if (hadLatest) recomputeLatest(collection);
}

/** Marks a live version PENDING_DELETION without its aliases; the caller has checked them and recomputes `latest`. */
function softDelete(collection: CollectionRecord, version: VersionRecord, deletion: DeletionAct): void {
  for (const alias of version.aliases) collection.aliases.delete(alias);
  version.deletedAliases = [...version.aliases].filter((alias) => alias !== LATEST_ALIAS);
  version.aliases.clear();
  setVersionState(collection, version, 'PENDING_DELETION', deletion.at);
  version.deletedAt = deletion.at;
  version.deletedBy = deletion.actor;
  version.deletionId = deletion.id;
}

/** `latest` names the newest COMMITTED version of the collection, or nothing when there is none. */
function recomputeLatest(collection: CollectionRecord): void {
  collection.aliases.get(LATEST_ALIAS)?.aliases.delete(LATEST_ALIAS);
  collection.aliases.delete(LATEST_ALIAS);
  for (let i = collection.indexed.length - 1; i >= 0; i--) {
    const version = collection.indexed[i]!;
    if (version.state !== 'COMMITTED') continue;
    version.aliases.add(LATEST_ALIAS);
    collection.aliases.set(LATEST_ALIAS, version);
    return;
  }
}

const refused = (version: VersionRecord) => ({ collection: version.collection, index: version.index, id: version.id });

/**
 * A PENDING_DELETION version back to COMMITTED, or PENDING if it never committed, with the aliases
 * its deletion removed unless another version holds them now; one the TTL scan deleted gets its
 * TTL turned off (the server's `restoreInTransaction`).
 */
function undelete(collection: CollectionRecord, version: VersionRecord, at: number): { aliasesNotRestored: string[]; ttlDisabled: boolean } {
  setVersionState(collection, version, version.index === null ? 'PENDING' : 'COMMITTED', at);
  const ttlDisabled = version.deletedBy === TTL_ACTOR;
  if (ttlDisabled) {
    version.ttlMode = 'disabled';
    version.ttlDays = null;
  }
  version.deletedAt = null;
  version.deletedBy = null;
  version.deletionId = null;
  const aliasesNotRestored: string[] = [];
  for (const alias of version.deletedAliases) {
    if (collection.aliases.has(alias)) {
      aliasesNotRestored.push(alias);
      continue;
    }
    collection.aliases.set(alias, version);
    version.aliases.add(alias);
  }
  version.deletedAliases = [];
  return { aliasesNotRestored: sortAliases(aliasesNotRestored), ttlDisabled };
}

function revive(collection: CollectionRecord): void {
  collection.state = 'READY';
  collection.deletedAt = null;
  collection.deletedBy = null;
  collection.deletionId = null;
}
