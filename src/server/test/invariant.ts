/** The garbage-collection invariant, checked from outside: every file of every version not yet purged downloads with its sha256. */
import { expect } from 'vitest';
import type { TestServer } from '../testing';
import { sha } from './log-helpers';
import { storedFiles, trashPath } from './stored-files';

export async function expectEveryLiveFileReadable(server: TestServer): Promise<number> {
  const rows = await server.ctx.db
    .selectFrom('versions')
    .innerJoin('collections', 'collections.id', 'versions.collection_id')
    .innerJoin('projects', 'projects.id', 'versions.project_id')
    .innerJoin('version_files', 'version_files.version_seq', 'versions.seq')
    .select([
      'projects.entity',
      'projects.name as project',
      'collections.name as collection',
      'versions.idx',
      'versions.state',
      'version_files.path',
      'version_files.digest',
    ])
    .where('versions.state', 'in', ['COMMITTED', 'PENDING_DELETION'])
    .execute();
  for (const row of rows) {
    if (row.idx === null) {
      // A version deleted before it was committed has no name to download it by: its stored files are read from the store.
      await expectStoredIfPresent(server, row.entity, row.digest, `${row.collection} (uncommitted, ${row.state}) ${row.path}`);
      continue;
    }
    const res = await server.fetch(`/api/v1/projects/${row.entity}/${row.project}/collections/${row.collection}/versions/v${row.idx}/files/${row.path}`);
    expect(res.status, `${row.collection}:v${row.idx} ${row.path} (${row.state})`).toBe(200);
    expect(sha(new Uint8Array(await res.arrayBuffer())), `${row.collection}:v${row.idx} ${row.path}`).toBe(row.digest);
  }
  return rows.length;
}

/** A blob the store has a row for reads back from its file with its sha256. */
export async function expectStoredIfPresent(server: TestServer, entity: string, digest: string, what: string): Promise<boolean> {
  const row = await server.ctx.db
    .selectFrom('blobs')
    .select(['generation', 'size_bytes'])
    .where('entity', '=', entity)
    .where('digest', '=', digest)
    .executeTakeFirst();
  if (!row) return false;
  const stream = await server.ctx.blobs.read(entity, digest, row.generation, row.size_bytes);
  expect(stream, `${what}: the file of a stored blob is missing`).not.toBeNull();
  const chunks: Buffer[] = [];
  for await (const chunk of stream ?? []) chunks.push(chunk as Buffer);
  expect(sha(Buffer.concat(chunks)), what).toBe(digest);
  return true;
}

/**
 * Rows and files agree: every stored blob's file is in `blobs/`, every file there is named by a
 * `blobs` or `gc_deleting` row (nothing leaks), and every trash row's file is in `trash/` (the trash
 * bytes are on disk, or in the bucket). Holds after any run, finished or failed, in a process that
 * was not killed.
 */
export async function expectStoreConsistent(server: TestServer): Promise<void> {
  const { db, blobs } = server.ctx;
  for (const row of await db.selectFrom('blobs').select(['entity', 'digest', 'generation']).execute()) {
    expect(await blobs.statBlob(row.entity, row.digest, row.generation), `blob file ${row.digest}.${row.generation}`).not.toBeNull();
  }
  const known = new Set<string>();
  for (const table of ['blobs', 'gc_deleting'] as const) {
    for (const row of await db.selectFrom(table).select(['entity', 'digest', 'generation']).execute())
      known.add(`${row.entity}/${row.digest}.${row.generation}`);
  }
  for await (const shard of blobs.listShards()) {
    for (const file of shard.files)
      expect(known.has(`${shard.entity}/${file.digest}.${file.generation}`), `file ${file.digest}.${file.generation} has a row`).toBe(true);
  }
  const trashed = new Map((await storedFiles(server.dataDir, 'trash')).map((f) => [f.path, f.sizeBytes]));
  for (const row of await db.selectFrom('trash').select(['entity', 'digest', 'generation', 'size_bytes']).execute()) {
    const file = trashPath(row.entity, row.digest, row.generation);
    expect(trashed.get(file) ?? false, `trash file ${row.digest}.${row.generation}`).toBe(row.size_bytes);
  }
}
