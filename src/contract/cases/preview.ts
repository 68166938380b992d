/** Contract cases of what a deletion would do: previews, the pending-deletion review and project storage. */
import { expect } from 'vitest';
import { deletionPaths, withQuery } from '../../domain/api-paths';
import { PendingDeletionPageSchema } from '../../domain/deletion';
import { ProjectStorageSchema } from '../../domain/gc';
import { freshProject, getJson, logCommitted, logVersion, testFile, type ContractCase } from '../client';
import { collectionPreview, deleteVersion, gcStatus, sizedFile, versionPreview } from '../deletion-client';

const noBytes = { totalBytes: 0, reclaimableBytes: 0, sharedBytes: 0, sharedWith: [], sharedWithCount: 0 };

export const previewCases: ContractCase[] = [
  {
    name: 'a version preview splits reclaimable from shared bytes, says where latest moves, and counts pending sharers as gone',
    async run(target) {
      const ref = freshProject();
      const shared = sizedFile('shared.bin', 1000);
      const [a, b, c] = [sizedFile('a', 20), sizedFile('b', 30), sizedFile('c', 40)];
      await logCommitted(target, ref, { name: 'ds', files: [shared, a] });
      await logCommitted(target, ref, { name: 'ds', aliases: ['prod'], files: [{ ...shared, path: 'moved.bin' }, b] });
      await logCommitted(target, ref, { name: 'ds', files: [c] });

      expect(await versionPreview(target, ref, 'ds', 'v1')).toEqual({
        versionCount: 1,
        aliases: [{ version: 'v1', alias: 'prod' }],
        latest: { moves: false, to: null },
        totalBytes: 1030,
        reclaimableBytes: 30,
        sharedBytes: 1000,
        sharedWith: [{ collection: 'ds', version: 'v0', sharedBytes: 1000 }],
        sharedWithCount: 1,
      });
      expect(await versionPreview(target, ref, 'ds', 'latest')).toEqual({
        versionCount: 1,
        aliases: [{ version: 'v2', alias: 'latest' }],
        latest: { moves: true, to: 'v1' },
        ...noBytes,
        totalBytes: 40,
        reclaimableBytes: 40,
      });

      // Once the sharer is pending deletion, deleting v1 would free the shared blob too.
      await deleteVersion(target, ref, 'ds', 'v0');
      expect(await versionPreview(target, ref, 'ds', 'v1')).toMatchObject({ ...noBytes, totalBytes: 1030, reclaimableBytes: 1030 });
      // A version already pending deletion would delete nothing more.
      expect(await versionPreview(target, ref, 'ds', 'v0')).toEqual({ versionCount: 0, aliases: [], latest: { moves: false, to: null }, ...noBytes });
    },
  },
  {
    name: 'sharedWith lists the live versions sharing the bytes, across collections, by shared bytes then index, descending',
    async run(target) {
      const ref = freshProject();
      const [big, small, own] = [sizedFile('big', 500), sizedFile('small', 50), sizedFile('own', 20)];
      await logCommitted(target, ref, { name: 'ds', files: [big, small, own] });
      await logCommitted(target, ref, { name: 'other', files: [small] });
      await logCommitted(target, ref, { name: 'other', files: [small] });
      await logCommitted(target, ref, { name: 'other', files: [big] });
      // A version pending deletion keeps nothing alive in a preview.
      await logCommitted(target, ref, { name: 'gone', files: [big] });
      await deleteVersion(target, ref, 'gone', 'v0', true);
      const preview = await versionPreview(target, ref, 'ds', 'v0');
      expect(preview).toMatchObject({ totalBytes: 570, reclaimableBytes: 20, sharedBytes: 550, sharedWithCount: 3 });
      expect(preview.sharedWith).toEqual([
        { collection: 'other', version: 'v2', sharedBytes: 500 },
        { collection: 'other', version: 'v1', sharedBytes: 50 },
        { collection: 'other', version: 'v0', sharedBytes: 50 },
      ]);
    },
  },
  {
    name: 'a collection preview counts its live versions and lists every alias, newest version first, then by name',
    async run(target) {
      const ref = freshProject();
      const shared = sizedFile('shared', 300);
      const [a, b] = [sizedFile('a', 20), sizedFile('b', 30)];
      await logCommitted(target, ref, { name: 'ds', aliases: ['prod'], files: [shared, a] });
      await logCommitted(target, ref, { name: 'ds', aliases: ['best'], files: [b] });
      await logVersion(target, ref, { name: 'ds', files: [testFile('not-uploaded')] });
      await logCommitted(target, ref, { name: 'other', files: [shared] });
      expect(await collectionPreview(target, ref, 'ds')).toEqual({
        versionCount: 3,
        aliases: [
          { version: 'v1', alias: 'best' },
          { version: 'v1', alias: 'latest' },
          { version: 'v0', alias: 'prod' },
        ],
        latest: { moves: false, to: null },
        totalBytes: 350,
        reclaimableBytes: 50,
        sharedBytes: 300,
        sharedWith: [{ collection: 'other', version: 'v0', sharedBytes: 300 }],
        sharedWithCount: 1,
      });
    },
  },
  {
    name: 'the pending-deletion review lists versions pending deletion, last deleted first, with what purging each frees and when',
    async run(target) {
      const ref = freshProject();
      const shared = sizedFile('shared', 400);
      const [a, b, c] = [sizedFile('a', 20), sizedFile('b', 30), sizedFile('c', 40)];
      await logCommitted(target, ref, { name: 'ds', files: [shared, a] });
      await logCommitted(target, ref, { name: 'ds', files: [shared, b] });
      await logCommitted(target, ref, { name: 'ds', files: [c] });
      const empty = await getJson(target, deletionPaths.pending(ref), PendingDeletionPageSchema);
      expect(empty).toEqual({ items: [], nextCursor: null, totalCount: 0 });
      await deleteVersion(target, ref, 'ds', 'v0');
      await deleteVersion(target, ref, 'ds', 'v1');

      const page = await getJson(target, deletionPaths.pending(ref), PendingDeletionPageSchema);
      expect(page.totalCount).toBe(2);
      expect(page.nextCursor).toBeNull();
      // Both pending: the shared blob goes with either of them.
      expect(page.items.map((i) => [i.version.version, i.version.state, i.reclaimableBytes])).toEqual([
        ['v1', 'PENDING_DELETION', 430],
        ['v0', 'PENDING_DELETION', 420],
      ]);
      const { graceSeconds } = await gcStatus(target);
      for (const item of page.items) {
        expect(Date.parse(item.purgeEligibleAt) - Date.parse(item.version.deletedAt!)).toBe((graceSeconds ?? 0) * 1000);
        expect(Date.parse(item.expectedPurgeAt!)).toBeGreaterThanOrEqual(Date.parse(item.purgeEligibleAt));
      }

      const first = await getJson(target, withQuery(deletionPaths.pending(ref), { limit: 1 }), PendingDeletionPageSchema);
      const second = await getJson(target, withQuery(deletionPaths.pending(ref), { limit: 1, cursor: first.nextCursor }), PendingDeletionPageSchema);
      expect([...first.items, ...second.items]).toEqual(page.items);
      expect([first.totalCount, second.totalCount, second.nextCursor]).toEqual([2, 2, null]);
    },
  },
  {
    name: 'project storage counts live blobs once and splits what pending deletion frees from what stays shared',
    async run(target) {
      const ref = freshProject();
      const shared = sizedFile('shared', 1000);
      const [a, b, c] = [sizedFile('a', 20), sizedFile('b', 30), sizedFile('c', 40)];
      await logCommitted(target, ref, { name: 'ds', files: [shared, a] });
      await logCommitted(target, ref, { name: 'ds', files: [shared, b] });
      await logCommitted(target, ref, { name: 'ds', files: [c] });
      const storage = () => getJson(target, deletionPaths.storage(ref), ProjectStorageSchema);
      expect(await storage()).toEqual({ liveBytes: 1090, pendingDeletion: { versions: 0, reclaimableBytes: 0, sharedBytes: 0 }, trashBytes: 0 });
      await deleteVersion(target, ref, 'ds', 'v0');
      expect(await storage()).toEqual({ liveBytes: 1070, pendingDeletion: { versions: 1, reclaimableBytes: 20, sharedBytes: 1000 }, trashBytes: 0 });
      await deleteVersion(target, ref, 'ds', 'v1');
      expect(await storage()).toEqual({ liveBytes: 40, pendingDeletion: { versions: 2, reclaimableBytes: 1050, sharedBytes: 0 }, trashBytes: 0 });
    },
  },
];
