/**
 * Contract cases of issue 9: a restore brings back the aliases its deletion removed (unless another
 * version holds them now), a version the TTL scanner deleted keeps its restore, and aliases can be
 * edited (PUT a version's aliases, move one alias).
 */
import { expect } from 'vitest';
import { apiPaths, deletionPaths, withQuery, type ProjectRef } from '../../domain/api-paths';
import { PendingDeletionPageSchema } from '../../domain/deletion';
import { pageSchema, ProjectSettingsSchema, RestoredVersionSchema, TtlPreviewSchema, VersionSchema, type Version } from '../../domain/schemas';
import { expectError, expectJson, freshProject, getJson, logCommitted, sendJson, testFile, type ContractCase, type ContractTarget } from '../client';
import { deleteCollection, deleteVersion, getCollection, getVersion, restoreCollection, restoreRequest } from '../deletion-client';

/** Restores a version, expecting `200` with the bare Version plus `aliasesNotRestored` and `ttlDisabled`. */
async function restore(target: ContractTarget, ref: ProjectRef, collection: string, version: string) {
  return expectJson(await restoreRequest(target, ref, collection, version), RestoredVersionSchema.strict(), 200);
}

function putAliasesRequest(target: ContractTarget, ref: ProjectRef, collection: string, version: string, body: unknown): Promise<Response> {
  return sendJson(target, 'PUT', deletionPaths.versionAliases(ref, collection, version), body);
}

async function putAliases(target: ContractTarget, ref: ProjectRef, collection: string, version: string, aliases: string[]): Promise<Version> {
  return expectJson(await putAliasesRequest(target, ref, collection, version, { aliases }), VersionSchema.strict(), 200);
}

function moveRequest(target: ContractTarget, ref: ProjectRef, collection: string, alias: string, body: unknown): Promise<Response> {
  return sendJson(target, 'POST', deletionPaths.moveAlias(ref, collection, alias), body);
}

/** Every version of `ds`, newest first, as [version, aliases]. */
async function aliasesByVersion(target: ContractTarget, ref: ProjectRef, collection = 'ds'): Promise<[string | null, string[]][]> {
  const page = await getJson(target, withQuery(apiPaths.versions(ref, collection), { state: 'ALL' }), pageSchema(VersionSchema));
  return page.items.map((v) => [v.version, v.aliases]);
}

/** Waits until the clock has passed `iso`: a TTL of a few milliseconds then has run out. */
async function clockPast(iso: string): Promise<void> {
  const at = Date.parse(iso);
  while (Date.now() <= at + 2) await new Promise((resolve) => setTimeout(resolve, 2));
}

