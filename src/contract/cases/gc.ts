/**
 * Contract cases of garbage collection. Each runs on a fresh backend of its own (garbage
 * collection is global), most with no grace period so that a run purges what was just deleted.
 */
import { expect } from 'vitest';
import { apiPaths, deletionPaths, withQuery, type ProjectRef } from '../../domain/api-paths';
import { PendingDeletionPageSchema } from '../../domain/deletion';
import { GcRunSchema } from '../../domain/gc';
import { pageSchema, VersionSchema } from '../../domain/schemas';
import {
  commit,
  expectError,
  expectJson,
  freshProject,
  getJson,
  logCommitted,
  logVersion,
  putBlob,
  sendJson,
  type ContractTarget,
  type TestFile,
} from '../client';
import {
  deleteCollection,
  deleteVersion,
  dryRun,
  gcStatus,
  getCollection,
  getVersion,
  restoreCollection,
  restoreRequest,
  runToEnd,
  sizedFile,
  type IsolatedContractCase,
} from '../deletion-client';

const NO_GRACE = { enabled: true, graceSeconds: 0 };
const GcRunPage = pageSchema(GcRunSchema);

/** v0 = shared + a, v1 = shared + b, v2 = c; then v0 and v2 are deleted: a run frees a and c, and keeps shared for v1. */
async function seedTwoPending(target: ContractTarget): Promise<{ ref: ProjectRef; shared: TestFile; a: TestFile; b: TestFile; c: TestFile }> {
  const ref = freshProject();
  const shared = sizedFile('shared.bin', 1000);
  const [a, b, c] = [sizedFile('a', 20), sizedFile('b', 30), sizedFile('c', 300)];
  await logCommitted(target, ref, { name: 'ds', files: [shared, a] });
  await logCommitted(target, ref, { name: 'ds', files: [{ ...shared, path: 'copy/shared.bin' }, b] });
  await logCommitted(target, ref, { name: 'ds', files: [c] });
  await deleteVersion(target, ref, 'ds', 'v0');
  await deleteVersion(target, ref, 'ds', 'v2', true);
  return { ref, shared, a, b, c };
}

const figures = (run: { versionsPurged: number; blobsDeleted: number; bytesReclaimed: number; blobsRetainedShared: number }) => ({
  versionsPurged: run.versionsPurged,
  blobsDeleted: run.blobsDeleted,
  bytesReclaimed: run.bytesReclaimed,
  blobsRetainedShared: run.blobsRetainedShared,
});

