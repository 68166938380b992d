// What the rest of the server relies on from a blob store, checked alike on the file store and on
// the S3 store against a real S3-compatible server (s3rver, spoken to through the AWS SDK).
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { startS3Server, type S3TestServer } from '../test/s3-server';
import { BlobTooLargeError, FileBlobStore, type BlobStore, type StagedBlob } from './blob-store';
import { S3BlobStore, s3ClientFor } from './s3-blob-store';

interface Subject {
  store: BlobStore;
  /** Whether the trash area holds this blob (looked at directly: the files, or the bucket through the SDK). */
  inTrash(entity: string, digest: string, generation: string): Promise<boolean>;
  /** What is left in the staging area. */
  staging(): Promise<string[]>;
  close(): Promise<void>;
}

const MiB = 1024 * 1024;

async function fileSubject(): Promise<Subject> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'attic-blobs-'));
  const store = new FileBlobStore(root);
  await store.init();
  return {
    store,
    inTrash: (entity, digest, generation) =>
      fs.access(store.trashPathOf(entity, digest, generation)).then(
        () => true,
        () => false,
      ),
    staging: async () => readdirSync(path.join(root, 'tmp')),
    close: async () => rmSync(root, { recursive: true, force: true }),
  };
}

let s3: S3TestServer | null = null;

async function s3Subject(): Promise<Subject> {
  s3 ??= await startS3Server();
  const { bucket, env } = await s3.newBucket();
  const config = loadConfig(env).blobStore;
  if (config.kind !== 's3') throw new Error('BLOB_STORE_URL did not select S3');
  // Small parts and pages, so multipart uploads and paged listings happen with small data.
  const store = new S3BlobStore(s3ClientFor(config), config, { partBytes: 5 * MiB, listPageSize: 2 });
  await store.init();
  const client = s3.client;
  const keys = async (Prefix: string) => ((await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix }))).Contents ?? []).map((o) => o.Key!);
  return {
    store,
    inTrash: async (entity, digest, generation) => {
      const Key = store.trashKey(entity, digest, generation);
      return client.send(new HeadObjectCommand({ Bucket: bucket, Key })).then(
        () => true,
        () => false,
      );
    },
    staging: () => keys(`${config.prefix}tmp/`),
    close: async () => store.client.destroy(),
  };
}

afterAll(async () => {
  await s3?.stop();
});

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function* chunks(bytes: Buffer, size = 64 * 1024): AsyncIterable<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function bytesOf(stream: Readable | null): Promise<Buffer | null> {
  if (!stream) return null;
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part));
  return Buffer.concat(parts);
}

/** Distinct bytes of a given length (a pattern no two blobs of a test share). */
function bytesFor(label: string, length: number): Buffer {
  const seed = Buffer.from(`${label}:`);
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) out[i] = (seed[i % seed.length]! + Math.floor(i / seed.length)) & 0xff;
  return out;
}

