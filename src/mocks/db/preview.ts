/**
 * What deleting would do and what is waiting to be purged: deletion previews, the pending-deletion
 * review and project storage figures (the server's `deletion/preview.ts`, `pending.ts` and
 * `gc/project-storage.ts`). Every byte figure comes from `reclaim.ts`.
 */
import type { ProjectRef } from '../../domain/api-paths';
import type { DeletionPreview, PendingDeletionPage } from '../../domain/deletion';
import { purgeEligibleAt } from '../../domain/deletion-rules';
import type { ProjectStorage } from '../../domain/gc';
import { LATEST_ALIAS, sortAliases, versionLabel } from '../../domain/names';
import { decodeCursor, encodeCursor, parsePageParams } from '../../domain/validate';
import { findCollection, findVersion, requireProjectByNames, type ListQuery } from './browse';
import { expectedPurgeAt, trashBytes, type MockGcState } from './gc';
import { compareKeys } from './paging';
import { candidateBlobs, sharingVersions, summarize, type PurgedSet } from './reclaim';
import type { VersionRecord } from './records';
import { toVersion } from './serialize';
import type { MockStore } from './store';

const SHARING_SHOWN = 10;

const isPendingDeletion: PurgedSet = (v) => v.state === 'PENDING_DELETION';
const isLive = (v: VersionRecord) => v.state === 'PENDING' || v.state === 'COMMITTED';

/** `GET .../versions/:version/deletion-preview`: a version already deleted would delete nothing. */
export function previewVersionDeletion(store: MockStore, ref: ProjectRef, collectionName: string, versionRef: string): DeletionPreview {
  const collection = findCollection(store, ref, collectionName);
  const version = findVersion(store, ref, collectionName, versionRef);
  const label = version.index === null ? null : versionLabel(version.index);
  const live = isLive(version);
  const aliases = live ? sortAliases(version.aliases) : [];
  let latest: DeletionPreview['latest'] = { moves: false, to: null };
  if (aliases.includes(LATEST_ALIAS)) {
    const next = collection.indexed.findLast((v) => v.state === 'COMMITTED' && v !== version);
    latest = { moves: true, to: next?.index == null ? null : versionLabel(next.index) };
  }
  const bytes = live ? bytesPreview(store, [version]) : { totalBytes: 0, reclaimableBytes: 0, sharedBytes: 0, sharedWith: [], sharedWithCount: 0 };
  return { versionCount: live ? 1 : 0, aliases: aliases.map((alias) => ({ version: label, alias })), latest, ...bytes };
}

/** `GET .../collections/:collection/deletion-preview`: aliases by version (newest first) then name; `latest` goes with the rest. */
export function previewCollectionDeletion(store: MockStore, ref: ProjectRef, name: string): DeletionPreview {
  const collection = findCollection(store, ref, name);
  const versions = [...collection.indexed, ...collection.pending];
  // Aliases live on COMMITTED versions only, so each has an index.
  const aliases = [...collection.aliases].map(([alias, v]) => ({ index: v.index!, alias }));
  aliases.sort((a, b) => b.index - a.index || compareKeys([a.alias], [b.alias]));
  // The server's source set for a collection: its versions whose references still count.
  const source = versions.filter((v) => isLive(v) || v.state === 'PENDING_DELETION');
  return {
    versionCount: versions.filter(isLive).length,
    aliases: aliases.map((a) => ({ version: versionLabel(a.index), alias: a.alias })),
    latest: { moves: false, to: null },
    ...bytesPreview(store, source),
  };
}

/**
 * The bytes a deletion frees are those its versions alone keep alive once everything already
 * pending deletion is purged too: the purged set is the deleted versions plus every version pending deletion.
 */
function bytesPreview(store: MockStore, source: VersionRecord[]) {
  const deleted = new Set(source);
  const purged: PurgedSet = (v) => deleted.has(v) || isPendingDeletion(v);
  const blobs = candidateBlobs(store, source, purged);
  const summary = summarize(blobs);
  const sharing = sharingVersions(store, blobs, purged, SHARING_SHOWN);
  return {
    totalBytes: summary.totalBytes,
    reclaimableBytes: summary.freedBytes,
    sharedBytes: summary.keptBytes,
    sharedWith: sharing.versions,
    sharedWithCount: sharing.count,
  };
}

/** `GET .../pending-deletion`: the project's versions pending deletion, last deleted first, with what purging each frees. */
export function listPendingDeletion(store: MockStore, gc: MockGcState, ref: ProjectRef, query: ListQuery, now: number): PendingDeletionPage {
  // The server's order: limit, then the names and the project, then the cursor.
  const page = parsePageParams(query);
  const project = requireProjectByNames(store, ref);
  const after = page.cursor === null ? null : decodeCursor<[string, number]>(page.cursor, ['string', 'number']);
  const pending = [...project.versionsById.values()].filter(isPendingDeletion);
  const keyOf = (v: VersionRecord): [string, number] => [iso(v.deletedAt!), v.seq];
  pending.sort((a, b) => compareKeys(keyOf(b), keyOf(a)));
  const rest = after === null ? pending : pending.filter((v) => compareKeys(keyOf(v), after) < 0);
  const shown = rest.slice(0, page.limit);
  const items = shown.map((version) => {
    const eligible = purgeEligibleAt(version.deletedAt!, gc.options.graceSeconds);
    const expected = expectedPurgeAt(gc, eligible, now);
    return {
      version: toVersion(version),
      // Purged together with everything else pending: the bytes only this version holds are freed.
      reclaimableBytes: summarize(candidateBlobs(store, [version], isPendingDeletion)).freedBytes,
      purgeEligibleAt: iso(eligible),
      expectedPurgeAt: expected === null ? null : iso(expected),
    };
  });
  const last = shown[shown.length - 1];
  return { items, nextCursor: rest.length > page.limit && last ? encodeCursor(keyOf(last)) : null, totalCount: pending.length };
}

/** `GET .../storage`: live bytes, what purging the project's pending versions would free or leave shared, and its entity's trash. */
export function projectStorage(store: MockStore, gc: MockGcState, ref: ProjectRef): ProjectStorage {
  const project = requireProjectByNames(store, ref);
  const versions = [...project.versionsById.values()];
  const live = new Set<string>();
  let liveBytes = 0;
  for (const version of versions.filter(isLive)) {
    for (const file of version.files) {
      const bytes = store.blobs.get(project.entity)?.get(file.digest);
      if (!bytes || live.has(file.digest)) continue;
      live.add(file.digest);
      liveBytes += bytes.length;
    }
  }
  const pending = versions.filter(isPendingDeletion);
  const summary = summarize(candidateBlobs(store, pending, isPendingDeletion));
  return {
    liveBytes,
    pendingDeletion: { versions: pending.length, reclaimableBytes: summary.freedBytes, sharedBytes: summary.keptBytes },
    trashBytes: trashBytes(gc, project.entity),
  };
}

const iso = (ms: number) => new Date(ms).toISOString();
