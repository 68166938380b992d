/** The garbage-collection invariant, checked from outside: every file of every version not yet purged downloads with its sha256. */
import { expect } from 'vitest';
import type { TestServer } from '../testing';
import { sha } from './log-helpers';

export async function expectEveryLiveFileReadable(server: TestServer): Promise<number> {
  const rows = await server.ctx.db
    .selectFrom('versions')
    .innerJoin('collections', 'collections.id', 'versions.collection_id')
    .innerJoin('projects', 'projects.id', 'versions.project_id')
    .innerJoin('version_files', 'version_files.version_seq', 'versions.seq')
    .select(['projects.entity', 'projects.name as project', 'collections.name as collection', 'versions.idx', 'versions.state', 'version_files.path', 'version_files.digest'])
    .where('versions.state', 'in', ['COMMITTED', 'PENDING_DELETION'])
    .execute();
  for (const row of rows) {
    const res = await server.fetch(`/api/v1/projects/${row.entity}/${row.project}/collections/${row.collection}/versions/v${row.idx}/files/${row.path}`);
    expect(res.status, `${row.collection}:v${row.idx} ${row.path} (${row.state})`).toBe(200);
    expect(sha(new Uint8Array(await res.arrayBuffer())), `${row.collection}:v${row.idx} ${row.path}`).toBe(row.digest);
  }
  return rows.length;
}