describe.each([
  ['the file store', fileSubject],
  ['the S3 store', s3Subject],
])('%s', (_name, make) => {
  let subject: Subject;
  let store: BlobStore;
  beforeAll(async () => {
    // Starts the S3 server once for the file, outside any test's time.
    if (make === s3Subject) s3 ??= await startS3Server();
  });
  afterEach(async () => {
    await subject?.close();
  });

  async function put(entity: string, bytes: Buffer, generation = 'a1'): Promise<StagedBlob> {
    const staged = await store.stage(chunks(bytes), 64 * MiB);
    await store.publish(staged, entity, generation);
    return staged;
  }

  async function shardsOf(s: BlobStore) {
    const found: string[] = [];
    for await (const shard of s.listShards()) {
      for (const file of shard.files) {
        expect(file.digest.startsWith(shard.prefix)).toBe(true);
        found.push(`${shard.entity}/${file.digest}.${file.generation}`);
      }
    }
    return found;
  }

  it('stages bytes with their SHA-256 and size, shows nothing under a digest until published, then reads them back exactly', async () => {
    subject = await make();
    store = subject.store;
    const bytes = bytesFor('one', 300_000);
    const staged = await store.stage(chunks(bytes), 64 * MiB);
    expect(staged).toMatchObject({ digest: sha(bytes), sizeBytes: bytes.length });
    expect(await store.exists('e', staged.digest, 'a1')).toBe(false);
    expect(await shardsOf(store)).toEqual([]);
    expect(await subject.staging()).toHaveLength(1);

    await store.publish(staged, 'e', 'a1');
    expect(await subject.staging()).toEqual([]);
    expect(await store.exists('e', staged.digest, 'a1')).toBe(true);
    expect((await bytesOf(await store.read('e', staged.digest, 'a1', bytes.length)))?.equals(bytes)).toBe(true);
    expect(await store.statBlob('e', staged.digest, 'a1')).toMatchObject({ sizeBytes: bytes.length });
    // Content is never shared across entities or generations.
    expect(await store.exists('other', staged.digest, 'a1')).toBe(false);
    expect(await store.exists('e', staged.digest, 'b2')).toBe(false);
  });

  it('reads at most the size asked for, and an empty blob as no bytes', async () => {
    subject = await make();
    store = subject.store;
    const bytes = bytesFor('range', 10_000);
    const { digest } = await put('e', bytes);
    expect((await bytesOf(await store.read('e', digest, 'a1', 1234)))?.equals(bytes.subarray(0, 1234))).toBe(true);
    const empty = await put('e', Buffer.alloc(0));
    expect(empty).toMatchObject({ digest: sha(Buffer.alloc(0)), sizeBytes: 0 });
    expect(await bytesOf(await store.read('e', empty.digest, 'a1', 0))).toEqual(Buffer.alloc(0));
  });

  it('takes a blob larger than an upload part (a multipart upload on S3) whole', async () => {
    subject = await make();
    store = subject.store;
    const bytes = bytesFor('big', 11 * MiB + 17);
    const { digest, sizeBytes } = await put('e', bytes);
    expect({ digest, sizeBytes }).toEqual({ digest: sha(bytes), sizeBytes: bytes.length });
    expect((await bytesOf(await store.read('e', digest, 'a1', sizeBytes)))?.equals(bytes)).toBe(true);
    expect(await subject.staging()).toEqual([]);
  });

  it('gives null, false and nothing for a blob that is not there', async () => {
    subject = await make();
    store = subject.store;
    const digest = sha(Buffer.from('never stored'));
    expect(await store.read('e', digest, 'a1', 12)).toBeNull();
    expect(await store.read('e', digest, 'a1', 0)).toBeNull();
    expect(await store.exists('e', digest, 'a1')).toBe(false);
    expect(await store.statBlob('e', digest, 'a1')).toBeNull();
  });

  it('refuses a blob past the limit with BlobTooLargeError and keeps nothing of it', async () => {
    subject = await make();
    store = subject.store;
    const bytes = bytesFor('huge', 6 * MiB);
    await expect(store.stage(chunks(bytes), 5 * MiB + 1)).rejects.toBeInstanceOf(BlobTooLargeError);
    await expect(store.stage(chunks(bytesFor('small', 1000)), 999)).rejects.toBeInstanceOf(BlobTooLargeError);
    expect(await subject.staging()).toEqual([]);
    expect(await shardsOf(store)).toEqual([]);
  });

  it('discards a staged blob (a digest that did not match) without a trace', async () => {
    subject = await make();
    store = subject.store;
    const staged = await store.stage(chunks(bytesFor('wrong', 5000)), 64 * MiB);
    await store.discard(staged);
    expect(await subject.staging()).toEqual([]);
    expect(await shardsOf(store)).toEqual([]);
  });

  it('moves a blob to the trash and removes it from there, each step idempotent; a reader already open keeps its bytes', async () => {
    subject = await make();
    store = subject.store;
    const bytes = bytesFor('trash', 50_000);
    const { digest } = await put('e', bytes);
    const open = await store.read('e', digest, 'a1', bytes.length);

    await store.moveToTrash('e', digest, 'a1');
    expect(await store.exists('e', digest, 'a1')).toBe(false);
    expect(await store.read('e', digest, 'a1', bytes.length)).toBeNull();
    expect(await subject.inTrash('e', digest, 'a1')).toBe(true);
    expect((await bytesOf(open))?.equals(bytes)).toBe(true);
    // A resumed run moves it again: nothing happens, the trashed copy stays.
    await store.moveToTrash('e', digest, 'a1');
    expect(await subject.inTrash('e', digest, 'a1')).toBe(true);

    await store.removeFromTrash('e', digest, 'a1');
    expect(await subject.inTrash('e', digest, 'a1')).toBe(false);
    await store.removeFromTrash('e', digest, 'a1');
    expect(await shardsOf(store)).toEqual([]);
  });

  it('removes a blob for good, twice without error', async () => {
    subject = await make();
    store = subject.store;
    const { digest } = await put('e', bytesFor('gone', 100));
    await store.remove('e', digest, 'a1');
    await store.remove('e', digest, 'a1');
    expect(await store.exists('e', digest, 'a1')).toBe(false);
    expect(await subject.inTrash('e', digest, 'a1')).toBe(false);
  });

  it('lists every blob by entity and digest prefix, across pages', async () => {
    subject = await make();
    store = subject.store;
    const expected: string[] = [];
    // No entity here is another's name followed by '-' or '.': s3rver lists keys in directory order,
    // where "e" comes before "e-b" although S3's key order ("e-b/" < "e/") does not, so its pages
    // would skip keys (S3 itself, MinIO and the like sort as S3 does).
    for (const [entity, label, generation] of [
      ['alpha', 'x1', 'a1'],
      ['alpha', 'x2', 'a1'],
      ['alpha', 'x1', 'b2'],
      ['alpha2', 'x3', 'a1'],
      ['beta', 'x4', 'c3'],
      ['beta', 'x5', 'c3'],
    ] as const) {
      const { digest } = await put(entity, bytesFor(label, 10), generation);
      expected.push(`${entity}/${digest}.${generation}`);
    }
    const found = await shardsOf(store);
    expect(found.sort()).toEqual(expected.sort());
    // One shard per entity and prefix: no shard is reported twice.
    const shards: string[] = [];
    for await (const shard of store.listShards()) if (shard.files.length > 0) shards.push(`${shard.entity}/${shard.prefix}`);
    expect(new Set(shards).size).toBe(shards.length);
  });
});
