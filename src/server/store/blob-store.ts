/**
 * Content-addressed blob storage. The interface is what the rest of the server relies on; the
 * filesystem implementation keeps one directory per entity so content is never shared across
 * entities, and writes atomically: temp file, fsync, rename, fsync of the directory.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { trashSafetyNet, type SafetyNet } from '../../domain';

/** Bytes received and hashed into a temporary place, not yet visible under any digest. */
export interface StagedBlob {
  /** Where the store keeps the bytes until publish or discard: a temp file, a temp object key. */
  ref: string;
  digest: string;
  sizeBytes: number;
}

export class BlobTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`Blob exceeds ${maxBytes} bytes`);
  }
}

export interface BlobStore {
  /** Streams bytes into a temporary file while hashing them; throws BlobTooLargeError past maxBytes. */
  stage(source: AsyncIterable<Uint8Array>, maxBytes: number): Promise<StagedBlob>;
  /** Makes a staged blob visible as (entity, digest, generation). */
  publish(staged: StagedBlob, entity: string, generation: string): Promise<void>;
  discard(staged: StagedBlob): Promise<void>;
  /**
   * Opens a blob for reading and streams exactly its first `sizeBytes` bytes; null when the file is
   * gone. Once open, the bytes stay readable even if garbage collection moves the file away.
   */
  read(entity: string, digest: string, generation: string, sizeBytes: number): Promise<Readable | null>;
  exists(entity: string, digest: string, generation: string): Promise<boolean>;
  /** Removes a blob's file; a file already gone is not an error (removal is idempotent). */
  remove(entity: string, digest: string, generation: string): Promise<void>;
  /** Moves a blob's file to the trash area; idempotent (a file already moved is left as it is). */
  moveToTrash(entity: string, digest: string, generation: string): Promise<void>;
  /** Removes a file from the trash area for good; idempotent. */
  removeFromTrash(entity: string, digest: string, generation: string): Promise<void>;
  /** The blob files present, one shard directory at a time (garbage collection's sweep for files no row knows). */
  listShards(): AsyncIterable<BlobShard>;
  /** Size and last-modified time of a blob file, or null when it is gone. */
  statBlob(entity: string, digest: string, generation: string): Promise<{ sizeBytes: number; mtimeMs: number } | null>;
  /** What keeps removed files recoverable for a while: the trash, or the store's own versions (asked each time: it can change). */
  safetyNet(trashRetentionSeconds: number): Promise<SafetyNet>;
}

/** The blob files of one entity whose digests start with `prefix`. */
export interface BlobShard {
  entity: string;
  prefix: string;
  files: { digest: string; generation: string }[];
}

const BLOB_FILE_NAME = /^([0-9a-f]{64})\.([0-9a-f]+)$/;

/** A fresh generation tag for a new copy of a blob. */
export function newGeneration(): string {
  return randomBytes(6).toString('hex');
}

export class FileBlobStore implements BlobStore {
  private readonly blobsDir: string;
  private readonly tmpDir: string;
  private readonly trashDir: string;
  /** Trash directories known to exist: one mkdir per entity, not one per removed blob. */
  private readonly trashDirsMade = new Set<string>();

  constructor(root: string) {
    this.blobsDir = path.join(root, 'blobs');
    this.tmpDir = path.join(root, 'tmp');
    this.trashDir = path.join(root, 'trash');
  }

  trashPathOf(entity: string, digest: string, generation: string): string {
    return path.join(this.trashDir, entity, `${digest}.${generation}`);
  }

