// Downloads seen on the wire: a file that garbage collection takes away between the lookup and the
// read is a clear 410 before any header is sent, never a 200 cut short (issue 7, item 7).
import { describe, expect, it } from 'vitest';
import { logFiles } from '../test/log-helpers';
import { rawRequest, wirePerTest } from '../test/wire';

const wire = wirePerTest();

const download = '/api/v1/projects/e/p/collections/ds/versions/v0/files/data.txt';

describe('download racing a purge', () => {
  it('answers 410 FILES_GARBAGE_COLLECTED when the file goes to the trash after the lookup, and the connection stays usable', async () => {
    await logFiles(wire.server, 'e', 'p', 'ds', { 'data.txt': 'bytes that a purge takes away' });
    const store = wire.server.ctx.blobs;
    const read = store.read.bind(store);
    // The blob's row still says live when the request looks it up; its file moves to the trash
    // (as a garbage-collection run does, on either store) at the moment the download reads it.
    store.read = async (...args: Parameters<typeof store.read>) => {
      const [entity, digest, generation] = args;
      await store.moveToTrash(entity, digest, generation);
      return read(...args);
    };

    wire.connection.write(rawRequest('GET', download));
    const gone = await wire.connection.nextResponse();
    expect({ status: gone.status, code: (JSON.parse(gone.body.toString()) as { error: { code: string } }).error.code }).toEqual({
      status: 410,
      code: 'FILES_GARBAGE_COLLECTED',
    });
    wire.connection.write(rawRequest('GET', '/api/v1/health'));
    expect((await wire.connection.nextResponse()).body.toString()).toBe('{"status":"ok"}');
  });

  it('answers 410 FILES_GARBAGE_COLLECTED when the file is already gone from disk while its row says live', async () => {
    await logFiles(wire.server, 'e', 'p', 'ds', { 'data.txt': 'bytes removed behind the database' });
    const blob = await wire.server.ctx.db.selectFrom('blobs').selectAll().executeTakeFirstOrThrow();
    await wire.server.ctx.blobs.moveToTrash(blob.entity, blob.digest, blob.generation);
    wire.connection.write(rawRequest('GET', download));
    const gone = await wire.connection.nextResponse();
    expect({ status: gone.status, code: (JSON.parse(gone.body.toString()) as { error: { code: string } }).error.code }).toEqual({
      status: 410,
      code: 'FILES_GARBAGE_COLLECTED',
    });
  });

  it('answers 410 FILES_GARBAGE_COLLECTED when a run decided to remove the blob after the version was looked up', async () => {
    await logFiles(wire.server, 'e', 'p', 'ds', { 'data.txt': 'bytes a run is removing' });
    expect((await wire.server.fetch('/api/v1/projects/e/p/collections/ds/versions/v0?deleteAliases=true', { method: 'DELETE' })).status).toBe(200);
    // What a run does once the version is purged: the blob's row leaves `blobs` (decision 003). The
    // version's row is read first, so it still says PENDING_DELETION here.
    const blob = await wire.server.ctx.db.selectFrom('blobs').selectAll().executeTakeFirstOrThrow();
    await wire.server.ctx.db.deleteFrom('blobs').where('digest', '=', blob.digest).execute();
    wire.connection.write(rawRequest('GET', download));
    const gone = await wire.connection.nextResponse();
    expect({ status: gone.status, code: (JSON.parse(gone.body.toString()) as { error: { code: string } }).error.code }).toEqual({
      status: 410,
      code: 'FILES_GARBAGE_COLLECTED',
    });
  });
});
