// Mock garbage collection on an injected clock: what the contract suite cannot wait for.
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../domain/sha256';
import { createMockDb, type MockDb } from './db';

const ref = { entity: 'acme', project: 'vision' };
const START = Date.parse('2026-03-01T00:00:00.000Z');
const HOUR = 3600_000;

/** Logs a committed version of one file whose content is `text`. */
function logText(db: MockDb, name: string, text: string): void {
  const bytes = new TextEncoder().encode(text);
  const digest = sha256Hex(bytes);
  db.putBlob(ref, digest, bytes);
  db.logVersion(ref, { type: 'dataset', name, files: [{ path: 'f', digest, sizeBytes: bytes.length }] });
}

describe('mock garbage collection', () => {
  it('purges a version only once its grace period has passed, and says when the schedule would', () => {
    let now = START;
    const db = createMockDb({ now: () => now, gc: { graceSeconds: 2 * 3600 } });
    logText(db, 'ds', 'zero');
    logText(db, 'ds', 'one');
    now += 30 * 60_000;
    db.deleteVersion(ref, 'ds', 'v0');
    const [item] = db.listPendingDeletion(ref).items;
    expect(item).toMatchObject({ purgeEligibleAt: '2026-03-01T02:30:00.000Z', expectedPurgeAt: '2026-03-01T03:00:00.000Z' });
    expect(db.gcStatus().nextRunAt).toBe('2026-03-01T01:00:00.000Z');

    now = START + 2 * HOUR;
    expect(db.startGcRun({ dryRun: false })).toMatchObject({ versionsPurged: 0 });
    expect(db.gcStatus().nextRunAt).toBe('2026-03-01T03:00:00.000Z');
    now = START + 2.5 * HOUR;
    expect(db.startGcRun({ dryRun: false })).toMatchObject({ versionsPurged: 1, blobsDeleted: 1, bytesReclaimed: 4 });
    expect(db.getVersion(ref, 'ds', 'v0').state).toBe('DELETED');
  });

  it('keeps freed blobs in the trash until the retention time has passed', () => {
    let now = START;
    const db = createMockDb({ now: () => now, gc: { graceSeconds: 0, trashRetentionSeconds: 60 } });
    logText(db, 'ds', 'zero');
    logText(db, 'ds', 'one');
    db.deleteVersion(ref, 'ds', 'v0');
    db.startGcRun({ dryRun: false });
    expect(db.gcStatus().trashBytes).toBe(4);
    expect(db.projectStorage(ref).trashBytes).toBe(4);
    now += 61_000;
    const run = db.startGcRun({ dryRun: false });
    expect(run.log?.map((l) => l.message)).toContain('Emptied 1 blob from the trash, kept there longer than 1 minute.');
    expect(db.gcStatus().trashBytes).toBe(0);
  });

  it('answers 409 GC_DISABLED with its reason, and schedules nothing', () => {
    const db = createMockDb({ gc: { enabled: false, disabledReason: 'Off for this test.' } });
    expect(db.gcStatus()).toMatchObject({ enabled: false, disabledReason: 'Off for this test.', nextRunAt: null });
    expect(() => db.startGcRun({ dryRun: true })).toThrow('Off for this test.');
  });
});