  async moveToTrash(entity: string, digest: string, generation: string): Promise<void> {
    const target = this.trashPathOf(entity, digest, generation);
    const dir = path.dirname(target);
    if (!this.trashDirsMade.has(dir)) {
      await fs.mkdir(dir, { recursive: true });
      this.trashDirsMade.add(dir);
    }
    const source = this.pathOf(entity, digest, generation);
    try {
      await fs.rename(source, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      // Either the file was already moved (a resumed run), or the trash directory went away.
      if (!(await this.exists(entity, digest, generation))) return;
      await fs.mkdir(dir, { recursive: true });
      await fs.rename(source, target);
    }
  }

  async removeFromTrash(entity: string, digest: string, generation: string): Promise<void> {
    await unlinkIfPresent(this.trashPathOf(entity, digest, generation));
  }

  /**
   * Temp files left by a crash are never referenced: cleared. `shared`: other servers of a fleet may
   * use this DATA_DIR (PostgreSQL and a shared disk) and be mid-upload, so only temp files a day old
   * or more are cleared, as on a bucket.
   */
  async init({ shared = false }: { shared?: boolean } = {}): Promise<void> {
    await fs.mkdir(this.blobsDir, { recursive: true });
    if (!shared) await fs.rm(this.tmpDir, { recursive: true, force: true });
    await fs.mkdir(this.tmpDir, { recursive: true });
    if (!shared) return;
    const dayAgo = Date.now() - 86_400_000;
    for (const name of await namesIn(this.tmpDir)) {
      const file = path.join(this.tmpDir, name);
      const stat = await fs.stat(file).catch(() => null);
      if (stat && stat.mtimeMs < dayAgo) await fs.rm(file, { force: true });
    }
  }

  pathOf(entity: string, digest: string, generation: string): string {
    return path.join(this.blobsDir, entity, digest.slice(0, 2), `${digest}.${generation}`);
  }

  async stage(source: AsyncIterable<Uint8Array>, maxBytes: number): Promise<StagedBlob> {
    const tempPath = path.join(this.tmpDir, `${Date.now()}-${randomBytes(8).toString('hex')}`);
    const hash = createHash('sha256');
    const file = await fs.open(tempPath, 'wx');
    let sizeBytes = 0;
    try {
      for await (const chunk of source) {
        sizeBytes += chunk.byteLength;
        if (sizeBytes > maxBytes) throw new BlobTooLargeError(maxBytes);
        hash.update(chunk);
        await file.write(chunk);
      }
      await file.sync();
    } catch (error) {
      await file.close();
      await fs.rm(tempPath, { force: true });
      throw error;
    }
    await file.close();
    return { ref: tempPath, digest: hash.digest('hex'), sizeBytes };
  }

  async publish(staged: StagedBlob, entity: string, generation: string): Promise<void> {
    const target = this.pathOf(entity, staged.digest, generation);
    const dir = path.dirname(target);
    await fs.mkdir(dir, { recursive: true });
    await fs.rename(staged.ref, target);
    await syncDir(dir);
  }

  async discard(staged: StagedBlob): Promise<void> {
    await fs.rm(staged.ref, { force: true });
  }

  async read(entity: string, digest: string, generation: string, sizeBytes: number): Promise<Readable | null> {
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(this.pathOf(entity, digest, generation), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    if (sizeBytes === 0) {
      await handle.close();
      return Readable.from([]);
    }
    // Never more than the stored size: a body longer than its Content-Length would be read by a
    // client reusing the connection as the next response.
    return handle.createReadStream({ start: 0, end: sizeBytes - 1 });
  }

  async exists(entity: string, digest: string, generation: string): Promise<boolean> {
    return fs.access(this.pathOf(entity, digest, generation)).then(
      () => true,
      () => false,
    );
  }

  async remove(entity: string, digest: string, generation: string): Promise<void> {
    await unlinkIfPresent(this.pathOf(entity, digest, generation));
  }

  async *listShards(): AsyncIterable<BlobShard> {
    for (const entity of await namesIn(this.blobsDir)) {
      for (const prefix of await namesIn(path.join(this.blobsDir, entity))) {
        const files: BlobShard['files'] = [];
        for (const name of await namesIn(path.join(this.blobsDir, entity, prefix))) {
          const match = BLOB_FILE_NAME.exec(name);
          if (match && match[1]!.startsWith(prefix)) files.push({ digest: match[1]!, generation: match[2]! });
        }
        yield { entity, prefix, files };
      }
    }
  }

  async statBlob(entity: string, digest: string, generation: string): Promise<{ sizeBytes: number; mtimeMs: number } | null> {
    try {
      const stat = await fs.stat(this.pathOf(entity, digest, generation));
      return { sizeBytes: stat.size, mtimeMs: stat.mtimeMs };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async safetyNet(trashRetentionSeconds: number): Promise<SafetyNet> {
    return trashSafetyNet(trashRetentionSeconds);
  }
}

/** unlink, not rm: rm stats the path first, one more system call per file of a big removal. A file already gone is fine. */
async function unlinkIfPresent(file: string): Promise<void> {
  try {
    await fs.unlink(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

async function namesIn(dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return [];
    throw error;
  }
}

async function syncDir(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** One chunk as an async iterable, for callers that already hold the bytes (the demo seed). */
export async function* bytesSource(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}
