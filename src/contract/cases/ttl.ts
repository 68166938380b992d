/**
 * Contract cases of "TTL": a version's own TTL, the project default its `inherit` picks up, and
 * `400 INVALID_TTL`. The scanner that soft-deletes expired versions has no route: the server's
 * `ttl.test.ts` and the mock's `ttl.test.ts` drive it on an injected clock.
 */
import { expect } from 'vitest';
import { apiPaths, deletionPaths, type ProjectRef } from '../../domain/api-paths';
import { pageSchema, ProjectSettingsSchema, VersionSchema, type Version } from '../../domain/schemas';
import { expectError, expectJson, freshProject, getJson, logCommitted, sendJson, testFile, type ContractCase, type ContractTarget } from '../client';
import { deleteVersion, getCollection, getVersion } from '../deletion-client';

const DAY_MS = 86_400_000;
const VersionPage = pageSchema(VersionSchema);
/** The settings answer is exactly `{defaultTtlDays}`. */
const SettingsAnswer = ProjectSettingsSchema.strict();

/** `createdAt` plus `days`, as the contract defines `expiresAt`. */
function expiresAt(version: Version, days: number): string {
  return new Date(Date.parse(version.createdAt) + days * DAY_MS).toISOString();
}

function ttlRequest(target: ContractTarget, ref: ProjectRef, collection: string, version: string, body: unknown): Promise<Response> {
  return sendJson(target, 'PUT', deletionPaths.ttl(ref, collection, version), body);
}

/** `PUT .../versions/:version/ttl`, expecting `200` with the bare Version. */
async function setTtl(target: ContractTarget, ref: ProjectRef, collection: string, version: string, body: unknown): Promise<Version> {
  return expectJson(await ttlRequest(target, ref, collection, version, body), VersionSchema, 200);
}

function settingsRequest(target: ContractTarget, ref: ProjectRef, body: unknown): Promise<Response> {
  return sendJson(target, 'PUT', deletionPaths.settings(ref), body);
}

/** `PUT .../settings`, expecting `200 {defaultTtlDays}` echoing what was set. */
async function setDefault(target: ContractTarget, ref: ProjectRef, defaultTtlDays: number | null): Promise<void> {
  expect(await expectJson(await settingsRequest(target, ref, { defaultTtlDays }), SettingsAnswer, 200)).toEqual({ defaultTtlDays });
}

/** Logs `count` committed versions of collection `ds` (v0 ... v{count-1}; the last carries `latest`). */
async function logVersions(target: ContractTarget, ref: ProjectRef, count: number): Promise<Version[]> {
  const versions: Version[] = [];
  for (let i = 0; i < count; i++) versions.push(await logCommitted(target, ref, { name: 'ds', files: [testFile('a')] }));
  return versions;
}

