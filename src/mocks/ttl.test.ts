// The mock's TTL scan on an injected clock: no route reaches it, so the contract suite cannot.
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../domain/sha256';
import { createMockDb, type MockDb } from './db';

const ref = { entity: 'acme', project: 'vision' };
const START = Date.parse('2026-03-01T00:00:00.000Z');
const DAY = 86_400_000;

/** A file entry of `text`, and its bytes. */
function fileOf(path: string, text: string) {
  const bytes = new TextEncoder().encode(text);
  return { entry: { path, digest: sha256Hex(bytes), sizeBytes: bytes.length }, bytes };
}

/** Logs a committed version of one file whose content is `text`. */
function logText(db: MockDb, name: string, text: string, aliases: string[] = []): void {
  const file = fileOf('f', text);
  db.putBlob(ref, file.entry.digest, file.bytes);
  db.logVersion(ref, { type: 'dataset', name, aliases, files: [file.entry] });
}

describe('mock TTL scan', () => {
  it('expires from creation time: custom days, the project default for inherit, never when disabled', () => {
    let now = START;
    const db = createMockDb({ now: () => now });
    logText(db, 'ds', 'zero');
    logText(db, 'ds', 'one', ['prod']);
    logText(db, 'ds', 'two');
    expect(db.expireVersions()).toBe(0);

    now += 10 * DAY;
    // Counted from createdAt, even though the TTL is set ten days later.
    expect(db.setVersionTtl(ref, 'ds', 'v0', { mode: 'custom', days: 1.5 }).ttl).toEqual({
      mode: 'custom',
      days: 1.5,
      expiresAt: '2026-03-02T12:00:00.000Z',
    });
    db.setVersionTtl(ref, 'ds', 'v2', { mode: 'disabled' });
    expect(db.setProjectSettings(ref, { defaultTtlDays: 30 })).toEqual({ defaultTtlDays: 30 });
    expect(db.getVersion(ref, 'ds', 'v1').ttl).toEqual({ mode: 'inherit', days: 30, expiresAt: '2026-03-31T00:00:00.000Z' });

    expect(db.expireVersions()).toBe(1);
    expect(db.getVersion(ref, 'ds', 'v0')).toMatchObject({ state: 'PENDING_DELETION', deletedBy: 'ttl', deletedAt: '2026-03-11T00:00:00.000Z' });
    expect(db.getCollection(ref, 'ds')).toMatchObject({ versionCount: 2, pendingDeletionCount: 1, updatedAt: '2026-03-11T00:00:00.000Z' });

    // Exactly at expiresAt counts as passed, as the server's `<=`.
    now = Date.parse('2026-03-31T00:00:00.000Z');
    expect(db.expireVersions()).toBe(1);
    expect(db.getVersion(ref, 'ds', 'v1')).toMatchObject({ state: 'PENDING_DELETION', deletedBy: 'ttl', aliases: [] });
    expect(db.listVersions(ref, 'ds', { alias: 'prod' }).items).toEqual([]);
    expect(db.getVersion(ref, 'ds', 'v2')).toMatchObject({ state: 'COMMITTED', aliases: ['latest'] });
    expect(db.getCollection(ref, 'ds')).toMatchObject({ versionCount: 1, pendingDeletionCount: 2, sizeBytes: 'two'.length });
    expect(db.expireVersions()).toBe(0);
  });

  it('takes latest away from an expired version and gives it to the newest remaining COMMITTED one', () => {
    let now = START;
    const db = createMockDb({ now: () => now });
    logText(db, 'ds', 'zero');
    logText(db, 'ds', 'one');
    logText(db, 'ds', 'two');
    db.setVersionTtl(ref, 'ds', 'latest', { mode: 'custom', days: 1 });
    db.setVersionTtl(ref, 'ds', 'v1', { mode: 'custom', days: 1 });
    now += DAY;
    expect(db.expireVersions()).toBe(2);
    expect(db.getVersion(ref, 'ds', 'latest').version).toBe('v0');
    expect(db.getVersion(ref, 'ds', 'v2').aliases).toEqual([]);

    // Every version gone: no latest at all.
    db.setVersionTtl(ref, 'ds', 'v0', { mode: 'custom', days: 1 });
    expect(db.expireVersions()).toBe(1);
    expect(db.getCollection(ref, 'ds')).toMatchObject({ versionCount: 0, pendingDeletionCount: 3, sizeBytes: 0 });
    expect(() => db.getVersion(ref, 'ds', 'latest')).toThrow();
  });

  it('touches only COMMITTED versions: not PENDING ones, nor those already pending deletion', () => {
    let now = START;
    const db = createMockDb({ now: () => now });
    logText(db, 'ds', 'zero');
    logText(db, 'ds', 'one');
    // Blob never uploaded: stays PENDING.
    const { version: pending } = db.logVersion(ref, { type: 'dataset', name: 'ds', files: [fileOf('f', 'missing').entry] });
    db.setProjectSettings(ref, { defaultTtlDays: 1 });
    now += DAY / 2;
    const deleted = db.deleteVersion(ref, 'ds', 'v0');
    expect(deleted.ttl.expiresAt).toBe('2026-03-02T00:00:00.000Z');

    now += 10 * DAY;
    expect(db.expireVersions()).toBe(1);
    expect(db.getVersion(ref, 'ds', 'v0')).toEqual(deleted);
    expect(db.getVersion(ref, 'ds', 'v1')).toMatchObject({ state: 'PENDING_DELETION', deletedBy: 'ttl' });
    const stillPending = db.listVersions(ref, 'ds', { state: 'ALL' }).items.find((v) => v.id === pending.id);
    expect(stillPending).toMatchObject({ state: 'PENDING', deletedBy: null, ttl: { mode: 'inherit', days: 1, expiresAt: '2026-03-02T00:00:00.000Z' } });
  });

  it('scans every project with its own default', () => {
    let now = START;
    const db = createMockDb({ now: () => now });
    const other = { entity: 'acme', project: 'audio' };
    logText(db, 'ds', 'zero');
    const file = fileOf('f', 'other');
    db.putBlob(other, file.entry.digest, file.bytes);
    db.logVersion(other, { type: 'dataset', name: 'ds', files: [file.entry] });
    db.setProjectSettings(ref, { defaultTtlDays: 2 });
    db.setProjectSettings(other, { defaultTtlDays: 5 });
    now += 3 * DAY;
    expect(db.expireVersions()).toBe(1);
    expect(db.getVersion(other, 'ds', 'v0').state).toBe('COMMITTED');
    now += 2 * DAY;
    expect(db.expireVersions()).toBe(1);
    expect(db.getVersion(other, 'ds', 'v0')).toMatchObject({ state: 'PENDING_DELETION', deletedBy: 'ttl' });
    // Clearing the default stops nothing already deleted, and a restored version stays once no TTL applies.
    db.setProjectSettings(ref, { defaultTtlDays: null });
    db.restoreVersion(ref, 'ds', 'v0');
    expect(db.expireVersions()).toBe(0);
    expect(db.getVersion(ref, 'ds', 'v0').state).toBe('COMMITTED');
  });

  it('a version with a 1-day TTL and alias best, deleted by the scan and restored, gets best back and the next scan leaves it (issue 9)', () => {
    let now = START;
    const db = createMockDb({ now: () => now });
    logText(db, 'ds', 'zero');
    logText(db, 'ds', 'one', ['best']);
    logText(db, 'ds', 'two');
    db.setVersionTtl(ref, 'ds', 'best', { mode: 'custom', days: 1 });
    now += DAY;
    expect(db.expireVersions()).toBe(1);
    expect(db.getVersion(ref, 'ds', 'v1')).toMatchObject({ state: 'PENDING_DELETION', deletedBy: 'ttl', aliases: [], deletedAliases: ['best'] });

    expect(db.restoreVersion(ref, 'ds', 'v1')).toMatchObject({
      version: 'v1',
      state: 'COMMITTED',
      aliases: ['best'],
      aliasesNotRestored: [],
      ttlDisabled: true,
      ttl: { mode: 'disabled', expiresAt: null },
    });
    now += 60_000;
    expect(db.expireVersions()).toBe(0);
    expect(db.getVersion(ref, 'ds', 'best')).toMatchObject({ version: 'v1', state: 'COMMITTED' });
  });

  it('previews how many versions a default would expire now, by their age', () => {
    let now = START;
    const db = createMockDb({ now: () => now });
    logText(db, 'ds', 'zero');
    logText(db, 'ds', 'one');
    logText(db, 'ds', 'two');
    now += 5 * DAY;
    logText(db, 'ds', 'three');
    db.setVersionTtl(ref, 'ds', 'v0', { mode: 'custom', days: 2 });
    expect(db.previewDefaultTtl(ref, '7')).toEqual({ defaultTtlDays: 7, versionsInheriting: 3, versionsExpiringNow: 1 });
    expect(db.previewDefaultTtl(ref, '5')).toEqual({ defaultTtlDays: 5, versionsInheriting: 3, versionsExpiringNow: 3 });
    expect(db.getProjectSettings(ref)).toEqual({ defaultTtlDays: null });
  });
});
