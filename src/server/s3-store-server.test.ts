// The whole server with BLOB_STORE_URL on a real S3-compatible server (s3rver on loopback): what a
// client uploads and downloads, and what garbage collection leaves in the bucket, looked at
// through the AWS SDK rather than through Attic.
import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { GcRun } from '../domain';
import { logFiles, json, sha } from './test/log-helpers';
import { startS3Server, type S3TestServer } from './test/s3-server';
import { createTestServer, type TestServer } from './testing';

let s3: S3TestServer;
let server: TestServer | null = null;
beforeAll(async () => {
  s3 = await startS3Server();
});
afterEach(async () => {
  await server?.close();
  server = null;
});
afterAll(async () => {
  await s3.stop();
});

const base = '/api/v1/projects/e/p/collections/data';

/** The keys under `attic/<area>/` in the bucket: blobs and trash as `<entity>/<digest>`, staged ones whole. */
async function objects(bucket: string, area: 'blobs' | 'trash' | 'tmp'): Promise<string[]> {
  const prefix = `attic/${area}/`;
  const page = await s3.client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  return (page.Contents ?? [])
    .map((o) => o.Key!.slice(prefix.length))
    .map((rest) => {
      if (area === 'tmp') return rest;
      const parts = rest.split('/');
      return `${parts[0]}/${parts.at(-1)!.split('.')[0]}`;
    })
    .sort();
}

async function runToEnd(s: TestServer): Promise<GcRun> {
  const started = await s.fetch('/api/v1/gc/runs', json('POST', { dryRun: false }));
  expect(started.status).toBe(202);
  const run = (await started.json()) as GcRun;
  await s.gc.engine.idle();
  return (await (await s.fetch(`/api/v1/gc/runs/${run.id}`)).json()) as GcRun;
}

describe('a server that keeps its blobs in a bucket', () => {
  it('stores uploads under their digest and serves them back byte for byte', async () => {
    const { bucket, env } = await s3.newBucket();
    server = await createTestServer(env);
    // Larger than an upload part (8 MiB), so it arrives as a multipart upload.
    const letters = Buffer.alloc(9 * 1024 * 1024);
    for (let i = 0; i < letters.length; i++) letters[i] = 97 + ((i * 7) % 26);
    const big = letters.toString('latin1');
    const small = 'tiny payload é';
    await logFiles(server, 'e', 'p', 'data', { 'weights.bin': big, 'notes.txt': small });

    expect(await objects(bucket, 'blobs')).toEqual([`e/${sha(big)}`, `e/${sha(small)}`].sort());
    expect(await objects(bucket, 'tmp')).toEqual([]);
    for (const [file, content] of [
      ['weights.bin', big],
      ['notes.txt', small],
    ] as const) {
      const res = await server.fetch(`${base}/versions/v0/files/${file}`);
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(content))).toBe(true);
    }
  });

  it('refuses bytes that do not match their digest and leaves nothing in the bucket', async () => {
    const { bucket, env } = await s3.newBucket();
    server = await createTestServer(env);
    const res = await server.fetch(`/api/v1/projects/e/p/blobs/${sha('expected')}`, { method: 'PUT', body: 'something else' });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('DIGEST_MISMATCH');
    expect(await objects(bucket, 'blobs')).toEqual([]);
    expect(await objects(bucket, 'tmp')).toEqual([]);
  });

  it('garbage collection moves unshared objects to the trash prefix, keeps shared ones, and empties the trash after its retention', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const { bucket, env } = await s3.newBucket();
    server = await createTestServer({ ...env, GC_GRACE_SECONDS: '0', GC_TRASH_RETENTION_SECONDS: '60' }, () => now);
    const shared = 'S'.repeat(1000);
    await logFiles(server, 'e', 'p', 'data', { shared, own: 'zero' });
    await logFiles(server, 'e', 'p', 'data', { shared, own: 'one!' });
    expect(await objects(bucket, 'blobs')).toEqual([`e/${sha(shared)}`, `e/${sha('zero')}`, `e/${sha('one!')}`].sort());

    expect((await server.fetch(`${base}/versions/v0`, { method: 'DELETE' })).status).toBe(200);
    expect(await runToEnd(server)).toMatchObject({ status: 'succeeded', blobsDeleted: 1, bytesReclaimed: 4 });
    expect(await objects(bucket, 'blobs')).toEqual([`e/${sha(shared)}`, `e/${sha('one!')}`].sort());
    expect(await objects(bucket, 'trash')).toEqual([`e/${sha('zero')}`]);
    // The live version still reads its files, the shared one included.
    const kept = await server.fetch(`${base}/versions/v1/files/shared`);
    expect(await kept.text()).toBe(shared);

    now += 61_000;
    expect(await runToEnd(server)).toMatchObject({ status: 'succeeded', blobsDeleted: 0 });
    expect(await objects(bucket, 'trash')).toEqual([]);
    expect(await objects(bucket, 'blobs')).toEqual([`e/${sha(shared)}`, `e/${sha('one!')}`].sort());
  });
});

describe('starting on a bucket', () => {
  it('removes staged uploads a crash left a day ago or more, and only those', async () => {
    const { bucket, env } = await s3.newBucket();
    for (const Key of ['attic/tmp/left-by-a-crash', 'attic/blobs/e/ab/not-staging']) {
      await s3.client.send(new PutObjectCommand({ Bucket: bucket, Key, Body: 'bytes' }));
    }
    server = await createTestServer(env);
    await server.close();
    expect(await objects(bucket, 'tmp')).toEqual(['left-by-a-crash']);
    // The same bucket, opened by a server whose clock says two days have passed.
    server = await createTestServer(env, () => Date.now() + 2 * 86400_000);
    expect(await objects(bucket, 'tmp')).toEqual([]);
    expect(await objects(bucket, 'blobs')).toEqual(['e/not-staging']);
  });

  it('that does not exist is refused with a message naming BLOB_STORE_URL', async () => {
    const { env } = await s3.newBucket();
    await expect(createTestServer({ ...env, BLOB_STORE_URL: 's3://no-such-bucket-here/attic' })).rejects.toThrow(
      'BLOB_STORE_URL=s3://no-such-bucket-here/attic cannot be used: the bucket does not exist.',
    );
  });

  it('with a key the server does not know is refused saying access is denied', async () => {
    // (s3rver checks the key id but not SigV4 signatures, so a wrong secret would not do here.)
    const { env } = await s3.newBucket();
    await expect(createTestServer({ ...env, AWS_ACCESS_KEY_ID: 'NOT-A-KEY' })).rejects.toThrow(/cannot be used: access is denied/);
  });
});
