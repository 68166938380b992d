/** Contract cases of pagination: newest first, a null final cursor, and walks that inserts do not disturb. */
import { expect } from 'vitest';
import { apiPaths, withQuery, type ProjectRef } from '../../domain/api-paths';
import { CollectionSchema, pageSchema, VersionSchema } from '../../domain/schemas';
import { freshProject, getJson, logCommitted, testFile, type ContractCase, type ContractTarget } from '../client';

const VersionPage = pageSchema(VersionSchema);

async function versionPage(target: ContractTarget, ref: ProjectRef, cursor: string | null) {
  return getJson(target, withQuery(apiPaths.versions(ref, 'ds'), { limit: 3, cursor }), VersionPage);
}

async function logSeven(target: ContractTarget, ref: ProjectRef): Promise<void> {
  for (let i = 0; i < 7; i++) await logCommitted(target, ref, { name: 'ds', files: [testFile('a')] });
}

export const paginationCases: ContractCase[] = [
  {
    name: '7 versions with limit=3 come as 3 + 3 + 1, newest first, with a null final cursor',
    async run(target) {
      const ref = freshProject();
      await logSeven(target, ref);
      const first = await versionPage(target, ref, null);
      const second = await versionPage(target, ref, first.nextCursor);
      const third = await versionPage(target, ref, second.nextCursor);
      expect([first, second, third].map((page) => page.items.map((v) => v.version))).toEqual([['v6', 'v5', 'v4'], ['v3', 'v2', 'v1'], ['v0']]);
      expect(first.nextCursor).not.toBeNull();
      expect(second.nextCursor).not.toBeNull();
      expect(third.nextCursor).toBeNull();
    },
  },
  {
    name: 'a version logged during a walk neither duplicates nor skips the items of that walk',
    async run(target) {
      const ref = freshProject();
      await logSeven(target, ref);
      const first = await versionPage(target, ref, null);
      await logCommitted(target, ref, { name: 'ds', files: [testFile('a')] });
      const second = await versionPage(target, ref, first.nextCursor);
      const third = await versionPage(target, ref, second.nextCursor);
      const walked = [first, second, third].flatMap((page) => page.items.map((v) => v.version));
      expect(walked).toEqual(['v6', 'v5', 'v4', 'v3', 'v2', 'v1', 'v0']);
      expect(third.nextCursor).toBeNull();
      const fresh = await versionPage(target, ref, null);
      expect(fresh.items.map((v) => v.version)).toEqual(['v7', 'v6', 'v5']);
    },
  },
  {
    name: 'a collection created during a walk of the collection list does not disturb it',
    async run(target) {
      const ref = freshProject();
      for (const name of ['b', 'd', 'f']) await logCommitted(target, ref, { name, files: [testFile('a')] });
      const path = (cursor: string | null) => withQuery(apiPaths.collections(ref), { limit: 2, cursor });
      const first = await getJson(target, path(null), pageSchema(CollectionSchema));
      await logCommitted(target, ref, { name: 'a', files: [testFile('a')] });
      const second = await getJson(target, path(first.nextCursor), pageSchema(CollectionSchema));
      expect([...first.items, ...second.items].map((c) => c.name)).toEqual(['b', 'd', 'f']);
      expect(second.nextCursor).toBeNull();
    },
  },
];