export const gcCases: IsolatedContractCase[] = [
  {
    name: 'GC status reports the switch, the settings, the pending versions and what purging them all frees',
    gc: NO_GRACE,
    async run(target) {
      const empty = await gcStatus(target);
      expect(empty).toMatchObject({ enabled: true, disabledReason: null, pendingVersions: 0, reclaimableBytes: 0, lastRun: null, graceSeconds: 0 });
      expect(Date.parse(empty.nextRunAt!)).toBeGreaterThan(Date.now() - 1000);
      await seedTwoPending(target);
      expect(await gcStatus(target)).toMatchObject({ pendingVersions: 2, reclaimableBytes: 20 + 300 });
    },
  },
  {
    name: 'a dry run announces exactly what the run then frees, and changes nothing',
    gc: NO_GRACE,
    async run(target) {
      const { ref } = await seedTwoPending(target);
      const { reclaimableBytes } = await gcStatus(target);
      const dry = await dryRun(target);
      expect(dry).toMatchObject({
        dryRun: true,
        status: 'succeeded',
        error: null,
        versionsPurged: 2,
        blobsDeleted: 2,
        bytesReclaimed: 320,
        blobsRetainedShared: 1,
      });
      expect(dry.bytesReclaimed).toBe(reclaimableBytes);
      expect(dry.finishedAt).not.toBeNull();
      expect((await gcStatus(target)).pendingVersions).toBe(2);
      expect((await getVersion(target, ref, 'ds', 'v0')).state).toBe('PENDING_DELETION');
      expect((await gcStatus(target)).lastRun).toBeNull();

      const run = await runToEnd(target);
      expect(run).toMatchObject({ dryRun: false, status: 'succeeded', error: null });
      expect(figures(run)).toEqual(figures(dry));
      expect(await getJson(target, deletionPaths.gcRun(dry.id), GcRunSchema)).toEqual(dry);
    },
  },
  {
    name: 'after a run the purged versions are DELETED tombstones: 410 for their files, 409 on restore, and shared files still download',
    gc: NO_GRACE,
    async run(target) {
      const { ref, shared, a, b } = await seedTwoPending(target);
      const before = await getCollection(target, ref, 'ds');
      await runToEnd(target);

      const v0 = await getVersion(target, ref, 'ds', 'v0');
      expect(v0).toMatchObject({ state: 'DELETED', deletedBy: 'admin' });
      expect(v0.deletedAt).not.toBeNull();
      const gone = await expectError(await target.fetch(apiPaths.file(ref, 'ds', 'v0', a.path)), 410, 'FILES_GARBAGE_COLLECTED');
      expect(gone.details).toMatchObject({ path: a.path });
      await expectError(await target.fetch(apiPaths.file(ref, 'ds', 'v0', shared.path)), 410, 'FILES_GARBAGE_COLLECTED');
      await expectError(await target.fetch(apiPaths.file(ref, 'ds', 'v0', 'no-such-file')), 404, 'FILE_NOT_FOUND');
      const restore = await expectError(await restoreRequest(target, ref, 'ds', 'v0'), 409, 'ALREADY_GARBAGE_COLLECTED');
      expect(restore.details).toMatchObject({ collection: 'ds', version: 'v0' });
      // Deleting a tombstone again changes nothing.
      expect(await deleteVersion(target, ref, 'ds', 'v0')).toEqual(v0);
      // Nor can it be given a TTL: there is nothing left for one to delete (a probe found it set to 200).
      const ttl = await expectError(
        await sendJson(target, 'PUT', deletionPaths.ttl(ref, 'ds', 'v0'), { mode: 'custom', days: 3 }),
        409,
        'ALREADY_GARBAGE_COLLECTED',
      );
      expect(ttl.details).toMatchObject({ collection: 'ds', version: 'v0' });
      expect(await getVersion(target, ref, 'ds', 'v0')).toEqual(v0);

      for (const file of [{ ...shared, path: 'copy/shared.bin' }, b]) {
        const response = await target.fetch(apiPaths.file(ref, 'ds', 'v1', file.path));
        expect(response.status).toBe(200);
        expect(new Uint8Array(await response.arrayBuffer())).toEqual(file.bytes);
      }
      const tombstones = await getJson(target, withQuery(apiPaths.versions(ref, 'ds'), { state: 'DELETED' }), pageSchema(VersionSchema));
      expect(tombstones.items.map((v) => [v.version, v.state])).toEqual([
        ['v2', 'DELETED'],
        ['v0', 'DELETED'],
      ]);
      // Purging does not change what the collection counts as live, nor its updatedAt.
      expect(await getCollection(target, ref, 'ds')).toEqual({ ...before, pendingDeletionCount: 0 });
      expect(await gcStatus(target)).toMatchObject({ pendingVersions: 0, reclaimableBytes: 0 });
      expect(await getJson(target, deletionPaths.pending(ref), PendingDeletionPageSchema)).toEqual({ items: [], nextCursor: null, totalCount: 0 });
    },
  },
  {
    name: 'restoring a collection after a run reports the versions its delete took that were purged as versionsGone',
    gc: NO_GRACE,
    async run(target) {
      const ref = freshProject();
      for (const path of ['a', 'b', 'c']) await logCommitted(target, ref, { name: 'ds', files: [sizedFile(path, 100)] });
      await deleteVersion(target, ref, 'ds', 'v0');
      expect((await deleteCollection(target, ref, 'ds')).versionsDeleted).toBe(2);
      expect((await runToEnd(target)).versionsPurged).toBe(3);

      const restored = await restoreCollection(target, ref, 'ds');
      // v0 went on its own before the collection delete: not counted.
      expect(restored).toMatchObject({ versionsRestored: 0, versionsGone: 2 });
      expect(restored.collection).toMatchObject({ state: 'READY', deletedAt: null, deletedBy: null, versionCount: 0, pendingDeletionCount: 0, sizeBytes: 0 });
      expect(await getCollection(target, ref, 'ds')).toEqual(restored.collection);
      for (const version of ['v0', 'v1', 'v2']) expect((await getVersion(target, ref, 'ds', version)).state).toBe('DELETED');
      await expectError(await target.fetch(apiPaths.version(ref, 'ds', 'latest')), 404, 'VERSION_NOT_FOUND');
      expect(await restoreCollection(target, ref, 'ds')).toEqual({
        collection: restored.collection,
        versionsRestored: 0,
        versionsGone: 0,
        aliasesNotRestored: [],
      });
    },
  },
  {
    name: 'a blob a run freed is missing again: logging it asks for the upload, and the new version downloads',
    gc: NO_GRACE,
    async run(target) {
      const { ref, a } = await seedTwoPending(target);
      await runToEnd(target);
      const { version, missingDigests } = await logVersion(target, ref, { name: 'again', files: [a] });
      expect(missingDigests).toEqual([a.digest]);
      await putBlob(target, ref, a);
      await commit(target, ref, version.id);
      const response = await target.fetch(apiPaths.file(ref, 'again', 'v0', a.path));
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(a.bytes);
    },
  },
  {
    name: 'GC status shows the last real run, and runs are listed newest first, dry runs included',
    gc: NO_GRACE,
    async run(target) {
      await seedTwoPending(target);
      const dry = await dryRun(target);
      const real = await runToEnd(target);
      const again = await dryRun(target);
      expect(again).toMatchObject({ versionsPurged: 0, blobsDeleted: 0, bytesReclaimed: 0 });
      expect((await gcStatus(target)).lastRun).toEqual(real);
      const runs = await getJson(target, deletionPaths.gcRuns(), GcRunPage);
      expect(runs).toEqual({ items: [again, real, dry], nextCursor: null });
      const first = await getJson(target, withQuery(deletionPaths.gcRuns(), { limit: 2 }), GcRunPage);
      const rest = await getJson(target, withQuery(deletionPaths.gcRuns(), { limit: 2, cursor: first.nextCursor }), GcRunPage);
      expect([...first.items, ...rest.items]).toEqual(runs.items);
      expect(rest.nextCursor).toBeNull();
      await expectError(await target.fetch(deletionPaths.gcRun('gc_no_such_run')), 404, 'GC_RUN_NOT_FOUND');
      await expectError(await sendJson(target, 'POST', deletionPaths.gcRuns(), { dryRun: 'yes' }), 400, 'INVALID_REQUEST');
      await expectError(await sendJson(target, 'POST', deletionPaths.gcRuns(), {}), 400, 'INVALID_REQUEST');
    },
  },
  {
    name: 'a run purges only versions pending deletion for the grace period; reclaimableBytes counts them all',
    gc: { enabled: true, graceSeconds: 3600 },
    async run(target) {
      const { ref } = await seedTwoPending(target);
      expect(await gcStatus(target)).toMatchObject({ graceSeconds: 3600, pendingVersions: 2, reclaimableBytes: 320 });
      expect(await dryRun(target)).toMatchObject({ versionsPurged: 0, blobsDeleted: 0, bytesReclaimed: 0 });
      expect(await runToEnd(target)).toMatchObject({ status: 'succeeded', versionsPurged: 0, blobsDeleted: 0, bytesReclaimed: 0 });
      expect((await getVersion(target, ref, 'ds', 'v0')).state).toBe('PENDING_DELETION');
      const page = await getJson(target, deletionPaths.pending(ref), PendingDeletionPageSchema);
      for (const item of page.items) expect(Date.parse(item.purgeEligibleAt) - Date.parse(item.version.deletedAt!)).toBe(3600_000);
    },
  },
];

export const gcDisabledCases: IsolatedContractCase[] = [
  {
    name: 'with garbage collection off, the status says why and starting a run is 409 GC_DISABLED',
    gc: { enabled: false, graceSeconds: 0 },
    async run(target) {
      const { ref } = await seedTwoPending(target);
      const status = await gcStatus(target);
      expect(status).toMatchObject({ enabled: false, nextRunAt: null, pendingVersions: 2, reclaimableBytes: 320, lastRun: null });
      expect(status.disabledReason).toEqual(expect.any(String));
      for (const dry of [true, false]) {
        const error = await expectError(await sendJson(target, 'POST', deletionPaths.gcRuns(), { dryRun: dry }), 409, 'GC_DISABLED');
        expect(error.details).toEqual({ reason: status.disabledReason });
      }
      expect(await getJson(target, deletionPaths.gcRuns(), GcRunPage)).toEqual({ items: [], nextCursor: null });
      // Nothing is scheduled: no expected purge time.
      const page = await expectJson(await target.fetch(deletionPaths.pending(ref)), PendingDeletionPageSchema, 200);
      expect(page.items.map((i) => i.expectedPurgeAt)).toEqual([null, null]);
    },
  },
];
