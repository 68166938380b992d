/**
 * The S3 test server itself: tests on the PostgreSQL + S3 tier trust it to keep an object's bytes
 * as S3 does. s3rver answered a PutObject before its file was written, so a CopyObject sent right
 * after (as Attic copies each upload from its staging key) could copy an empty or short file: once,
 * a crash test found a 0-byte object in the trash whose row said 72 bytes.
 */
import { randomBytes } from 'node:crypto';
import { CopyObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startS3Server, type S3TestServer } from './s3-server';

let s3: S3TestServer;
beforeAll(async () => {
  s3 = await startS3Server();
});
afterAll(async () => {
  await s3?.stop();
});

it('copies all of an object’s bytes when the copy follows its put at once', async () => {
  const Bucket = s3.bucket;
  const one = async (i: number) => {
    const body = randomBytes(64 * 1024 + i);
    await s3.client.send(new PutObjectCommand({ Bucket, Key: `staged/${i}`, Body: body }));
    await s3.client.send(new CopyObjectCommand({ Bucket, Key: `final/${i}`, CopySource: `${Bucket}/staged/${i}` }));
    const copy = await s3.client.send(new GetObjectCommand({ Bucket, Key: `final/${i}` }));
    const bytes = Buffer.from(await copy.Body!.transformToByteArray());
    expect(bytes.length).toBe(body.length);
    expect(bytes.equals(body)).toBe(true);
  };
  for (let round = 0; round < 25; round++) await Promise.all(Array.from({ length: 8 }, (_, i) => one(round * 8 + i)));
}, 120_000);
