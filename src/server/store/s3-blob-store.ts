/**
 * Blobs in an S3-compatible bucket (BLOB_STORE_URL=s3://bucket/prefix), through the AWS SDK v3.
 * Keys mirror the file store's layout (docs/decisions/170-s3-blob-store.md):
 *   <prefix>blobs/<entity>/<dd>/<digest>.<generation>   live blobs, dd = the digest's first two hex digits
 *   <prefix>trash/<entity>/<digest>.<generation>        removed, waiting for the trash retention
 *   <prefix>tmp/<random>                                uploads being received and hashed
 * An upload streams to a tmp key while it is hashed; only once the digest is checked does publish
 * copy it (server-side) to its content-addressed key, so nothing is ever visible under a digest its
 * bytes do not have.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { objectStoreSafetyNet, type BucketVersioning, type SafetyNet } from '../../domain';
import type { BlobStoreConfig } from '../config';
import { BlobTooLargeError, type BlobShard, type BlobStore, type StagedBlob } from './blob-store';

type S3Config = Extract<BlobStoreConfig, { kind: 's3' }>;

/** The start-up check failed: the bucket cannot be reached with these settings. */
export class BlobStoreUnavailableError extends Error {}

export interface S3BlobStoreOptions {
  /** Parts of a multipart upload (the SDK's minimum is 5 MiB); smaller uploads are one PutObject. */
  partBytes?: number;
  /** How long a read of the bucket's versioning is reused, so a busy status page asks S3 rarely. */
  versioningCacheMs?: number;
  /** The server's clock (tests substitute theirs, so a test moves past the cache instead of waiting). */
  clock?: () => number;
  /** Keys per ListObjectsV2 page (S3's maximum, 1000, by default; tests use a few to see paging). */
  listPageSize?: number;
}

/** CopyObject's limit; larger objects are copied in parts (UploadPartCopy). */
const MAX_SINGLE_COPY_BYTES = 5 * 1024 ** 3;
const COPY_PART_BYTES = 512 * 1024 ** 2;
const STALE_STAGING_MS = 24 * 3600 * 1000;
const BLOB_KEY = /^([0-9a-f]{64})\.([0-9a-f]+)$/;

