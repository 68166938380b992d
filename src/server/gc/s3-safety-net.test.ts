// With object storage the safety net is bucket versioning when it is on, else the trash prefix; it
// is read from the bucket (GetBucketVersioning) at start and for the GC status, and
// GC_REQUIRE_SAFETY_NET=true refuses runs while neither protects removed files. The S3 server is
// s3rver, which has no versioning: the test server keeps each bucket's versioning *setting* in front
// of it (s3-server-child.mjs), or, for the last tests, answers NotImplemented as servers without it do.
import { PutBucketVersioningCommand } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deletionPaths, type GcStatus } from '../../domain';
import { json } from '../test/log-helpers';
import { startS3Server, type S3TestServer } from '../test/s3-server';
import { createTestServer, type TestServer } from '../testing';

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

let now = Date.parse('2026-01-01T00:00:00Z');
const clock = () => now;

async function status(): Promise<GcStatus> {
  // Past the few seconds a versioning read is reused: the next status asks the bucket again.
  now += 60_000;
  return (await server!.fetch(deletionPaths.gc())).json();
}

const startRun = (dryRun: boolean) => server!.fetch(deletionPaths.gcRuns(), json('POST', { dryRun }));

async function setVersioning(bucket: string, Status: 'Enabled' | 'Suspended') {
  await s3.client.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status } }));
}

describe('the safety net on a bucket', () => {
  it('is bucket versioning once it is enabled', async () => {
    const { bucket, env } = await s3.newBucket();
    await setVersioning(bucket, 'Enabled');
    server = await createTestServer({ ...env, GC_TRASH_RETENTION_SECONDS: '0', GC_REQUIRE_SAFETY_NET: 'true' }, clock);
    const gc = await status();
    expect(gc.safetyNet).toEqual({
      kind: 'bucketVersioning',
      enabled: true,
      detail: `Versioning is enabled on s3://${bucket}/attic: removed objects keep their earlier versions until the bucket's lifecycle rules expire them.`,
    });
    expect(gc).toMatchObject({ enabled: true, disabledReason: null });
    expect((await startRun(true)).status).toBe(200);
  });

  it('is the trash, while it has a retention, on a bucket that never had versioning, and says so', async () => {
    const { bucket, env } = await s3.newBucket();
    server = await createTestServer({ ...env, GC_TRASH_RETENTION_SECONDS: '604800', GC_REQUIRE_SAFETY_NET: 'true' }, clock);
    const gc = await status();
    expect(gc.safetyNet).toEqual({
      kind: 'trash',
      enabled: true,
      detail: `Removed files stay in the trash for 7 days before they are deleted; versioning is not enabled on s3://${bucket}/attic.`,
    });
    expect(gc.enabled).toBe(true);
  });

  it('with neither, GC_REQUIRE_SAFETY_NET=true refuses runs with 409 GC_DISABLED saying why, until versioning is turned on, and again once it is suspended', async () => {
    const { bucket, env } = await s3.newBucket();
    server = await createTestServer({ ...env, GC_TRASH_RETENTION_SECONDS: '0', GC_REQUIRE_SAFETY_NET: 'true' }, clock);

    let gc = await status();
    expect(gc.safetyNet).toMatchObject({ kind: 'none', enabled: false });
    expect(gc.safetyNet!.detail).toContain(`versioning is not enabled on s3://${bucket}/attic`);
    expect(gc).toMatchObject({ enabled: false, nextRunAt: null });
    expect(gc.disabledReason).toContain('GC_REQUIRE_SAFETY_NET=true');
    for (const dryRun of [true, false]) {
      const refused = await startRun(dryRun);
      expect(refused.status).toBe(409);
      const { error } = await refused.json();
      expect(error.code).toBe('GC_DISABLED');
      expect(error.message).toContain('use a bucket with versioning');
    }

    // Turned on while Attic runs: no restart needed.
    await setVersioning(bucket, 'Enabled');
    gc = await status();
    expect(gc).toMatchObject({ enabled: true, disabledReason: null, safetyNet: { kind: 'bucketVersioning', enabled: true } });
    expect(gc.nextRunAt).not.toBeNull();
    expect((await startRun(true)).status).toBe(200);

    await setVersioning(bucket, 'Suspended');
    gc = await status();
    expect(gc).toMatchObject({ enabled: false, safetyNet: { kind: 'none', enabled: false } });
    expect(gc.safetyNet!.detail).toContain('versioning is suspended');
    expect((await startRun(false)).status).toBe(409);
  });

  it('with neither and the default GC_REQUIRE_SAFETY_NET=false, runs go ahead and the status says nothing keeps removed files', async () => {
    const { env } = await s3.newBucket();
    server = await createTestServer({ ...env, GC_TRASH_RETENTION_SECONDS: '0' }, clock);
    expect(await status()).toMatchObject({ enabled: true, safetyNet: { kind: 'none', enabled: false } });
    expect((await startRun(true)).status).toBe(200);
  });
});

describe('on an S3-compatible server that cannot report versioning', () => {
  let plain: S3TestServer;
  beforeAll(async () => {
    plain = await startS3Server({ versioning: 'notImplemented' });
  });
  afterAll(async () => {
    await plain.stop();
  });

  it('counts as no versioning: the trash is the safety net, and the status says why', async () => {
    const { env } = await plain.newBucket();
    server = await createTestServer({ ...env, GC_TRASH_RETENTION_SECONDS: '3600' }, clock);
    const gc = await status();
    expect(gc.safetyNet).toMatchObject({ kind: 'trash', enabled: true });
    expect(gc.safetyNet!.detail).toMatch(/the versioning of s3:\/\/.+ could not be read \(NotImplemented \(HTTP 501\)/);
  });

  it('refuses runs under GC_REQUIRE_SAFETY_NET=true when the trash keeps nothing either', async () => {
    const { env } = await plain.newBucket();
    server = await createTestServer({ ...env, GC_TRASH_RETENTION_SECONDS: '0', GC_REQUIRE_SAFETY_NET: 'true' }, clock);
    expect(await status()).toMatchObject({ enabled: false, safetyNet: { kind: 'none', enabled: false } });
    const refused = await startRun(true);
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.code).toBe('GC_DISABLED');
  });
});