export const aliasCases: ContractCase[] = [
  {
    name: 'undoing a collection delete brings back staging, best and prod; the pending list shows the aliases each version had',
    async run(target) {
      const ref = freshProject();
      await logCommitted(target, ref, { name: 'mnist-test', files: [testFile('a')] });
      await logCommitted(target, ref, { name: 'mnist-test', aliases: ['staging'], files: [testFile('b')] });
      await logCommitted(target, ref, { name: 'mnist-test', aliases: ['best'], files: [testFile('c')] });
      await logCommitted(target, ref, { name: 'mnist-test', aliases: ['prod'], files: [testFile('d')] });
      await deleteCollection(target, ref, 'mnist-test');

      const pending = await getJson(target, deletionPaths.pending(ref), PendingDeletionPageSchema);
      expect(pending.items.map((i) => [i.version.version, i.version.aliases, i.version.deletedAliases])).toEqual([
        ['v3', [], ['prod']],
        ['v2', [], ['best']],
        ['v1', [], ['staging']],
        ['v0', [], []],
      ]);
      expect((await getVersion(target, ref, 'mnist-test', 'v3')).deletedAliases).toEqual(['prod']);

      const restored = await restoreCollection(target, ref, 'mnist-test');
      expect(restored).toMatchObject({ versionsRestored: 4, versionsGone: 0, aliasesNotRestored: [] });
      expect(await aliasesByVersion(target, ref, 'mnist-test')).toEqual([
        ['v3', ['latest', 'prod']],
        ['v2', ['best']],
        ['v1', ['staging']],
        ['v0', []],
      ]);
      expect((await getVersion(target, ref, 'mnist-test', 'prod')).deletedAliases).toEqual([]);
    },
  },
  {
    name: 'restoring a version brings its aliases back (mnist-train:v8 gets prod again), latest recomputed, never stored',
    async run(target) {
      const ref = freshProject();
      await logCommitted(target, ref, { name: 'ds', files: [testFile('a')] });
      await logCommitted(target, ref, { name: 'ds', aliases: ['prod'], files: [testFile('b')] });
      await logCommitted(target, ref, { name: 'ds', aliases: ['best'], files: [testFile('c')] });
      const deleted = await deleteVersion(target, ref, 'ds', 'prod', true);
      expect(deleted).toMatchObject({ version: 'v1', aliases: [], deletedAliases: ['prod'] });
      // latest is Attic's: it moves on delete and is recomputed on restore, never remembered.
      expect(await deleteVersion(target, ref, 'ds', 'latest', true)).toMatchObject({ version: 'v2', deletedAliases: ['best'] });
      expect((await getVersion(target, ref, 'ds', 'latest')).version).toBe('v0');

      const v1 = await restore(target, ref, 'ds', 'v1');
      expect(v1).toMatchObject({
        version: 'v1',
        state: 'COMMITTED',
        aliases: ['latest', 'prod'],
        deletedAliases: [],
        aliasesNotRestored: [],
        ttlDisabled: false,
      });
      // The answer is the Version reads give from now on, plus what the restore could not do.
      const { aliasesNotRestored: _notRestored, ttlDisabled: _ttlDisabled, ...bare } = v1;
      expect(await getVersion(target, ref, 'ds', 'v1')).toEqual(bare);
      expect(await restore(target, ref, 'ds', 'v2')).toMatchObject({ aliases: ['latest', 'best'], aliasesNotRestored: [] });
      expect(await aliasesByVersion(target, ref)).toEqual([
        ['v2', ['latest', 'best']],
        ['v1', ['prod']],
        ['v0', []],
      ]);
      // Restoring what is not pending deletion answers it unchanged.
      expect(await restore(target, ref, 'ds', 'v1')).toMatchObject({ aliases: ['prod'], aliasesNotRestored: [], ttlDisabled: false });
    },
  },
  {
    name: 'an alias another version took meanwhile stays there and is named in aliasesNotRestored',
    async run(target) {
      const ref = freshProject();
      await logCommitted(target, ref, { name: 'ds', aliases: ['prod', 'staging'], files: [testFile('a')] });
      await logCommitted(target, ref, { name: 'ds', files: [testFile('b')] });
      await deleteVersion(target, ref, 'ds', 'v0', true);
      await putAliases(target, ref, 'ds', 'v1', ['latest', 'prod']);
      const bulk = await sendJson(target, 'POST', deletionPaths.bulkRestore(ref), { items: [{ collection: 'ds', version: 'v0' }] });
      const result = (await bulk.json()) as { results: { result: { aliases: string[]; aliasesNotRestored: string[] } }[] };
      expect(result.results[0]!.result).toMatchObject({ aliases: ['staging'], aliasesNotRestored: ['prod'] });
      expect(await aliasesByVersion(target, ref)).toEqual([
        ['v1', ['latest', 'prod']],
        ['v0', ['staging']],
      ]);
    },
  },
  {
    name: 'restoring a version the TTL scan deleted brings its alias back and turns its TTL off, so the next scan leaves it',
    async run(target) {
      const ref = freshProject();
      await logCommitted(target, ref, { name: 'ds', aliases: ['best'], files: [testFile('a')] });
      await logCommitted(target, ref, { name: 'ds', files: [testFile('b')] });
      // A TTL of under a millisecond: the real clock runs it out at once.
      const short = await expectJson(await sendJson(target, 'PUT', deletionPaths.ttl(ref, 'ds', 'best'), { mode: 'custom', days: 1e-8 }), VersionSchema, 200);
      await clockPast(short.ttl.expiresAt!);
      await target.expireVersions();
      expect(await getVersion(target, ref, 'ds', 'v0')).toMatchObject({ state: 'PENDING_DELETION', deletedBy: 'ttl', aliases: [], deletedAliases: ['best'] });

      const restored = await restore(target, ref, 'ds', 'v0');
      expect(restored).toMatchObject({
        state: 'COMMITTED',
        aliases: ['best'],
        ttl: { mode: 'disabled', days: null, expiresAt: null },
        ttlDisabled: true,
        aliasesNotRestored: [],
      });
      await target.expireVersions();
      expect(await getVersion(target, ref, 'ds', 'best')).toMatchObject({ version: 'v0', state: 'COMMITTED', ttl: { mode: 'disabled' } });

      // A version a person deleted keeps its TTL when restored.
      await sendJson(target, 'PUT', deletionPaths.ttl(ref, 'ds', 'v1'), { mode: 'custom', days: 400 });
      await deleteVersion(target, ref, 'ds', 'v1', true);
      expect(await restore(target, ref, 'ds', 'v1')).toMatchObject({ ttl: { mode: 'custom', days: 400 }, ttlDisabled: false });
    },
  },
  {
    name: 'PUT aliases sets exactly these, moving one another version held; latest is managed; names and states are checked',
    async run(target) {
      const ref = freshProject();
      await logCommitted(target, ref, { name: 'ds', files: [testFile('a')] });
      await logCommitted(target, ref, { name: 'ds', files: [testFile('b')] });
      await logCommitted(target, ref, { name: 'ds', files: [testFile('c')] });
      const before = await getCollection(target, ref, 'ds');

      const v0 = await putAliases(target, ref, 'ds', 'v0', ['prod', 'best', 'prod']);
      expect(v0).toMatchObject({ version: 'v0', aliases: ['best', 'prod'] });
      expect(await getVersion(target, ref, 'ds', 'v0')).toEqual(v0);
      // best moves to v2, which keeps latest; prod stays on v0.
      expect(await putAliases(target, ref, 'ds', 'latest', ['latest', 'best'])).toMatchObject({ version: 'v2', aliases: ['latest', 'best'] });
      expect(await aliasesByVersion(target, ref)).toEqual([
        ['v2', ['latest', 'best']],
        ['v1', []],
        ['v0', ['prod']],
      ]);
      expect(await putAliases(target, ref, 'ds', 'prod', [])).toMatchObject({ version: 'v0', aliases: [] });
      await expectError(await target.fetch(apiPaths.version(ref, 'ds', 'prod')), 404, 'VERSION_NOT_FOUND');
      // Aliases are not files or versions: the collection's counts do not change.
      expect(await getCollection(target, ref, 'ds')).toMatchObject({ versionCount: before.versionCount, sizeBytes: before.sizeBytes });

      // latest can be neither given nor taken by hand.
      expect((await expectError(await putAliasesRequest(target, ref, 'ds', 'v1', { aliases: ['latest'] }), 400, 'ALIAS_MANAGED')).details).toMatchObject({
        alias: 'latest',
      });
      await expectError(await putAliasesRequest(target, ref, 'ds', 'v2', { aliases: ['best'] }), 400, 'ALIAS_MANAGED');
      for (const alias of ['v3', 'has space', ''])
        await expectError(await putAliasesRequest(target, ref, 'ds', 'v1', { aliases: [alias] }), 400, 'INVALID_NAME');
      for (const body of [{}, { aliases: 'prod' }, { aliases: [3] }, []])
        await expectError(await putAliasesRequest(target, ref, 'ds', 'v1', body), 400, 'INVALID_REQUEST');
      expect(await aliasesByVersion(target, ref)).toEqual([
        ['v2', ['latest', 'best']],
        ['v1', []],
        ['v0', []],
      ]);

      // Only COMMITTED versions hold aliases.
      await deleteVersion(target, ref, 'ds', 'v0');
      const pending = await expectError(await putAliasesRequest(target, ref, 'ds', 'v0', { aliases: ['prod'] }), 409, 'NOT_COMMITTED');
      expect(pending.details).toMatchObject({ collection: 'ds', version: 'v0', state: 'PENDING_DELETION' });
      await expectError(await putAliasesRequest(target, ref, 'ds', 'v9', { aliases: ['prod'] }), 404, 'VERSION_NOT_FOUND');
      await expectError(await putAliasesRequest(target, ref, 'nope', 'v0', { aliases: ['prod'] }), 404, 'COLLECTION_NOT_FOUND');
      // The body is checked before the path, as on every route with a body.
      await expectError(await putAliasesRequest(target, freshProject(), 'ds', 'v0', { aliases: ['v1'] }), 400, 'INVALID_NAME');
    },
  },
  {
    name: 'POST aliases/:alias/move gives the alias to another version and answers that version; 404 ALIAS_NOT_FOUND, ALIAS_MANAGED, NOT_COMMITTED',
    async run(target) {
      const ref = freshProject();
      await logCommitted(target, ref, { name: 'ds', files: [testFile('a')] });
      await logCommitted(target, ref, { name: 'ds', aliases: ['prod'], files: [testFile('b')] });
      await logCommitted(target, ref, { name: 'ds', files: [testFile('c')] });

      const moved = await expectJson(await moveRequest(target, ref, 'ds', 'prod', { to: 'v0' }), VersionSchema.strict(), 200);
      expect(moved).toMatchObject({ version: 'v0', aliases: ['prod'] });
      expect(moved).toEqual(await getVersion(target, ref, 'ds', 'prod'));
      expect((await getVersion(target, ref, 'ds', 'v1')).aliases).toEqual([]);
      // To the version that holds it: nothing changes. `to` may be an alias.
      expect(await expectJson(await moveRequest(target, ref, 'ds', 'prod', { to: 'v0' }), VersionSchema, 200)).toEqual(moved);
      expect(await expectJson(await moveRequest(target, ref, 'ds', 'prod', { to: 'latest' }), VersionSchema, 200)).toMatchObject({
        version: 'v2',
        aliases: ['latest', 'prod'],
      });

      expect((await expectError(await moveRequest(target, ref, 'ds', 'staging', { to: 'v0' }), 404, 'ALIAS_NOT_FOUND')).details).toMatchObject({
        alias: 'staging',
      });
      await expectError(await moveRequest(target, ref, 'ds', 'latest', { to: 'v0' }), 400, 'ALIAS_MANAGED');
      await expectError(await moveRequest(target, ref, 'ds', 'v1', { to: 'v0' }), 400, 'INVALID_NAME');
      await expectError(await moveRequest(target, ref, 'ds', 'prod', { to: 'v9' }), 404, 'VERSION_NOT_FOUND');
      await expectError(await moveRequest(target, ref, 'ds', 'prod', { to: 'bad name' }), 400, 'INVALID_NAME');
      for (const body of [{}, { to: 3 }]) await expectError(await moveRequest(target, ref, 'ds', 'prod', body), 400, 'INVALID_REQUEST');
      await expectError(await moveRequest(target, ref, 'nope', 'prod', { to: 'v0' }), 404, 'COLLECTION_NOT_FOUND');
      await deleteVersion(target, ref, 'ds', 'v0');
      await expectError(await moveRequest(target, ref, 'ds', 'prod', { to: 'v0' }), 409, 'NOT_COMMITTED');
      expect((await getVersion(target, ref, 'ds', 'prod')).version).toBe('v2');
    },
  },
  {
    name: 'GET settings answers the default; the TTL preview counts the versions a default would expire now, changing nothing',
    async run(target) {
      const ref = freshProject();
      const SettingsAnswer = ProjectSettingsSchema.strict();
      const Preview = TtlPreviewSchema.strict();
      await expectError(await target.fetch(deletionPaths.settings(ref)), 404, 'PROJECT_NOT_FOUND');
      const versions: Version[] = [];
      for (const name of ['a', 'b', 'c', 'd']) versions.push(await logCommitted(target, ref, { name: 'ds', files: [testFile(name)] }));
      expect(await getJson(target, deletionPaths.settings(ref), SettingsAnswer)).toEqual({ defaultTtlDays: null });
      await sendJson(target, 'PUT', deletionPaths.settings(ref), { defaultTtlDays: 30 });
      expect(await getJson(target, deletionPaths.settings(ref), SettingsAnswer)).toEqual({ defaultTtlDays: 30 });

      await sendJson(target, 'PUT', deletionPaths.ttl(ref, 'ds', 'v3'), { mode: 'disabled' });
      await sendJson(target, 'PUT', deletionPaths.ttl(ref, 'ds', 'v2'), { mode: 'custom', days: 365 });
      await deleteVersion(target, ref, 'ds', 'v1');
      expect(await getJson(target, deletionPaths.ttlPreview(ref, 30), Preview)).toEqual({ defaultTtlDays: 30, versionsInheriting: 1, versionsExpiringNow: 0 });
      // A default of under a millisecond: v0, the one COMMITTED version inheriting, has outlived it.
      await clockPast(new Date(Date.parse(versions[3]!.createdAt) + 1).toISOString());
      expect(await getJson(target, deletionPaths.ttlPreview(ref, 1e-8), Preview)).toEqual({
        defaultTtlDays: 1e-8,
        versionsInheriting: 1,
        versionsExpiringNow: 1,
      });
      expect(await getJson(target, deletionPaths.ttlPreview(ref, null), Preview)).toEqual({
        defaultTtlDays: null,
        versionsInheriting: 1,
        versionsExpiringNow: 0,
      });
      expect(await getJson(target, deletionPaths.settings(ref), SettingsAnswer)).toEqual({ defaultTtlDays: 30 });

      const path = `${apiPaths.project(ref)}/settings/ttl-preview`;
      for (const query of ['', '?defaultTtlDays=0', '?defaultTtlDays=soon', '?defaultTtlDays=-1'])
        await expectError(await target.fetch(`${path}${query}`), 400, 'INVALID_TTL');
      await expectError(await target.fetch(deletionPaths.ttlPreview(freshProject(), 3)), 404, 'PROJECT_NOT_FOUND');
    },
  },
];
