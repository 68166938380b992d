/** Stored rows -> the API's objects, exactly as the contract shapes them. */
import { sortAliases, versionLabel } from '../../domain/names';
import type { Collection, Version } from '../../domain/schemas';
import type { CollectionRecord, VersionRecord } from './records';

const iso = (ms: number) => new Date(ms).toISOString();

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
    // TTL lands with its own issue; until then every version inherits and nothing expires.
    ttl: { mode: 'inherit', days: null, expiresAt: null },
  };
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
