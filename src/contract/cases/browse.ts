/** Contract cases of "Browse": health, projects, types, collections, files and downloads, runs. */
import { expect } from 'vitest';
import { apiPaths, withQuery } from '../../domain/api-paths';
import {
  ArtifactTypeSummarySchema,
  CollectionSchema,
  FileEntrySchema,
  HealthSchema,
  pageSchema,
  ProjectSummarySchema,
  VersionSchema,
  type ProjectSummary,
} from '../../domain/schemas';
import { entryOf, freshProject, getJson, logCommitted, logVersion, testFile, type ContractCase, type ContractTarget } from '../client';

const VersionPage = pageSchema(VersionSchema);

/** Walks every page of the project list (other cases add projects too). */
async function allProjects(target: ContractTarget): Promise<ProjectSummary[]> {
  const all: ProjectSummary[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: ProjectSummary[]; nextCursor: string | null } = await getJson(
      target,
      withQuery(apiPaths.projects(), { limit: 500, cursor }),
      pageSchema(ProjectSummarySchema),
    );
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return all;
}

export const browseCases: ContractCase[] = [
  {
    name: 'health answers ok',
    async run(target) {
      expect(await getJson(target, apiPaths.health(), HealthSchema)).toEqual({ status: 'ok' });
    },
  },
  {
    name: 'a project is listed once something is logged into it, by entity then project',
    async run(target) {
      const ref = freshProject();
      expect((await allProjects(target)).some((p) => p.entity === ref.entity)).toBe(false);
      await logCommitted(target, ref, { name: 'one', files: [testFile('a')] });
      await logCommitted(target, ref, { name: 'two', type: 'model', files: [testFile('a')] });
      const projects = await allProjects(target);
      expect(projects.filter((p) => p.entity === ref.entity)).toEqual([{ ...ref, collectionCount: 2 }]);
      const keys = projects.map((p) => [p.entity, p.project]);
      const sorted = [...keys].sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : a[1]! < b[1]! ? -1 : a[1]! > b[1]! ? 1 : 0));
      expect(keys).toEqual(sorted);
    },
  },
  {
    name: 'types lists the types of READY collections with their counts, by name',
    async run(target) {
      const ref = freshProject();
      await logCommitted(target, ref, { type: 'model', name: 'net', files: [testFile('a')] });
      await logCommitted(target, ref, { type: 'dataset', name: 'train', files: [testFile('a')] });
      await logCommitted(target, ref, { type: 'dataset', name: 'test', files: [testFile('a')] });
      const types = await getJson(target, apiPaths.types(ref), pageSchema(ArtifactTypeSummarySchema));
      expect(types).toEqual({
        items: [
          { name: 'dataset', collectionCount: 2 },
          { name: 'model', collectionCount: 1 },
        ],
        nextCursor: null,
      });
    },
  },
  {
    name: 'collections are listed by name, filtered by type, and read one by one',
    async run(target) {
      const ref = freshProject();
      await logCommitted(target, ref, { type: 'model', name: 'net', files: [testFile('a')] });
      await logCommitted(target, ref, { type: 'dataset', name: 'train', files: [testFile('a')] });
      await logCommitted(target, ref, { type: 'dataset', name: 'eval', files: [testFile('a')] });
      const page = await getJson(target, apiPaths.collections(ref), pageSchema(CollectionSchema));
      expect(page.items.map((c) => c.name)).toEqual(['eval', 'net', 'train']);
      const datasets = await getJson(target, withQuery(apiPaths.collections(ref), { type: 'dataset' }), pageSchema(CollectionSchema));
      expect(datasets.items.map((c) => c.name)).toEqual(['eval', 'train']);
      const deleted = await getJson(target, withQuery(apiPaths.collections(ref), { state: 'DELETED' }), pageSchema(CollectionSchema));
      expect(deleted).toEqual({ items: [], nextCursor: null });
      const net = await getJson(target, apiPaths.collection(ref, 'net'), CollectionSchema);
      expect(net).toMatchObject({ ...ref, type: 'model', name: 'net', state: 'READY', versionCount: 1, pendingDeletionCount: 0 });
      expect(page.items[1]).toEqual(net);
    },
  },
  {
    name: 'a collection counts a blob shared by two versions once, and pending versions not at all',
    async run(target) {
      const ref = freshProject();
      const shared = testFile('shared.bin');
      const a = testFile('a.bin');
      const b = testFile('b.bin');
      await logCommitted(target, ref, { name: 'ds', files: [shared, a] });
      await logCommitted(target, ref, { name: 'ds', files: [{ ...shared, path: 'moved/shared.bin' }, b] });
      await logVersion(target, ref, { name: 'ds', files: [testFile('pending.bin')] });
      const collection = await getJson(target, apiPaths.collection(ref, 'ds'), CollectionSchema);
      expect(collection).toMatchObject({ versionCount: 2, sizeBytes: shared.sizeBytes + a.sizeBytes + b.sizeBytes });
    },
  },
  {
    name: 'files are listed by path and a download returns exactly the bytes',
    async run(target) {
      const ref = freshProject();
      const files = [testFile('z.txt'), testFile('dir/sub/model.bin'), testFile('a b.txt')];
      await logCommitted(target, ref, { name: 'ds', files });
      const listed = await getJson(target, apiPaths.files(ref, 'ds', 'latest'), pageSchema(FileEntrySchema));
      expect(listed).toEqual({ items: ['a b.txt', 'dir/sub/model.bin', 'z.txt'].map((p) => entryOf(files.find((f) => f.path === p)!)), nextCursor: null });
      const firstTwo = await getJson(target, withQuery(apiPaths.files(ref, 'ds', 'v0'), { limit: 2 }), pageSchema(FileEntrySchema));
      const rest = await getJson(target, withQuery(apiPaths.files(ref, 'ds', 'v0'), { limit: 2, cursor: firstTwo.nextCursor }), pageSchema(FileEntrySchema));
      expect([...firstTwo.items, ...rest.items]).toEqual(listed.items);
      expect(rest.nextCursor).toBeNull();

      for (const file of files) {
        const response = await target.fetch(apiPaths.file(ref, 'ds', 'v0', file.path));
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('application/octet-stream');
        expect(response.headers.get('content-length')).toBe(String(file.sizeBytes));
        const baseName = file.path.split('/').pop()!;
        expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${baseName}"; filename*=UTF-8''${encodeURIComponent(baseName)}`);
        expect(response.headers.get('x-content-digest')).toBe(`sha256:${file.digest}`);
        expect(new Uint8Array(await response.arrayBuffer())).toEqual(file.bytes);
      }
    },
  },
  {
    name: 'a file with a non-ASCII name downloads, its exact name in filename*',
    async run(target) {
      const ref = freshProject();
      const file = testFile('données/模型.bin');
      await logCommitted(target, ref, { name: 'ds', files: [file] });
      const response = await target.fetch(apiPaths.file(ref, 'ds', 'v0', file.path));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''%E6%A8%A1%E5%9E%8B\.bin$/);
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(file.bytes);
    },
  },
  {
    name: 'a download through an alias named "files" finds the file',
    async run(target) {
      const ref = freshProject();
      const file = testFile('a.txt');
      await logCommitted(target, ref, { name: 'ds', aliases: ['files'], files: [file] });
      const response = await target.fetch(apiPaths.file(ref, 'ds', 'files', 'a.txt'));
      expect(response.status).toBe(200);
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(file.bytes);
    },
  },
  {
    name: 'logged-artifacts lists the versions a run created, newest first, filtered by state',
    async run(target) {
      const ref = freshProject();
      const first = await logCommitted(target, ref, { name: 'train', runId: 'run-1', files: [testFile('a')] });
      await logCommitted(target, ref, { name: 'train', runId: 'run-2', files: [testFile('a')] });
      const second = await logCommitted(target, ref, { type: 'model', name: 'net', runId: 'run-1', files: [testFile('a')] });
      const pending = await logVersion(target, ref, { name: 'train', runId: 'run-1', files: [testFile('b')] });
      const committed = await getJson(target, apiPaths.loggedArtifacts(ref, 'run-1'), VersionPage);
      expect(committed.items.map((v) => v.id)).toEqual([second.id, first.id]);
      expect(committed.nextCursor).toBeNull();
      const all = await getJson(target, withQuery(apiPaths.loggedArtifacts(ref, 'run-1'), { state: 'ALL' }), VersionPage);
      expect(all.items.map((v) => v.id)).toEqual([pending.version.id, second.id, first.id]);
      const paged = await getJson(target, withQuery(apiPaths.loggedArtifacts(ref, 'run-1'), { state: 'ALL', limit: 2 }), VersionPage);
      expect(paged.items.map((v) => v.id)).toEqual([pending.version.id, second.id]);
      const next = await getJson(target, withQuery(apiPaths.loggedArtifacts(ref, 'run-1'), { state: 'ALL', limit: 2, cursor: paged.nextCursor }), VersionPage);
      expect(next).toMatchObject({ items: [{ id: first.id }], nextCursor: null });
    },
  },
];
