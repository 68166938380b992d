/** Contract cases of "Delete, restore": versions, whole collections and bulk requests. */
import { expect } from 'vitest';
import { apiPaths, deletionPaths, withQuery } from '../../domain/api-paths';
import { BulkResultSchema } from '../../domain/deletion';
import { ArtifactTypeSummarySchema, CollectionSchema, pageSchema, VersionSchema } from '../../domain/schemas';
import { expectError, expectJson, freshProject, getJson, logCommitted, logVersion, sendJson, testFile, type ContractCase } from '../client';
import {
  deleteCollection,
  deleteVersion,
  deleteVersionRequest,
  getCollection,
  getVersion,
  restoreCollection,
  restoreCollectionRequest,
  restoreRequest,
  restoreVersion,
  sizedFile,
  type IsolatedContractCase,
} from '../deletion-client';

const VersionPage = pageSchema(VersionSchema);
const CollectionPage = pageSchema(CollectionSchema);

export const deletionCases: ContractCase[] = [
  {
    name: 'deleting a version with aliases is 409 ALIASES_PRESENT, naming them latest first, and changes nothing',
    async run(target) {
      const ref = freshProject();
      await logCommitted(target, ref, { name: 'ds', files: [testFile('a')] });
      await logCommitted(target, ref, { name: 'ds', aliases: ['zeta', 'alpha'], files: [testFile('a')] });
      const before = { version: await getVersion(target, ref, 'ds', 'v1'), collection: await getCollection(target, ref, 'ds') };
      const error = await expectError(await deleteVersionRequest(target, ref, 'ds', 'v1'), 409, 'ALIASES_PRESENT');
      expect(error.details).toMatchObject({ aliases: ['latest', 'alpha', 'zeta'], collection: 'ds', version: 'v1' });
      expect(await getVersion(target, ref, 'ds', 'v1')).toEqual(before.version);
      expect(await getCollection(target, ref, 'ds')).toEqual(before.collection);
    },
  },
  {
    name: 'deleteAliases=true removes them and latest moves to the newest remaining COMMITTED version; deleting again changes nothing',
    async run(target) {
      const ref = freshProject();
      const files = [testFile('a'), testFile('b'), testFile('c')];
      for (const [i, file] of files.entries()) await logCommitted(target, ref, { name: 'ds', aliases: i === 0 ? ['prod'] : [], files: [file] });
      const deleted = await deleteVersion(target, ref, 'ds', 'latest', true);
      expect(deleted).toMatchObject({ version: 'v2', state: 'PENDING_DELETION', aliases: [], deletedBy: 'admin' });
      expect(deleted.deletedAt).not.toBeNull();
      expect((await getVersion(target, ref, 'ds', 'latest')).version).toBe('v1');
      const collection = await getCollection(target, ref, 'ds');
      expect(collection).toMatchObject({ versionCount: 2, pendingDeletionCount: 1, sizeBytes: files[0]!.sizeBytes + files[1]!.sizeBytes });
      expect((await getJson(target, apiPaths.versions(ref, 'ds'), VersionPage)).items.map((v) => v.version)).toEqual(['v1', 'v0']);
      const pending = await getJson(target, withQuery(apiPaths.versions(ref, 'ds'), { state: 'PENDING_DELETION' }), VersionPage);
      expect(pending.items).toEqual([deleted]);
      // Files stay readable while the version is pending deletion.
      const download = await target.fetch(apiPaths.file(ref, 'ds', 'v2', 'c'));
      expect(download.status).toBe(200);
      expect(new Uint8Array(await download.arrayBuffer())).toEqual(files[2]!.bytes);

      const again = await deleteVersionRequest(target, ref, 'ds', 'v2');
      expect(await expectJson(again, VersionSchema, 200)).toEqual(deleted);
      expect(await getCollection(target, ref, 'ds')).toEqual(collection);

      // Addressed by an alias, the version goes with it.
      expect(await deleteVersion(target, ref, 'ds', 'prod', true)).toMatchObject({ version: 'v0', state: 'PENDING_DELETION', aliases: [] });
      await expectError(await target.fetch(apiPaths.version(ref, 'ds', 'prod')), 404, 'VERSION_NOT_FOUND');
      expect(await getCollection(target, ref, 'ds')).toMatchObject({ versionCount: 1, pendingDeletionCount: 2, sizeBytes: files[1]!.sizeBytes });
    },
  },
  {
    name: 'restoring brings a version back to COMMITTED with the aliases its delete removed; latest is recomputed',
    async run(target) {
      const ref = freshProject();
      const a = testFile('a');
      const b = testFile('b');
      await logCommitted(target, ref, { name: 'ds', aliases: ['prod'], files: [a] });
      await logCommitted(target, ref, { name: 'ds', files: [b] });
      await deleteVersion(target, ref, 'ds', 'v1', true);
      expect((await getVersion(target, ref, 'ds', 'v0')).aliases).toEqual(['latest', 'prod']);

      const restored = await restoreVersion(target, ref, 'ds', 'v1');
      expect(restored).toMatchObject({ version: 'v1', state: 'COMMITTED', deletedAt: null, deletedBy: null, aliases: ['latest'] });
      expect((await getVersion(target, ref, 'ds', 'v0')).aliases).toEqual(['prod']);

      await deleteVersion(target, ref, 'ds', 'v0', true);
      expect(await restoreVersion(target, ref, 'ds', 'v0')).toMatchObject({ state: 'COMMITTED', aliases: ['prod'] });
      expect((await getVersion(target, ref, 'ds', 'prod')).version).toBe('v0');
      const collection = await getCollection(target, ref, 'ds');
      expect(collection).toMatchObject({ versionCount: 2, pendingDeletionCount: 0, sizeBytes: a.sizeBytes + b.sizeBytes });
      // Restoring a version that is not pending deletion changes nothing.
      expect(await restoreVersion(target, ref, 'ds', 'v1')).toEqual(await getVersion(target, ref, 'ds', 'v1'));
      expect(await getCollection(target, ref, 'ds')).toEqual(collection);
    },
  },
  {
    name: 'deleting a collection soft-deletes every live version with its aliases and hides it from the READY list',
    async run(target) {
      const ref = freshProject();
      await logCommitted(target, ref, { type: 'model', name: 'other', files: [testFile('o')] });
      await logCommitted(target, ref, { name: 'ds', aliases: ['prod'], files: [testFile('a')] });
      await logCommitted(target, ref, { name: 'ds', files: [testFile('b')] });
      await logCommitted(target, ref, { name: 'ds', files: [testFile('c')] });
      await deleteVersion(target, ref, 'ds', 'v1');
      // A PENDING version goes too.
      await logVersion(target, ref, { name: 'ds', files: [testFile('never-uploaded')] });

      const { collection, versionsDeleted } = await deleteCollection(target, ref, 'ds');
      expect(versionsDeleted).toBe(3);
      expect(collection).toMatchObject({ name: 'ds', state: 'DELETED', versionCount: 0, pendingDeletionCount: 4, sizeBytes: 0, deletedBy: 'admin' });
      expect(collection.deletedAt).not.toBeNull();
      expect(await getCollection(target, ref, 'ds')).toEqual(collection);

      expect((await getJson(target, apiPaths.collections(ref), CollectionPage)).items.map((c) => c.name)).toEqual(['other']);
      const deleted = await getJson(target, withQuery(apiPaths.collections(ref), { state: 'DELETED' }), CollectionPage);
      expect(deleted).toEqual({ items: [collection], nextCursor: null });
      expect((await getJson(target, apiPaths.types(ref), pageSchema(ArtifactTypeSummarySchema))).items).toEqual([{ name: 'model', collectionCount: 1 }]);
      const all = await getJson(target, withQuery(apiPaths.versions(ref, 'ds'), { state: 'ALL' }), VersionPage);
      expect(all.items.map((v) => [v.version, v.state, v.aliases])).toEqual([
        [null, 'PENDING_DELETION', []],
        ['v2', 'PENDING_DELETION', []],
        ['v1', 'PENDING_DELETION', []],
        ['v0', 'PENDING_DELETION', []],
      ]);
      await expectError(await target.fetch(apiPaths.version(ref, 'ds', 'latest')), 404, 'VERSION_NOT_FOUND');

      const again = await deleteCollection(target, ref, 'ds');
      expect(again).toEqual({ collection, versionsDeleted: 0 });
    },
  },
  {
    name: 'logging into a deleted collection makes it READY again, its indexes never reused',
    async run(target) {
      const ref = freshProject();
      await logCommitted(target, ref, { name: 'ds', files: [testFile('a')] });
      await logCommitted(target, ref, { name: 'ds', files: [testFile('b')] });
      await deleteCollection(target, ref, 'ds');
      const fresh = await logCommitted(target, ref, { name: 'ds', files: [testFile('c')] });
      expect(fresh).toMatchObject({ version: 'v2', aliases: ['latest'] });
      expect(await getCollection(target, ref, 'ds')).toMatchObject({
        state: 'READY',
        deletedAt: null,
        deletedBy: null,
        versionCount: 1,
        pendingDeletionCount: 2,
      });
      expect((await getJson(target, apiPaths.collections(ref), CollectionPage)).items.map((c) => c.name)).toEqual(['ds']);
    },
  },
  {
    name: 'restoring one version of a deleted collection makes it READY again, with latest on it',
    async run(target) {
      const ref = freshProject();
      const files = [testFile('a'), testFile('b'), testFile('c')];
      for (const file of files) await logCommitted(target, ref, { name: 'ds', files: [file] });
      await deleteCollection(target, ref, 'ds');
      expect(await restoreVersion(target, ref, 'ds', 'v1')).toMatchObject({ state: 'COMMITTED', aliases: ['latest'] });
      expect(await getCollection(target, ref, 'ds')).toMatchObject({
        state: 'READY',
        deletedAt: null,
        deletedBy: null,
        versionCount: 1,
        pendingDeletionCount: 2,
        sizeBytes: files[1]!.sizeBytes,
      });
    },
  },
  {
    name: 'restoring a collection brings back the versions its delete took, not one deleted before it; latest recomputed; again restores nothing',
    async run(target) {
      const ref = freshProject();
      const shared = sizedFile('shared.bin', 1000);
      const [a, b, c] = [sizedFile('a', 20), sizedFile('b', 30), sizedFile('c', 300)];
      await logCommitted(target, ref, { type: 'model', name: 'other', files: [testFile('o')] });
      await logCommitted(target, ref, { name: 'ds', aliases: ['prod'], files: [shared, a] });
      await logCommitted(target, ref, { name: 'ds', files: [{ ...shared, path: 'copy/shared.bin' }, b] });
      await logCommitted(target, ref, { name: 'ds', files: [c] });
      const ownDelete = await deleteVersion(target, ref, 'ds', 'v2', true);
      // A PENDING version the collection delete takes comes back PENDING.
      await logVersion(target, ref, { name: 'ds', files: [testFile('never-uploaded')] });
      const deleted = await deleteCollection(target, ref, 'ds');
      expect(deleted).toMatchObject({ versionsDeleted: 3, collection: { state: 'DELETED', pendingDeletionCount: 4 } });

      const restored = await restoreCollection(target, ref, 'ds');
      expect(restored).toMatchObject({ versionsRestored: 3, versionsGone: 0 });
      expect(restored.collection).toMatchObject({
        name: 'ds',
        state: 'READY',
        deletedAt: null,
        deletedBy: null,
        versionCount: 2,
        pendingDeletionCount: 1,
        // The blob v0 and v1 share counts once.
        sizeBytes: 1000 + 20 + 30,
      });
      expect(await getCollection(target, ref, 'ds')).toEqual(restored.collection);
      expect((await getVersion(target, ref, 'ds', 'latest')).version).toBe('v1');
      // The version deleted on its own before stays pending deletion, as it was.
      expect(await getVersion(target, ref, 'ds', 'v2')).toEqual(ownDelete);
      const all = await getJson(target, withQuery(apiPaths.versions(ref, 'ds'), { state: 'ALL' }), VersionPage);
      expect(all.items.map((v) => [v.version, v.state, v.aliases, v.deletedAt])).toEqual([
        [null, 'PENDING', [], null],
        ['v2', 'PENDING_DELETION', [], ownDelete.deletedAt],
        ['v1', 'COMMITTED', ['latest'], null],
        ['v0', 'COMMITTED', ['prod'], null],
      ]);
      // The aliases the delete removed are back.
      expect((await getVersion(target, ref, 'ds', 'prod')).version).toBe('v0');
      expect((await getJson(target, apiPaths.collections(ref), CollectionPage)).items.map((col) => col.name)).toEqual(['ds', 'other']);

      // On a READY collection: nothing to restore, nothing changes.
      expect(await restoreCollection(target, ref, 'ds')).toEqual({
        collection: restored.collection,
        versionsRestored: 0,
        versionsGone: 0,
        aliasesNotRestored: [],
      });
      expect(await getCollection(target, ref, 'ds')).toEqual(restored.collection);
      expect(await restoreCollection(target, ref, 'other')).toMatchObject({
        collection: { name: 'other', state: 'READY' },
        versionsRestored: 0,
        versionsGone: 0,
      });

      await expectError(await restoreCollectionRequest(target, ref, 'nope'), 404, 'COLLECTION_NOT_FOUND');
      await expectError(await restoreCollectionRequest(target, freshProject(), 'ds'), 404, 'PROJECT_NOT_FOUND');
    },
  },
  {
    name: 'bulk delete and bulk restore answer each item on its own: ok, ALIASES_PRESENT, COLLECTION_NOT_FOUND',
    async run(target) {
      const ref = freshProject();
      await logCommitted(target, ref, { name: 'ds', files: [testFile('a')] });
      await logCommitted(target, ref, { name: 'ds', aliases: ['prod'], files: [testFile('b')] });
      await logCommitted(target, ref, { name: 'ds', files: [testFile('c')] });
      const items = [
        { collection: 'ds', version: 'v0' },
        { collection: 'ds', version: 'v1' },
        { collection: 'nope', version: 'v0' },
      ];
      const bulk = await expectJson(await sendJson(target, 'POST', deletionPaths.bulkDelete(ref), { items }), BulkResultSchema, 200);
      expect(bulk).toMatchObject({ succeeded: 1, failed: 2 });
      expect(bulk.results.map((r) => [r.collection, r.version, r.ok, r.error?.code ?? null])).toEqual([
        ['ds', 'v0', true, null],
        ['ds', 'v1', false, 'ALIASES_PRESENT'],
        ['nope', 'v0', false, 'COLLECTION_NOT_FOUND'],
      ]);
      expect(bulk.results[0]!.result).toEqual(await getVersion(target, ref, 'ds', 'v0'));
      expect(bulk.results[0]!.result).toMatchObject({ state: 'PENDING_DELETION' });
      expect(bulk.results[1]!.error?.details).toMatchObject({ aliases: ['prod'] });
      expect(bulk.results[1]!.result).toBeNull();

      const withAliases = await sendJson(target, 'POST', deletionPaths.bulkDelete(ref), { items: [items[1]], deleteAliases: true });
      expect(await expectJson(withAliases, BulkResultSchema, 200)).toMatchObject({ succeeded: 1, failed: 0 });
      expect(await getCollection(target, ref, 'ds')).toMatchObject({ versionCount: 1, pendingDeletionCount: 2 });

      const restoreItems = [items[0], items[1], { collection: 'ds', version: 'v9' }];
      const restored = await expectJson(await sendJson(target, 'POST', deletionPaths.bulkRestore(ref), { items: restoreItems }), BulkResultSchema, 200);
      expect(restored).toMatchObject({ succeeded: 2, failed: 1 });
      expect(restored.results.map((r) => r.result?.state ?? r.error?.code)).toEqual(['COMMITTED', 'COMMITTED', 'VERSION_NOT_FOUND']);
      expect(await getCollection(target, ref, 'ds')).toMatchObject({ versionCount: 3, pendingDeletionCount: 0 });

      await expectError(await sendJson(target, 'POST', deletionPaths.bulkDelete(ref), { items: [] }), 400, 'INVALID_REQUEST');
    },
  },
  {
    name: 'deletion routes answer bad input and unknown things with the contract codes',
    async run(target) {
      const ref = freshProject();
      await logCommitted(target, ref, { name: 'ds', files: [testFile('a')] });
      const path = apiPaths.version(ref, 'ds', 'v0');
      await expectError(await target.fetch(withQuery(path, { deleteAliases: 'maybe' }), { method: 'DELETE' }), 400, 'INVALID_REQUEST');
      await expectError(await deleteVersionRequest(target, ref, 'ds', 'v7'), 404, 'VERSION_NOT_FOUND');
      await expectError(await deleteVersionRequest(target, ref, 'nope', 'v0'), 404, 'COLLECTION_NOT_FOUND');
      await expectError(await deleteVersionRequest(target, freshProject(), 'ds', 'v0'), 404, 'PROJECT_NOT_FOUND');
      await expectError(await deleteVersionRequest(target, ref, 'bad name!', 'v0'), 400, 'INVALID_NAME');
      await expectError(await restoreRequest(target, ref, 'ds', 'v7'), 404, 'VERSION_NOT_FOUND');
      await expectError(await target.fetch(apiPaths.collection(ref, 'nope'), { method: 'DELETE' }), 404, 'COLLECTION_NOT_FOUND');
      await expectError(await target.fetch(deletionPaths.versionPreview(ref, 'ds', 'v7')), 404, 'VERSION_NOT_FOUND');
      await expectError(await target.fetch(deletionPaths.collectionPreview(ref, 'nope')), 404, 'COLLECTION_NOT_FOUND');
      await expectError(await target.fetch(deletionPaths.pending(freshProject())), 404, 'PROJECT_NOT_FOUND');
      // The bulk body is checked first; an unknown project then fails each item on its own.
      const bulk = await sendJson(target, 'POST', deletionPaths.bulkDelete(freshProject()), { items: [{ collection: 'ds', version: 'v0' }] });
      expect((await expectJson(bulk, BulkResultSchema, 200)).results[0]?.error?.code).toBe('PROJECT_NOT_FOUND');
      await expectError(await sendJson(target, 'POST', deletionPaths.bulkRestore(ref), { items: 'all' }), 400, 'INVALID_REQUEST');
    },
  },
];