export const ttlCases: ContractCase[] = [
  {
    name: 'a new version inherits with no default: no days, no expiry',
    async run(target) {
      const ref = freshProject();
      const [v0] = await logVersions(target, ref, 1);
      expect(v0!.ttl).toEqual({ mode: 'inherit', days: null, expiresAt: null });
      expect((await getVersion(target, ref, 'ds', 'v0')).ttl).toEqual({ mode: 'inherit', days: null, expiresAt: null });
    },
  },
  {
    name: 'PUT ttl custom answers the bare Version with its days and expiresAt = createdAt + days (fractions allowed); disabled has neither',
    async run(target) {
      const ref = freshProject();
      await logVersions(target, ref, 3);
      const collection = await getCollection(target, ref, 'ds');

      const custom = await setTtl(target, ref, 'ds', 'v0', { mode: 'custom', days: 1.5 });
      const before = await getVersion(target, ref, 'ds', 'v1');
      expect(custom).toMatchObject({ version: 'v0', state: 'COMMITTED' });
      expect(custom.ttl).toEqual({ mode: 'custom', days: 1.5, expiresAt: expiresAt(custom, 1.5) });
      // The answer is what reads give from now on, in the list too.
      expect(await getVersion(target, ref, 'ds', 'v0')).toEqual(custom);
      const listed = (await getJson(target, apiPaths.versions(ref, 'ds'), VersionPage)).items;
      expect(listed.find((v) => v.version === 'v0')).toEqual(custom);

      const disabled = await setTtl(target, ref, 'ds', 'v1', { mode: 'disabled' });
      expect(disabled).toEqual({ ...before, ttl: { mode: 'disabled', days: null, expiresAt: null } });

      // Addressed by an alias; setting a TTL again replaces it.
      const latest = await setTtl(target, ref, 'ds', 'latest', { mode: 'custom', days: 7 });
      expect(latest.version).toBe('v2');
      expect(latest.ttl).toEqual({ mode: 'custom', days: 7, expiresAt: expiresAt(latest, 7) });
      expect((await setTtl(target, ref, 'ds', 'v2', { mode: 'custom', days: 0.25 })).ttl).toEqual({
        mode: 'custom',
        days: 0.25,
        expiresAt: expiresAt(latest, 0.25),
      });
      // Back to inherit: its own days are gone, and with no project default nothing expires.
      expect((await setTtl(target, ref, 'ds', 'v0', { mode: 'inherit', days: 3 })).ttl).toEqual({ mode: 'inherit', days: null, expiresAt: null });

      // A TTL is not a change to the collection.
      expect(await getCollection(target, ref, 'ds')).toEqual(collection);
    },
  },
  {
    name: 'PUT settings answers {defaultTtlDays}; inherit versions take the default up, custom and disabled keep theirs; null clears it',
    async run(target) {
      const ref = freshProject();
      const [v0] = await logVersions(target, ref, 3);
      await setTtl(target, ref, 'ds', 'v1', { mode: 'custom', days: 2 });
      await setTtl(target, ref, 'ds', 'v2', { mode: 'disabled' });

      await setDefault(target, ref, 30);
      expect((await getVersion(target, ref, 'ds', 'v0')).ttl).toEqual({ mode: 'inherit', days: 30, expiresAt: expiresAt(v0!, 30) });
      const v1 = await getVersion(target, ref, 'ds', 'v1');
      expect(v1.ttl).toEqual({ mode: 'custom', days: 2, expiresAt: expiresAt(v1, 2) });
      expect((await getVersion(target, ref, 'ds', 'v2')).ttl).toEqual({ mode: 'disabled', days: null, expiresAt: null });

      // A version logged later inherits the default too, and so does one switched back to inherit.
      const v3 = await logCommitted(target, ref, { name: 'ds', files: [testFile('a')] });
      expect(v3.ttl).toEqual({ mode: 'inherit', days: 30, expiresAt: expiresAt(v3, 30) });
      expect((await setTtl(target, ref, 'ds', 'v1', { mode: 'inherit' })).ttl).toEqual({ mode: 'inherit', days: 30, expiresAt: expiresAt(v1, 30) });

      await setDefault(target, ref, 0.5);
      const page = await getJson(target, apiPaths.versions(ref, 'ds'), VersionPage);
      expect(page.items.map((v) => [v.version, v.ttl.days])).toEqual([
        ['v3', 0.5],
        ['v2', null],
        ['v1', 0.5],
        ['v0', 0.5],
      ]);
      expect(page.items.find((v) => v.version === 'v0')!.ttl.expiresAt).toBe(expiresAt(v0!, 0.5));

      await setDefault(target, ref, null);
      expect((await getVersion(target, ref, 'ds', 'v0')).ttl).toEqual({ mode: 'inherit', days: null, expiresAt: null });
    },
  },
  {
    name: 'a version pending deletion can be given a TTL and stays as it is otherwise',
    async run(target) {
      const ref = freshProject();
      await logVersions(target, ref, 2);
      const deleted = await deleteVersion(target, ref, 'ds', 'v0');
      const answer = await setTtl(target, ref, 'ds', 'v0', { mode: 'custom', days: 1 });
      expect(answer).toEqual({ ...deleted, ttl: { mode: 'custom', days: 1, expiresAt: expiresAt(deleted, 1) } });
    },
  },
  {
    name: 'PUT ttl without a positive custom days, with days: null in any mode, or with an unknown mode, is 400 INVALID_TTL and changes nothing',
    async run(target) {
      const ref = freshProject();
      await logVersions(target, ref, 1);
      await setTtl(target, ref, 'ds', 'v0', { mode: 'custom', days: 4 });
      const before = await getVersion(target, ref, 'ds', 'v0');
      for (const body of [
        { mode: 'custom' },
        { mode: 'custom', days: 0 },
        { mode: 'custom', days: -2 },
        { mode: 'custom', days: '3' },
        { mode: 'custom', days: null },
        // `days: null` is refused whatever the mode (docs/behaviour.md), not silently dropped.
        { mode: 'inherit', days: null },
        { mode: 'disabled', days: null },
        { mode: 'forever' },
        { days: 3 },
        {},
        [],
      ]) {
        await expectError(await ttlRequest(target, ref, 'ds', 'v0', body), 400, 'INVALID_TTL');
      }
      // An empty body counts as {}.
      await expectError(await target.fetch(deletionPaths.ttl(ref, 'ds', 'v0'), { method: 'PUT' }), 400, 'INVALID_TTL');
      expect(await getVersion(target, ref, 'ds', 'v0')).toEqual(before);
      // A body that is not JSON is not a TTL request at all.
      const notJson = await target.fetch(deletionPaths.ttl(ref, 'ds', 'v0'), { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{' });
      await expectError(notJson, 400, 'INVALID_REQUEST');
    },
  },
  {
    name: 'PUT settings with anything but a positive number or null is 400 INVALID_TTL and keeps the default',
    async run(target) {
      const ref = freshProject();
      const [v0] = await logVersions(target, ref, 1);
      await setDefault(target, ref, 10);
      for (const body of [{ defaultTtlDays: 0 }, { defaultTtlDays: -1 }, { defaultTtlDays: 'soon' }, { defaultTtlDays: false }, {}, { ttl: 3 }]) {
        await expectError(await settingsRequest(target, ref, body), 400, 'INVALID_TTL');
      }
      expect((await getVersion(target, ref, 'ds', 'v0')).ttl).toEqual({ mode: 'inherit', days: 10, expiresAt: expiresAt(v0!, 10) });
    },
  },
  {
    name: 'PUT ttl of an unknown version, collection or project is 404; the body is checked first',
    async run(target) {
      const ref = freshProject();
      await logVersions(target, ref, 1);
      const ttl = { mode: 'disabled' };
      await expectError(await ttlRequest(target, ref, 'ds', 'v1', ttl), 404, 'VERSION_NOT_FOUND');
      await expectError(await ttlRequest(target, ref, 'ds', 'prod', ttl), 404, 'VERSION_NOT_FOUND');
      await expectError(await ttlRequest(target, ref, 'nope', 'v0', ttl), 404, 'COLLECTION_NOT_FOUND');
      await expectError(await ttlRequest(target, { ...ref, project: 'nope' }, 'ds', 'v0', ttl), 404, 'PROJECT_NOT_FOUND');
      await expectError(await ttlRequest(target, ref, 'ds', 'bad name', ttl), 400, 'INVALID_NAME');
      // As on every route with a body: a bad body is 400 before any lookup.
      await expectError(await ttlRequest(target, ref, 'ds', 'v1', { mode: 'custom' }), 400, 'INVALID_TTL');
    },
  },
  {
    name: 'PUT settings of an unknown project is 404 PROJECT_NOT_FOUND; the body is checked first',
    async run(target) {
      const ref = freshProject();
      await expectError(await settingsRequest(target, ref, { defaultTtlDays: 3 }), 404, 'PROJECT_NOT_FOUND');
      await expectError(await settingsRequest(target, ref, { defaultTtlDays: 0 }), 400, 'INVALID_TTL');
      await expectError(await settingsRequest(target, { ...ref, project: 'bad name' }, { defaultTtlDays: 3 }), 400, 'INVALID_NAME');
    },
  },
];
