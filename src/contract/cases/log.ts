/** Contract cases of "Log a version": upload with deduplication, commit, indexes and aliases. */
import { expect } from 'vitest';
import { apiPaths, withQuery } from '../../domain/api-paths';
import { manifestText } from '../../domain/manifest';
import { BlobUploadResponseSchema, pageSchema, VersionSchema } from '../../domain/schemas';
import { sha256Hex } from '../../domain/sha256';
import { commit, entryOf, expectError, expectJson, freshProject, getJson, logCommitted, logVersion, putBlob, testFile, type ContractCase } from '../client';

const VersionPage = pageSchema(VersionSchema);

export const logCases: ContractCase[] = [
  {
    name: 'a version whose blobs are all stored is COMMITTED at once',
    async run(target) {
      const ref = freshProject();
      const a = testFile('a.txt');
      const b = testFile('b.txt');
      await logCommitted(target, ref, { name: 'ds', files: [a, b] });
      const { version, missingDigests } = await logVersion(target, ref, { name: 'ds', files: [b, a] });
      expect(missingDigests).toEqual([]);
      expect(version).toMatchObject({ state: 'COMMITTED', version: 'v1', index: 1, aliases: ['latest'] });
    },
  },
  {
    name: 'a version with missing blobs is PENDING until they are uploaded and it is committed',
    async run(target) {
      const ref = freshProject();
      const a = testFile('a.txt');
      const b = testFile('b.txt');
      const sameAsA = testFile('copy-of-a.txt', new TextDecoder().decode(a.bytes));
      const logged = await logVersion(target, ref, { name: 'ds', aliases: ['prod'], runId: 'run-1', files: [b, a, sameAsA] });
      // Unique, in order of first appearance.
      expect(logged.missingDigests).toEqual([b.digest, a.digest]);
      expect(logged.version).toMatchObject({ state: 'PENDING', version: null, index: null, aliases: [] });
      await putBlob(target, ref, a);
      await putBlob(target, ref, b);
      const committed = await commit(target, ref, logged.version.id);
      expect(committed).toMatchObject({ id: logged.version.id, state: 'COMMITTED', version: 'v0', index: 0, aliases: ['latest', 'prod'] });
      // Committing again changes nothing.
      expect(await commit(target, ref, logged.version.id)).toEqual(committed);
    },
  },
  {
    name: 'uploading a blob the entity already stores is deduplicated',
    async run(target) {
      const ref = freshProject();
      const file = testFile('a.bin');
      await logCommitted(target, ref, { name: 'ds', files: [file] });
      const response = await target.fetch(apiPaths.blob(ref, file.digest), { method: 'PUT', body: file.bytes });
      expect(await expectJson(response, BlobUploadResponseSchema, 201)).toEqual({ digest: file.digest, sizeBytes: file.sizeBytes, deduplicated: true });
    },
  },
  {
    name: 'committing with blobs missing is 409 MISSING_BLOBS with the missing digests',
    async run(target) {
      const ref = freshProject();
      const a = testFile('a.txt');
      const b = testFile('b.txt');
      const { version } = await logVersion(target, ref, { name: 'ds', files: [a, b] });
      await putBlob(target, ref, a);
      const error = await expectError(await target.fetch(apiPaths.commit(ref, version.id), { method: 'POST' }), 409, 'MISSING_BLOBS');
      expect(error.details.missingDigests).toEqual([b.digest]);
    },
  },
  {
    name: 'the version object carries its files, size, manifest digest and run',
    async run(target) {
      const ref = freshProject();
      const files = [testFile('z/last.bin'), testFile('first.txt')];
      const version = await logCommitted(target, ref, { type: 'model', name: 'net', runId: 'run-7', files });
      const fetched = await getJson(target, apiPaths.version(ref, 'net', 'v0'), VersionSchema);
      expect(fetched).toEqual(version);
      expect(fetched).toMatchObject({
        entity: ref.entity,
        project: ref.project,
        type: 'model',
        collection: 'net',
        fileCount: 2,
        sizeBytes: files[0]!.sizeBytes + files[1]!.sizeBytes,
        digest: sha256Hex(manifestText(files.map(entryOf))),
        createdBy: { runId: 'run-7' },
        deletedAt: null,
        deletedBy: null,
        ttl: { mode: 'inherit', days: null, expiresAt: null },
      });
      expect(new Date(fetched.createdAt).toISOString()).toBe(fetched.createdAt);
    },
  },
  {
    name: 'a blob uploaded under one entity is missing for another',
    async run(target) {
      const first = freshProject();
      const second = freshProject();
      const shared = testFile('shared.bin');
      await logCommitted(target, first, { name: 'ds', files: [shared] });
      const { version, missingDigests } = await logVersion(target, second, { name: 'ds', files: [shared] });
      expect(missingDigests).toEqual([shared.digest]);
      expect(version.state).toBe('PENDING');
    },
  },
  {
    name: 'latest follows the newest committed version and a given alias moves from an older one',
    async run(target) {
      const ref = freshProject();
      await logCommitted(target, ref, { name: 'ds', aliases: ['prod'], files: [testFile('a')] });
      await logCommitted(target, ref, { name: 'ds', files: [testFile('a')] });
      let page = await getJson(target, apiPaths.versions(ref, 'ds'), VersionPage);
      expect(page.items.map((v) => [v.version, v.aliases])).toEqual([
        ['v1', ['latest']],
        ['v0', ['prod']],
      ]);
      await logCommitted(target, ref, { name: 'ds', aliases: ['zeta', 'prod'], files: [testFile('a')] });
      page = await getJson(target, apiPaths.versions(ref, 'ds'), VersionPage);
      expect(page.items.map((v) => [v.version, v.aliases])).toEqual([
        ['v2', ['latest', 'prod', 'zeta']],
        ['v1', []],
        ['v0', []],
      ]);
    },
  },
  {
    name: 'a version is addressed by vN and by its aliases, and ?alias= filters the list',
    async run(target) {
      const ref = freshProject();
      const v0 = await logCommitted(target, ref, { name: 'ds', aliases: ['best'], files: [testFile('a')] });
      const v1 = await logCommitted(target, ref, { name: 'ds', files: [testFile('a')] });
      expect((await getJson(target, apiPaths.version(ref, 'ds', 'v0'), VersionSchema)).id).toBe(v0.id);
      expect((await getJson(target, apiPaths.version(ref, 'ds', 'best'), VersionSchema)).id).toBe(v0.id);
      expect((await getJson(target, apiPaths.version(ref, 'ds', 'latest'), VersionSchema)).id).toBe(v1.id);
      const filtered = await getJson(target, withQuery(apiPaths.versions(ref, 'ds'), { alias: 'best' }), VersionPage);
      expect(filtered).toMatchObject({ items: [{ id: v0.id }], nextCursor: null });
      const none = await getJson(target, withQuery(apiPaths.versions(ref, 'ds'), { alias: 'nobody' }), VersionPage);
      expect(none).toEqual({ items: [], nextCursor: null });
    },
  },
  {
    name: 'state=ALL lists PENDING versions first, the default lists COMMITTED only',
    async run(target) {
      const ref = freshProject();
      const committed = await logCommitted(target, ref, { name: 'ds', files: [testFile('a')] });
      const older = await logVersion(target, ref, { name: 'ds', files: [testFile('b')] });
      const newer = await logVersion(target, ref, { name: 'ds', files: [testFile('c')] });
      const all = await getJson(target, withQuery(apiPaths.versions(ref, 'ds'), { state: 'ALL' }), VersionPage);
      expect(all.items.map((v) => v.id)).toEqual([newer.version.id, older.version.id, committed.id]);
      const byDefault = await getJson(target, apiPaths.versions(ref, 'ds'), VersionPage);
      expect(byDefault.items.map((v) => v.id)).toEqual([committed.id]);
    },
  },
];
