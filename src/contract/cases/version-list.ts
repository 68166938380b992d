/** Contract cases of the version list's filters, sorts and count (the web app's table and its "select all that match"). */
import { expect } from 'vitest';
import { apiPaths, withQuery, type ProjectRef } from '../../domain/api-paths';
import { VersionListPageSchema, type VersionListPage } from '../../domain/version-list';
import { expectError, freshProject, getJson, logCommitted, type ContractCase, type ContractTarget } from '../client';
import { sizedFile } from '../deletion-client';

/** ds: v0 (run r1, 100 B), v1 (prod, 300 B), v2 (run r1, 200 B), v3 (latest, 50 B). */
async function layout(target: ContractTarget) {
  const ref = freshProject();
  const v0 = await logCommitted(target, ref, { name: 'ds', runId: 'r1', files: [sizedFile('a', 100)] });
  await logCommitted(target, ref, { name: 'ds', aliases: ['prod'], files: [sizedFile('b', 300)] });
  await logCommitted(target, ref, { name: 'ds', runId: 'r1', files: [sizedFile('c', 200)] });
  const v3 = await logCommitted(target, ref, { name: 'ds', files: [sizedFile('d', 50)] });
  return { ref, v0, v3 };
}

async function labels(target: ContractTarget, ref: ProjectRef, query: Record<string, string>): Promise<string[]> {
  const page = await getJson(target, withQuery(apiPaths.versions(ref, 'ds'), query), VersionListPageSchema);
  return page.items.map((v) => v.version ?? 'uploading');
}

export const versionListCases: ContractCase[] = [
  {
    name: 'the versions list narrows by noAliases, alias, runId and strict created times, every condition given holding',
    async run(target) {
      const { ref, v0, v3 } = await layout(target);
      expect(await labels(target, ref, { noAliases: 'true' })).toEqual(['v2', 'v0']);
      expect(await labels(target, ref, { noAliases: 'false' })).toEqual(['v3', 'v2', 'v1', 'v0']);
      expect(await labels(target, ref, { alias: 'prod' })).toEqual(['v1']);
      expect(await labels(target, ref, { runId: 'r1' })).toEqual(['v2', 'v0']);
      expect(await labels(target, ref, { runId: 'r1', noAliases: 'true', alias: 'prod' })).toEqual([]);
      expect(await labels(target, ref, { createdAfter: '2000-01-01T00:00:00Z' })).toEqual(['v3', 'v2', 'v1', 'v0']);
      expect(await labels(target, ref, { createdBefore: '2000-01-01T00:00:00Z' })).toEqual([]);
      expect(await labels(target, ref, { createdAfter: v0.createdAt })).not.toContain('v0');
      expect(await labels(target, ref, { createdBefore: v3.createdAt })).not.toContain('v3');
    },
  },
  {
    name: 'the versions list sorts newest, oldest, largest or smallest first, and its cursors walk each order',
    async run(target) {
      const { ref } = await layout(target);
      expect(await labels(target, ref, { sort: 'newest' })).toEqual(['v3', 'v2', 'v1', 'v0']);
      expect(await labels(target, ref, { sort: 'oldest' })).toEqual(['v0', 'v1', 'v2', 'v3']);
      expect(await labels(target, ref, { sort: 'largest' })).toEqual(['v1', 'v2', 'v0', 'v3']);
      expect(await labels(target, ref, { sort: 'smallest' })).toEqual(['v3', 'v0', 'v2', 'v1']);
      for (const [sort, order] of [
        ['largest', ['v1', 'v2', 'v0', 'v3']],
        ['oldest', ['v0', 'v1', 'v2', 'v3']],
      ] as const) {
        const walked: string[] = [];
        let cursor: string | null = null;
        do {
          const page: VersionListPage = await getJson(target, withQuery(apiPaths.versions(ref, 'ds'), { sort, limit: 1, cursor }), VersionListPageSchema);
          walked.push(...page.items.map((v) => v.version ?? ''));
          cursor = page.nextCursor;
        } while (cursor);
        expect(walked).toEqual(order);
      }
    },
  },
  {
    name: 'count=true adds totalCount, the number of versions matching across all pages; bad filter values are 400 INVALID_REQUEST',
    async run(target) {
      const { ref } = await layout(target);
      const path = apiPaths.versions(ref, 'ds');
      const counted = await getJson(target, withQuery(path, { noAliases: true, count: true, limit: 1 }), VersionListPageSchema);
      expect(counted).toMatchObject({ totalCount: 2, items: [{ version: 'v2' }] });
      expect(counted.nextCursor).not.toBeNull();
      expect(await getJson(target, withQuery(path, { count: true, state: 'PENDING_DELETION' }), VersionListPageSchema)).toEqual({
        items: [],
        nextCursor: null,
        totalCount: 0,
      });
      expect('totalCount' in (await getJson(target, path, VersionListPageSchema))).toBe(false);
      for (const query of [{ sort: 'random' }, { noAliases: 'yes' }, { count: '1' }, { createdAfter: 'yesterday' }, { createdBefore: 'soon' }]) {
        await expectError(await target.fetch(withQuery(path, query)), 400, 'INVALID_REQUEST');
      }
      await expectError(await target.fetch(withQuery(path, { runId: 'bad name' })), 400, 'INVALID_NAME');
      await expectError(
        await target.fetch(
          withQuery(path, { sort: 'largest', cursor: (await getJson(target, withQuery(path, { limit: 1 }), VersionListPageSchema)).nextCursor ?? '' }),
        ),
        400,
        'INVALID_CURSOR',
      );
    },
  },
];
