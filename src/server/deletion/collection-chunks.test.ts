/**
 * A collection's delete and restore take its versions a chunk at a time, with a turn of the event
 * loop between chunks, in one transaction (decision 196): over HTTP, a health check sent once the
 * delete (or the restore) of 15,001 versions has entered the app is answered before it is, and
 * the change is still whole. Before, one statement took them all and the server read no socket
 * until it was done (1.4 s for the delete and 2.2 s for the restore at 100,000 versions). Through
 * a real port, since in-process requests need no I/O; on PostgreSQL, queries are I/O anyway.
 */
import { setImmediate } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { CollectionSchema, VersionSchema } from '../../domain';
import { asAdmin, createTestServer } from '../testing';
import { oneFileVersions, seedVersions } from '../test/seed-rows';
import { servedPerTest } from '../test/wire';
import { VERSIONS_PER_CHUNK } from './chunks';

const VERSIONS = 3 * VERSIONS_PER_CHUNK + 1;
const base = '/api/v1/projects/e/p/collections/big';

const served = servedPerTest();

/** Sends `method base+suffix` over HTTP; once the app has it, GET /health, which must be answered first. */
async function healthAnsweredDuring(method: string, suffix: string): Promise<Response> {
  let entered = false;
  const http = await served.listen(async (request, forward) => {
    if (request.method === method) entered = true;
    return forward(request);
  });
  const wire = (p: string, init?: RequestInit) => fetch(`http://127.0.0.1:${http.port}${p}`, asAdmin(init));
  let answered = false;
  const change = wire(base + suffix, { method }).then((res) => {
    answered = true;
    return res;
  });
  while (!entered) await setImmediate();
  const health = await wire('/api/v1/health');
  expect({ status: health.status, body: await health.json(), changeAnswered: answered }).toEqual({
    status: 200,
    body: { status: 'ok' },
    changeAnswered: false,
  });
  return change;
}

describe('a collection of many chunks of versions', () => {
  it('is deleted whole, answering GET /health over HTTP before the delete', async () => {
    const server = served.keep(await createTestServer({ GC_INTERVAL_SECONDS: '86400', TTL_INTERVAL_SECONDS: '86400' }));
    await seedVersions(server.ctx.db, 'e', 'p', oneFileVersions('big', VERSIONS));

    const res = await healthAnsweredDuring('DELETE', '');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      versionsDeleted: VERSIONS,
      collection: { state: 'DELETED', versionCount: 0, pendingDeletionCount: VERSIONS, sizeBytes: 0 },
    });
    const left = await server.ctx.db
      .selectFrom('collection_blobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(left.n)).toBe(0);
  });

  it('is restored whole, answering GET /health over HTTP before the restore', async () => {
    const server = served.keep(await createTestServer({ GC_INTERVAL_SECONDS: '86400', TTL_INTERVAL_SECONDS: '86400' }));
    await seedVersions(server.ctx.db, 'e', 'p', oneFileVersions('big', VERSIONS));
    const before = CollectionSchema.parse(await (await server.fetch(base)).json());
    expect((await server.fetch(base, { method: 'DELETE' })).status).toBe(200);

    const res = await healthAnsweredDuring('POST', '/restore');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ versionsRestored: VERSIONS, versionsGone: 0, aliasesNotRestored: [] });
    const after = CollectionSchema.parse(await (await server.fetch(base)).json());
    expect({ ...after, updatedAt: before.updatedAt }).toEqual(before);
    expect(before).toMatchObject({ versionCount: VERSIONS, sizeBytes: VERSIONS * 10 });
    const latest = VersionSchema.parse(await (await server.fetch(`${base}/versions/latest`)).json());
    expect(latest.version).toBe(`v${VERSIONS - 1}`);
  });
});