export function s3ClientFor(config: S3Config): S3Client {
  return new S3Client({
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    forcePathStyle: config.forcePathStyle,
    // The SDK's region lookup (AWS_REGION, profiles) runs when none is given; S3 answers any region's
    // buckets from us-east-1 with a redirect the SDK follows, and S3-compatible servers ignore it.
    region: config.region ?? 'us-east-1',
    ...(config.credentials ? { credentials: config.credentials } : {}),
    // Newer SDKs add CRC checksums to every request; many S3-compatible servers reject or ignore
    // them. Attic checks its own SHA-256 of every upload, so checksums are sent only where S3 needs them.
    ...(config.endpoint ? { requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' } : {}),
  });
}

export class S3BlobStore implements BlobStore {
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly partBytes: number;
  private readonly versioningCacheMs: number;
  private readonly clock: () => number;
  private readonly listPageSize: number | undefined;
  private versioningRead: { at: number; value: Promise<BucketVersioning> } | null = null;

  constructor(
    readonly client: S3Client,
    config: Pick<S3Config, 'bucket' | 'prefix'>,
    options: S3BlobStoreOptions = {},
  ) {
    this.bucket = config.bucket;
    this.prefix = config.prefix;
    this.partBytes = options.partBytes ?? 8 * 1024 ** 2;
    this.versioningCacheMs = options.versioningCacheMs ?? 5000;
    this.clock = options.clock ?? Date.now;
    this.listPageSize = options.listPageSize;
  }

  /** `s3://bucket/prefix`, for messages. */
  get url(): string {
    return `s3://${this.bucket}/${this.prefix}`.replace(/\/$/, '');
  }

  /** Fails start-up with a message that says what is wrong when the bucket cannot be used. */
  async init(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (error) {
      const status = httpStatus(error);
      const why =
        status === 404
          ? 'the bucket does not exist'
          : status === 403 || status === 401
            ? 'access is denied (check AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and the bucket policy)'
            : describeError(error);
      throw new BlobStoreUnavailableError(`BLOB_STORE_URL=${this.url} cannot be used: ${why}.`);
    }
    await this.sweepStaleStaging();
    await this.bucketVersioning();
  }

  /**
   * Staged objects a crash left between stage and publish: nothing references them. Only those a
   * day old go, since another server on the same bucket may be between the two steps of an upload
   * right now (a step of seconds). Multipart uploads a crash cut off are not objects: the bucket's
   * AbortIncompleteMultipartUpload lifecycle rule removes them (README).
   */
  private async sweepStaleStaging(): Promise<void> {
    const before = this.clock() - STALE_STAGING_MS;
    let ContinuationToken: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: `${this.prefix}tmp/`, ContinuationToken }));
      for (const object of page.Contents ?? []) {
        if (object.Key && object.LastModified && object.LastModified.getTime() < before) await this.deleteKey(object.Key);
      }
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
  }

  blobKey(entity: string, digest: string, generation: string): string {
    return `${this.prefix}blobs/${entity}/${digest.slice(0, 2)}/${digest}.${generation}`;
  }

  trashKey(entity: string, digest: string, generation: string): string {
    return `${this.prefix}trash/${entity}/${digest}.${generation}`;
  }

  async stage(source: AsyncIterable<Uint8Array>, maxBytes: number): Promise<StagedBlob> {
    const ref = `${this.prefix}tmp/${Date.now()}-${randomBytes(8).toString('hex')}`;
    const hash = createHash('sha256');
    let sizeBytes = 0;
    let tooLarge: BlobTooLargeError | null = null;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        sizeBytes += chunk.byteLength;
        if (sizeBytes > maxBytes) {
          tooLarge = new BlobTooLargeError(maxBytes);
          done(tooLarge);
          return;
        }
        hash.update(chunk);
        done(null, chunk);
      },
    });
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: ref, Body: counter },
      partSize: this.partBytes,
      queueSize: 4,
    });
    try {
      await Promise.all([pipeline(source, counter), upload.done()]);
    } catch (error) {
      // A failed upload stops reading the request body.
      counter.destroy();
      // The SDK aborts a multipart upload that failed; a single PutObject never started. The tmp key
      // may still exist if the failure came after it was written (never visible under a digest).
      await this.deleteKey(ref).catch(() => undefined);
      throw tooLarge ?? error;
    }
    return { ref, digest: hash.digest('hex'), sizeBytes };
  }

  async publish(staged: StagedBlob, entity: string, generation: string): Promise<void> {
    await this.copy(staged.ref, this.blobKey(entity, staged.digest, generation), staged.sizeBytes);
    await this.deleteKey(staged.ref);
  }

  async discard(staged: StagedBlob): Promise<void> {
    await this.deleteKey(staged.ref);
  }

  async read(entity: string, digest: string, generation: string, sizeBytes: number): Promise<Readable | null> {
    const Key = this.blobKey(entity, digest, generation);
    if (sizeBytes === 0) return (await this.exists(entity, digest, generation)) ? Readable.from([]) : null;
    try {
      // Never more than the stored size (see FileBlobStore.read): the Range asks only for those bytes.
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key, Range: `bytes=0-${sizeBytes - 1}` }));
      return object.Body as Readable;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async exists(entity: string, digest: string, generation: string): Promise<boolean> {
    return (await this.head(this.blobKey(entity, digest, generation))) !== null;
  }

  async remove(entity: string, digest: string, generation: string): Promise<void> {
    // S3 answers a delete of a missing key with success: removal is idempotent as it is.
    await this.deleteKey(this.blobKey(entity, digest, generation));
  }

  async moveToTrash(entity: string, digest: string, generation: string): Promise<void> {
    const source = this.blobKey(entity, digest, generation);
    try {
      await this.copy(source, this.trashKey(entity, digest, generation), null);
    } catch (error) {
      // Already moved by an earlier attempt of the same step (the copy landed, then the delete).
      if (isMissing(error)) return;
      throw error;
    }
    await this.deleteKey(source);
  }

  async removeFromTrash(entity: string, digest: string, generation: string): Promise<void> {
    await this.deleteKey(this.trashKey(entity, digest, generation));
  }

  async *listShards(): AsyncIterable<BlobShard> {
    const root = `${this.prefix}blobs/`;
    let shard: BlobShard | null = null;
    let ContinuationToken: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: root, ContinuationToken, MaxKeys: this.listPageSize }));
      // Keys come in lexicographic order, so the keys of one entity/dd shard arrive together.
      for (const object of page.Contents ?? []) {
        const [entity, dd, name, ...rest] = (object.Key ?? '').slice(root.length).split('/');
        const match = name ? BLOB_KEY.exec(name) : null;
        if (!entity || !dd || !match || rest.length > 0 || !match[1]!.startsWith(dd)) continue;
        if (shard && (shard.entity !== entity || shard.prefix !== dd)) {
          yield shard;
          shard = null;
        }
        shard ??= { entity, prefix: dd, files: [] };
        shard.files.push({ digest: match[1]!, generation: match[2]! });
      }
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
    if (shard) yield shard;
  }

  async statBlob(entity: string, digest: string, generation: string): Promise<{ sizeBytes: number; mtimeMs: number } | null> {
    return this.head(this.blobKey(entity, digest, generation));
  }

  async safetyNet(trashRetentionSeconds: number): Promise<SafetyNet> {
    return objectStoreSafetyNet(this.url, await this.bucketVersioning(), trashRetentionSeconds);
  }

  /** GetBucketVersioning, reused for a few seconds; a server that cannot say counts as no versioning. */
  bucketVersioning(): Promise<BucketVersioning> {
    const now = this.clock();
    if (this.versioningRead && now - this.versioningRead.at < this.versioningCacheMs) return this.versioningRead.value;
    const value = this.client.send(new GetBucketVersioningCommand({ Bucket: this.bucket })).then(
      (answer): BucketVersioning => ({ status: answer.Status === 'Enabled' ? 'Enabled' : answer.Status === 'Suspended' ? 'Suspended' : 'NeverEnabled' }),
      (error: unknown): BucketVersioning => ({ status: 'Unreadable', reason: describeError(error) }),
    );
    this.versioningRead = { at: now, value };
    return value;
  }

  private async head(Key: string): Promise<{ sizeBytes: number; mtimeMs: number } | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key }));
      return { sizeBytes: head.ContentLength ?? 0, mtimeMs: head.LastModified?.getTime() ?? 0 };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  private async deleteKey(Key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key }));
  }

  /** A server-side copy; `sizeBytes` null when unknown (looked up only if CopyObject refuses the size). */
  private async copy(from: string, to: string, sizeBytes: number | null): Promise<void> {
    const CopySource = `${this.bucket}/${from.split('/').map(encodeURIComponent).join('/')}`;
    if (sizeBytes === null || sizeBytes <= MAX_SINGLE_COPY_BYTES) {
      try {
        await this.client.send(new CopyObjectCommand({ Bucket: this.bucket, Key: to, CopySource }));
        return;
      } catch (error) {
        if (sizeBytes !== null || errorName(error) !== 'InvalidRequest') throw error;
      }
      const head = await this.head(from);
      if (!head) throw Object.assign(new Error(`${from} is gone`), { name: 'NoSuchKey' });
      sizeBytes = head.sizeBytes;
    }
    await this.copyInParts(CopySource, to, sizeBytes);
  }

  /** Objects above 5 GiB: UploadPartCopy in 512 MiB ranges. */
  private async copyInParts(CopySource: string, to: string, sizeBytes: number): Promise<void> {
    const { UploadId } = await this.client.send(new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: to }));
    try {
      const Parts: { ETag: string; PartNumber: number }[] = [];
      for (let start = 0, PartNumber = 1; start < sizeBytes; start += COPY_PART_BYTES, PartNumber++) {
        const end = Math.min(start + COPY_PART_BYTES, sizeBytes) - 1;
        const part = await this.client.send(
          new UploadPartCopyCommand({ Bucket: this.bucket, Key: to, UploadId, PartNumber, CopySource, CopySourceRange: `bytes=${start}-${end}` }),
        );
        Parts.push({ ETag: part.CopyPartResult?.ETag ?? '', PartNumber });
      }
      await this.client.send(new CompleteMultipartUploadCommand({ Bucket: this.bucket, Key: to, UploadId, MultipartUpload: { Parts } }));
    } catch (error) {
      await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: to, UploadId })).catch(() => undefined);
      throw error;
    }
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : '';
}

function httpStatus(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
}

function isMissing(error: unknown): boolean {
  const name = errorName(error);
  // Not any 404: NoSuchBucket is one too, and must not pass for an object already moved.
  return name === 'NoSuchKey' || name === 'NotFound';
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const status = httpStatus(error);
  const message = error.message && error.message !== error.name && error.message !== 'UnknownError' ? `: ${error.message}` : '';
  return `${error.name}${status ? ` (HTTP ${status})` : ''}${message}`;
}