/** Cases where every delete happens in one instant (a frozen clock): a deletion is told apart by its id, never by its time. */
export const sameInstantCases: IsolatedContractCase[] = [
  {
    name: 'restoring a collection leaves deleted the versions deleted on their own in the same instant, singly or in bulk',
    gc: { enabled: true, graceSeconds: 86400 },
    frozenAt: Date.parse('2025-03-01T12:00:00.000Z'),
    async run(target) {
      const ref = freshProject();
      for (const path of ['a', 'b', 'c', 'd']) await logCommitted(target, ref, { name: 'ds', files: [testFile(path)] });
      const alone = await deleteVersion(target, ref, 'ds', 'v3', true);
      const bulk = await sendJson(target, 'POST', deletionPaths.bulkDelete(ref), { items: [{ collection: 'ds', version: 'v2' }], deleteAliases: true });
      expect(await expectJson(bulk, BulkResultSchema, 200)).toMatchObject({ succeeded: 1 });
      const inBulk = await getVersion(target, ref, 'ds', 'v2');
      const { collection } = await deleteCollection(target, ref, 'ds');
      // The same instant: a time cannot tell these deletions apart.
      expect([alone.deletedAt, inBulk.deletedAt]).toEqual([collection.deletedAt, collection.deletedAt]);

      const restored = await restoreCollection(target, ref, 'ds');
      expect(restored).toMatchObject({ versionsRestored: 2, versionsGone: 0, collection: { state: 'READY', versionCount: 2, pendingDeletionCount: 2 } });
      const all = await getJson(target, withQuery(apiPaths.versions(ref, 'ds'), { state: 'ALL' }), VersionPage);
      expect(all.items.map((v) => [v.version, v.state])).toEqual([
        ['v3', 'PENDING_DELETION'],
        ['v2', 'PENDING_DELETION'],
        ['v1', 'COMMITTED'],
        ['v0', 'COMMITTED'],
      ]);
      expect(await getVersion(target, ref, 'ds', 'v3')).toEqual(alone);
      expect(await getVersion(target, ref, 'ds', 'v2')).toEqual(inBulk);
      expect((await getVersion(target, ref, 'ds', 'latest')).version).toBe('v1');
    },
  },
];
