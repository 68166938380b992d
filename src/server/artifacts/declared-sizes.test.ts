// Declared sizes against stored ones, seen on the wire: one keep-alive connection, as a client
// reusing it would see the server (issue 7, item 1).
import { describe, expect, it } from 'vitest';
import { sha } from '../test/log-helpers';
import { rawRequest, wirePerTest } from '../test/wire';

const wire = wirePerTest();

// 99 bytes that read as a whole HTTP response to a client that expected only 1 byte of body.
const smuggled = 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 33\r\n\r\n<h1>attacker-chosen answer</h1>\r\n';
const payload = smuggled.padEnd(99, ' ');
const digest = sha(payload);
const base = '/api/v1/projects/e/p';
const jsonHeaders = { 'Content-Type': 'application/json' };

async function exchange(request: Buffer) {
  wire.connection.write(request);
  const response = await wire.connection.nextResponse();
  // biome-ignore lint/suspicious/noExplicitAny: each test reads the fields of the answer it expects.
  return { status: response.status, body: JSON.parse(response.body.toString()) as Record<string, any> };
}

describe('declared sizes', () => {
  it('a manifest declaring 1 byte for a 99-byte blob uploaded after it does not commit: 400 SIZE_MISMATCH, the version stays PENDING', async () => {
    expect(Buffer.byteLength(payload)).toBe(99);
    const manifest = { type: 'dataset', name: 'ds', files: [{ path: 'index.html', digest, sizeBytes: 1 }] };
    const logged = await exchange(rawRequest('POST', `${base}/artifacts`, JSON.stringify(manifest), jsonHeaders));
    expect(logged).toMatchObject({ status: 201, body: { version: { state: 'PENDING' }, missingDigests: [digest] } });
    const uploaded = await exchange(rawRequest('PUT', `${base}/blobs/${digest}`, payload));
    expect(uploaded).toMatchObject({ status: 201, body: { sizeBytes: 99 } });

    const committed = await exchange(rawRequest('POST', `${base}/artifacts/${logged.body.version.id}/commit`));
    expect(committed).toMatchObject({
      status: 400,
      body: { error: { code: 'SIZE_MISMATCH', details: { mismatches: [{ path: 'index.html', digest, storedSizeBytes: 99, declaredSizeBytes: 1 }] } } },
    });
    const versions = await exchange(rawRequest('GET', `${base}/collections/ds/versions?state=ALL`));
    expect(versions.body.items.map((v: { id: string; state: string }) => [v.id, v.state])).toEqual([[logged.body.version.id, 'PENDING']]);
  });

  it('a download never writes more than its Content-Length: the next response on the connection is the real one', async () => {
    const manifest = { type: 'dataset', name: 'ds', files: [{ path: 'index.html', digest, sizeBytes: 99 }] };
    expect((await exchange(rawRequest('POST', `${base}/artifacts`, JSON.stringify(manifest), jsonHeaders))).status).toBe(201);
    expect((await exchange(rawRequest('PUT', `${base}/blobs/${digest}`, payload))).status).toBe(201);
    expect(
      (
        await exchange(
          rawRequest('POST', `${base}/artifacts/${(await wire.server.ctx.db.selectFrom('versions').select('id').executeTakeFirstOrThrow()).id}/commit`),
        )
      ).status,
    ).toBe(200);
    // A version recorded with a declared size of 1 byte, as servers before this check let through.
    await wire.server.ctx.db.updateTable('version_files').set({ size_bytes: 1 }).execute();

    // Both requests at once on one connection (pipelined), as a client reusing it would send them.
    wire.connection.write(Buffer.concat([rawRequest('GET', `${base}/collections/ds/versions/v0/files/index.html`), rawRequest('GET', '/api/v1/health')]));
    const download = await wire.connection.nextResponse();
    expect({ status: download.status, length: download.headers['content-length'], body: download.body.toString() }).toEqual({
      status: 200,
      length: '99',
      body: payload,
    });
    const health = await wire.connection.nextResponse();
    expect({ status: health.status, body: health.body.toString() }).toEqual({ status: 200, body: '{"status":"ok"}' });
  });
});
