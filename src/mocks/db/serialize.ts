/** Stored rows -> the API's objects, exactly as the contract shapes them. */
import { sortAliases, versionLabel } from '../../domain/names';
import type { Collection, Version } from '../../domain/schemas';
import type { CollectionRecord, VersionRecord } from './records';

const iso = (ms: number) => new Date(ms).toISOString();

const DAY_MS = 86_400_000;

/** A version's TTL in days: its own for `custom`, the project default for `inherit` (null when none), null for `disabled`. */
export function ttlDaysOf(record: VersionRecord): number | null {
  if (record.ttlMode === 'custom') return record.ttlDays;
  if (record.ttlMode === 'inherit') return record.projectSettings.defaultTtlDays;
  return null;
}

/** When a version's TTL runs out, in ms: `createdAt` plus its days (as the server computes `expiresAt`), or null. */
export function expiresAtOf(record: VersionRecord): number | null {
  const days = ttlDaysOf(record);
  return days === null ? null : record.createdAt + days * DAY_MS;
}

/** A stored version as the API's `Version`. */
export function toVersion(record: VersionRecord): Version {
  return {
    id: record.id,
    entity: record.entity,
    project: record.project,
    type: record.type,
    collection: record.collection,
    version: record.index === null ? null : versionLabel(record.index),
    index: record.index,
    aliases: sortAliases(record.aliases),
    state: record.state,
    sizeBytes: record.sizeBytes,
    fileCount: record.files.length,
    digest: record.digest,
    createdAt: iso(record.createdAt),
    createdBy: { runId: record.runId },
    deletedAt: record.deletedAt === null ? null : iso(record.deletedAt),
    deletedBy: record.deletedBy,
    ttl: ttlOf(record),
    deletedAliases: sortAliases(record.deletedAliases),
  };
}

function ttlOf(record: VersionRecord): Version['ttl'] {
  const expiresAt = expiresAtOf(record);
  return { mode: record.ttlMode, days: ttlDaysOf(record), expiresAt: expiresAt === null ? null : iso(expiresAt) };
}

/** A stored collection as the API's `Collection`. */
export function toCollection(record: CollectionRecord): Collection {
  return {
    entity: record.entity,
    project: record.project,
    type: record.type,
    name: record.name,
    state: record.state,
    versionCount: record.versionCount,
    pendingDeletionCount: record.pendingDeletionCount,
    sizeBytes: record.sizeBytes,
    updatedAt: iso(record.updatedAt),
    deletedAt: record.deletedAt === null ? null : iso(record.deletedAt),
    deletedBy: record.deletedBy,
  };
}
