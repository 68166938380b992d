/**
 * TTL policies, as the server's `ttl/ttl.ts`: a version's own TTL, the project default, and the
 * scan that soft-deletes expired versions through the same path as any other delete
 * (`deletedBy: "ttl"`, aliases removed, `latest` recomputed).
 */
import type { ProjectRef } from '../../domain/api-paths';
import { TTL_ACTOR } from '../../domain/deletion';
import { alreadyGarbageCollected, NO_TTL_ON_TOMBSTONES } from '../../domain/deletion-rules';
import type { ProjectSettings, TtlPreview, Version } from '../../domain/schemas';
import { parseTtlPreviewDays, validateProjectSettings, validateTtlRequest } from '../../domain/validate';
import { findVersion, requireProjectByNames } from './browse';
import { newDeletionAct, softDeleteVersion, type VersionAddress } from './delete';
import type { VersionRecord } from './records';
import { expiresAtOf, toVersion } from './serialize';
import { allVersions, collectionOf, type MockStore } from './store';

export { TTL_ACTOR };

/**
 * `PUT .../versions/:version/ttl`: the body first (`400 INVALID_TTL`), then the path's names and
 * lookups, as on the server. A tombstone (DELETED) is `409 ALREADY_GARBAGE_COLLECTED`, any other state may be given a TTL; the collection's `updatedAt` is not touched.
 */
export function setVersionTtl(store: MockStore, ref: ProjectRef, address: VersionAddress, body: unknown): Version {
  const ttl = validateTtlRequest(body);
  const version = findVersion(store, ref, address.collection, address.version);
  if (version.state === 'DELETED') {
    const refused = { collection: version.collection, index: version.index, id: version.id };
    throw alreadyGarbageCollected(refused, version.deletedAt === null ? null : new Date(version.deletedAt).toISOString(), NO_TTL_ON_TOMBSTONES);
  }
  version.ttlMode = ttl.mode;
  version.ttlDays = ttl.days;
  return toVersion(version);
}

/** `PUT .../settings`: the body first (`400 INVALID_TTL`), then the project (`400 INVALID_NAME`, `404 PROJECT_NOT_FOUND`). */
export function setProjectSettings(store: MockStore, ref: ProjectRef, body: unknown): ProjectSettings {
  const settings = validateProjectSettings(body);
  const project = requireProjectByNames(store, ref);
  // In place: every version of the project holds this object.
  project.settings.defaultTtlDays = settings.defaultTtlDays;
  return settings;
}

/** `GET .../settings`: the project's default TTL. */
export function getProjectSettings(store: MockStore, ref: ProjectRef): ProjectSettings {
  return { defaultTtlDays: requireProjectByNames(store, ref).settings.defaultTtlDays };
}

/** `GET .../settings/ttl-preview?defaultTtlDays=N`, as the server's `ttl/ttl-preview.ts`: the query first, then the project. */
export function previewDefaultTtl(store: MockStore, ref: ProjectRef, rawDays: string | null, at: number): TtlPreview {
  const days = parseTtlPreviewDays(rawDays);
  const project = requireProjectByNames(store, ref);
  let versionsInheriting = 0;
  let versionsExpiringNow = 0;
  for (const version of project.versionsById.values()) {
    if (version.state !== 'COMMITTED') continue;
    if (version.ttlMode === 'inherit') versionsInheriting++;
    const ownDays = version.ttlMode === 'custom' ? version.ttlDays : version.ttlMode === 'inherit' ? days : null;
    if (ownDays !== null && version.createdAt + ownDays * DAY_MS <= at) versionsExpiringNow++;
  }
  return { defaultTtlDays: days, versionsInheriting, versionsExpiringNow };
}

const DAY_MS = 86_400_000;

/** Soft-deletes every COMMITTED version whose `expiresAt` is at or before `at`, as the server's scanner. Returns how many. */
export function expireVersions(store: MockStore, at: number): number {
  const expired: VersionRecord[] = [];
  for (const version of allVersions(store)) {
    if (version.state !== 'COMMITTED') continue;
    const expiresAt = expiresAtOf(version);
    if (expiresAt !== null && expiresAt <= at) expired.push(version);
  }
  // One scan, one deletion act, as on the server.
  const deletion = newDeletionAct(TTL_ACTOR, at);
  for (const version of expired) softDeleteVersion(collectionOf(store, version), version, deletion);
  return expired.length;
}
