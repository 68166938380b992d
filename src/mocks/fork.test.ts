import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../domain/sha256';
import { createMockDb, forkMockDb } from './db';

const ref = { entity: 'acme', project: 'vision' };
const bytesOf = (text: string) => new TextEncoder().encode(text);
const fileOf = (path: string, text: string) => ({ path, digest: sha256Hex(bytesOf(text)), sizeBytes: bytesOf(text).length });

/** A db with two committed versions of `ds` sharing file `a`; only v0 has `b`. */
function twoVersions() {
  const db = createMockDb({ now: () => Date.parse('2026-03-01T00:00:00.000Z'), gc: { graceSeconds: 0 } });
  for (const files of [[fileOf('a', 'A'), fileOf('b', 'B')], [fileOf('a', 'A')]]) {
    const { version, missingDigests } = db.logVersion(ref, { type: 'dataset', name: 'ds', files });
    for (const digest of missingDigests) db.putBlob(ref, digest, bytesOf(digest === files[0]!.digest ? 'A' : 'B'));
    db.commitVersion(ref, version.id);
  }
  return db;
}

describe('forkMockDb', () => {
  it('gives a copy whose changes the source never sees, nor the source’s the copy', () => {
    const source = twoVersions();
    const fork = forkMockDb(source);
    fork.deleteCollection(ref, 'ds');
    fork.startGcRun({ dryRun: false });
    expect(fork.getCollection(ref, 'ds').state).toBe('DELETED');
    expect(fork.listGcRuns().items).toHaveLength(1);

    expect(source.getCollection(ref, 'ds')).toMatchObject({ state: 'READY', versionCount: 2, pendingDeletionCount: 0 });
    expect(source.listGcRuns().items).toEqual([]);
    expect(new TextDecoder().decode(source.readFile(ref, 'ds', 'v0', 'a').bytes)).toBe('A');

    source.deleteVersion(ref, 'ds', 'v0');
    expect(forkMockDb(source).getVersion(ref, 'ds', 'v0').state).toBe('PENDING_DELETION');
    expect(fork.getVersion(ref, 'ds', 'v0').state).toBe('DELETED');
  });

  it('keeps the records a version shares with its collection and the reclaim index as one in the copy', () => {
    const fork = forkMockDb(twoVersions());
    // Deleting v0 changes the version, its collection's counters and what the purge may free at
    // once: views of one record, which a copy made piece by piece would tear apart.
    expect(fork.previewVersionDeletion(ref, 'ds', 'v0').reclaimableBytes).toBe(1);
    fork.deleteVersion(ref, 'ds', 'v0');
    expect(fork.getCollection(ref, 'ds')).toMatchObject({ versionCount: 1, pendingDeletionCount: 1 });
    const run = fork.startGcRun({ dryRun: false });
    expect(run).toMatchObject({ versionsPurged: 1, blobsDeleted: 1, bytesReclaimed: 1 });
    expect(fork.getVersion(ref, 'ds', 'v0').state).toBe('DELETED');
    expect(new TextDecoder().decode(fork.readFile(ref, 'ds', 'v1', 'a').bytes)).toBe('A');
  });
});
