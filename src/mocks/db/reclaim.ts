/**
 * The one rule that says which blobs purging a set of versions frees, as the server's
 * `deletion/reclaim.ts` and `gc/plan.ts`: a blob (per entity) is freed only when no version in
 * PENDING, COMMITTED or PENDING_DELETION outside the purged set references it. Previews, the
 * pending-deletion review, project storage, `GET /gc`, dry runs and runs all call it, so what is
 * announced and what a run frees cannot drift apart.
 */
import { isCountingState } from '../../domain/deletion-rules';
import type { RunPlanFigures } from '../../domain/gc-log';
import { versionLabel } from '../../domain/names';
import type { VersionRecord } from './records';
import { allVersions, referencesOf, type MockStore } from './store';

/** Which versions a purge removes. */
export type PurgedSet = (version: VersionRecord) => boolean;

/** A stored blob referenced by the source versions, and whether a version outside the purged set still needs it. */
export interface CandidateBlob {
  entity: string;
  digest: string;
  sizeBytes: number;
  kept: boolean;
}

export interface ReclaimSummary {
  freedBytes: number;
  freedBlobs: number;
  keptBytes: number;
  keptBlobs: number;
  totalBytes: number;
}

/** A version that keeps some of the candidate bytes alive: a preview's `sharedWith` entry. */
export interface SharingVersion {
  collection: string;
  version: string | null;
  sharedBytes: number;
}

/** The distinct stored blobs the source versions reference, each marked kept or freed once `purged` is purged. */
export function candidateBlobs(store: MockStore, source: Iterable<VersionRecord>, purged: PurgedSet): CandidateBlob[] {
  const seen = new Set<string>();
  const blobs: CandidateBlob[] = [];
  for (const version of source) {
    for (const file of version.files) {
      const key = `${version.entity}/${file.digest}`;
      if (seen.has(key)) continue;
      seen.add(key);
      // Only stored bytes count: a PENDING version may list a blob never uploaded.
      const bytes = store.blobs.get(version.entity)?.get(file.digest);
      if (!bytes) continue;
      const kept = referencesOf(store, version.entity, file.digest).some((other) => isCountingState(other.state) && !purged(other));
      blobs.push({ entity: version.entity, digest: file.digest, sizeBytes: bytes.length, kept });
    }
  }
  return blobs;
}

/** Freed and kept totals of candidate blobs. */
export function summarize(blobs: readonly CandidateBlob[]): ReclaimSummary {
  const summary: ReclaimSummary = { freedBytes: 0, freedBlobs: 0, keptBytes: 0, keptBlobs: 0, totalBytes: 0 };
  for (const blob of blobs) {
    if (blob.kept) {
      summary.keptBytes += blob.sizeBytes;
      summary.keptBlobs++;
    } else {
      summary.freedBytes += blob.sizeBytes;
      summary.freedBlobs++;
    }
    summary.totalBytes += blob.sizeBytes;
  }
  return summary;
}

/**
 * The PENDING or COMMITTED versions outside the purged set that keep kept candidates alive, by
 * shared bytes then index, descending (a PENDING version, with no index, after the others), at
 * most `limit`, and how many there are. Each blob counts once per version, whatever the number
 * of paths it has there.
 */
export function sharingVersions(
  store: MockStore,
  blobs: readonly CandidateBlob[],
  purged: PurgedSet,
  limit: number,
): { versions: SharingVersion[]; count: number } {
  const shared = new Map<VersionRecord, number>();
  for (const blob of blobs) {
    if (!blob.kept) continue;
    for (const version of referencesOf(store, blob.entity, blob.digest)) {
      if ((version.state === 'PENDING' || version.state === 'COMMITTED') && !purged(version)) {
        shared.set(version, (shared.get(version) ?? 0) + blob.sizeBytes);
      }
    }
  }
  const order = (v: VersionRecord) => (v.index === null ? -1 : v.index);
  const sorted = [...shared].sort(([a, aBytes], [b, bBytes]) => bBytes - aBytes || order(b) - order(a) || b.seq - a.seq);
  return {
    versions: sorted
      .slice(0, limit)
      .map(([v, sharedBytes]) => ({ collection: v.collection, version: v.index === null ? null : versionLabel(v.index), sharedBytes })),
    count: sorted.length,
  };
}

/** What a run purging `purged` would do; `GET /gc` asks with every version pending deletion. */
export interface RunPlan extends RunPlanFigures {
  versions: VersionRecord[];
  freed: CandidateBlob[];
}

/**
 * The plan of a run. Unlike the server, the mock never collects blobs that were uploaded but are
 * referenced by no version (the server does once its upload window has passed): the mock has no
 * upload window, and tests would otherwise race their own uploads.
 */
export function planRun(store: MockStore, purged: PurgedSet): RunPlan {
  const versions = [...allVersions(store)].filter(purged);
  const blobs = candidateBlobs(store, versions, purged);
  const freed = blobs.filter((b) => !b.kept);
  const summary = summarize(blobs);
  return {
    versions,
    freed,
    versionsPurged: versions.length,
    blobsDeleted: summary.freedBlobs,
    bytesReclaimed: summary.freedBytes,
    blobsRetainedShared: summary.keptBlobs,
  };
}
