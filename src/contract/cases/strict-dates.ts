/**
 * Contract cases of the times and numbers a client sends: strict ISO 8601 times (never Date.parse's
 * guesses, which turn `12/31/2099` into a deletion of everything) and decimal-only numbers.
 */
import { expect } from 'vitest';
import { apiPaths, authPaths, deletionPaths, withQuery, type ProjectRef } from '../../domain/api-paths';
import { AuditEntrySchema } from '../../domain/auth';
import { DeletionDryRunSchema } from '../../domain/deletion-jobs';
import { pageSchema } from '../../domain/schemas';
import { VersionListPageSchema } from '../../domain/version-list';
import { expectError, expectJson, freshProject, getJson, logCommitted, sendJson, type ContractCase, type ContractTarget } from '../client';
import { sizedFile } from '../deletion-client';

/** What Date.parse reads as some time, though no one meant an ISO time by it. */
const LOOSE_TIMES = ['2026-02-30', '0', '-271821-04-20T00:00:00Z', 'Mon, 01 Jan 2024', '12/31/2099', '01/02/2026', '2026', '2026-01-01T10:00'];

/** ds: v0 then v1, nothing else. */
async function twoVersions(target: ContractTarget) {
  const ref = freshProject();
  const v0 = await logCommitted(target, ref, { name: 'ds', files: [sizedFile('a', 100)] });
  const v1 = await logCommitted(target, ref, { name: 'ds', files: [sizedFile('b', 200)] });
  return { ref, v0, v1 };
}

async function labels(target: ContractTarget, ref: ProjectRef, query: Record<string, string>): Promise<string[]> {
  const page = await getJson(target, withQuery(apiPaths.versions(ref, 'ds'), query), VersionListPageSchema);
  return page.items.map((v) => v.version ?? 'uploading');
}

/** The same instant as `iso` (UTC), written with a +02:00 offset. */
const atPlusTwo = (iso: string) => new Date(Date.parse(iso) + 2 * 3600_000).toISOString().replace('Z', '+02:00');

export const strictDateCases: ContractCase[] = [
  {
    name: 'the versions list takes createdAfter / createdBefore as strict ISO times: a loose or impossible date is 400 INVALID_REQUEST naming the field',
    async run(target) {
      const { ref, v1 } = await twoVersions(target);
      for (const field of ['createdAfter', 'createdBefore']) {
        for (const value of LOOSE_TIMES) {
          const error = await expectError(await target.fetch(withQuery(apiPaths.versions(ref, 'ds'), { [field]: value })), 400, 'INVALID_REQUEST');
          expect({ value, details: error.details }).toEqual({ value, details: { field } });
          expect(error.message).toContain(field);
        }
      }
      expect(await labels(target, ref, { createdAfter: '2000-01-01' })).toEqual(['v1', 'v0']);
      expect(await labels(target, ref, { createdBefore: '2000-01-01' })).toEqual([]);
      expect(await labels(target, ref, { createdBefore: '9999-12-31T23:59:59.999Z' })).toEqual(['v1', 'v0']);
      // An offset is honoured: the same instant written two ways selects the same versions.
      const beforeV1 = await labels(target, ref, { createdBefore: v1.createdAt });
      expect(beforeV1).not.toContain('v1');
      expect(await labels(target, ref, { createdBefore: atPlusTwo(v1.createdAt) })).toEqual(beforeV1);
    },
  },
  {
    name: 'a deletion job whose filter holds a loose date (12/31/2099) is 400 INVALID_REQUEST and deletes nothing',
    async run(target) {
      const { ref } = await twoVersions(target);
      const job = (filter: Record<string, unknown>, dryRun: boolean) =>
        sendJson(target, 'POST', deletionPaths.deletionJobs(ref), { action: 'delete', filter, dryRun });
      for (const dryRun of [true, false]) {
        for (const field of ['createdBefore', 'createdAfter']) {
          for (const value of LOOSE_TIMES) {
            const error = await expectError(await job({ [field]: value }, dryRun), 400, 'INVALID_REQUEST');
            expect({ value, details: error.details }).toEqual({ value, details: { field: `filter.${field}` } });
            expect(error.message).toContain(`filter.${field}`);
          }
        }
      }
      expect(await labels(target, ref, {})).toEqual(['v1', 'v0']);
      const created = await getJson(target, withQuery(authPaths.audit(ref.entity), { action: 'deletion-job.create' }), pageSchema(AuditEntrySchema));
      expect(created.items.filter((entry) => entry.outcome === 'success')).toEqual([]);

      const count = async (filter: Record<string, unknown>) => (await expectJson(await job(filter, true), DeletionDryRunSchema, 200)).versionCount;
      expect(await count({ createdBefore: '9999-12-31' })).toBe(2);
      expect(await count({ createdBefore: '2000-01-01' })).toBe(0);
      expect(await count({ createdAfter: '2000-01-01T00:00+01:00' })).toBe(2);
    },
  },
  {
    name: "the audit log's since / until are strict ISO times: a loose or impossible date is 400 INVALID_REQUEST naming the field",
    async run(target) {
      const { ref } = await twoVersions(target);
      const audit = (query: Record<string, string>) => target.fetch(withQuery(authPaths.audit(ref.entity), { action: 'version.log', ...query }));
      for (const field of ['since', 'until']) {
        for (const value of LOOSE_TIMES) {
          const error = await expectError(await audit({ [field]: value }), 400, 'INVALID_REQUEST');
          expect({ value, details: error.details }).toEqual({ value, details: { field } });
          expect(error.message).toContain(field);
        }
      }
      const Page = pageSchema(AuditEntrySchema);
      expect((await expectJson(await audit({ since: '2000-01-01' }), Page, 200)).items).toHaveLength(2);
      expect((await expectJson(await audit({ until: '2000-01-01T00:00:00Z' }), Page, 200)).items).toHaveLength(0);
      expect((await expectJson(await audit({ until: '9999-12-31' }), Page, 200)).items).toHaveLength(2);
    },
  },
  {
    name: 'a list takes limit as a plain decimal number: 0x10 or " 1" is 400 INVALID_REQUEST',
    async run(target) {
      const { ref } = await twoVersions(target);
      for (const raw of ['0x10', '%201', '1%20', '0b1', '1e0x'])
        await expectError(await target.fetch(`${apiPaths.versions(ref, 'ds')}?limit=${raw}`), 400, 'INVALID_REQUEST');
      expect(await labels(target, ref, { limit: '1' })).toEqual(['v1']);
    },
  },
  {
    name: 'the TTL preview takes defaultTtlDays as a plain decimal number: 0x10 or " 1" is 400 INVALID_TTL',
    async run(target) {
      const { ref } = await twoVersions(target);
      const path = `${apiPaths.project(ref)}/settings/ttl-preview`;
      for (const raw of ['0x10', '%201', '1%20', '0b1', 'Infinity', '1_0'])
        await expectError(await target.fetch(`${path}?defaultTtlDays=${raw}`), 400, 'INVALID_TTL');
      const preview = await target.fetch(`${path}?defaultTtlDays=16`);
      expect({ status: preview.status, body: await preview.json() }).toMatchObject({ status: 200, body: { defaultTtlDays: 16, versionsInheriting: 2 } });
    },
  },
];
