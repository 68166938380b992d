/**
 * A DATA_DIR's blob store seen as an operator sees it, on either test backend: the files under
 * DATA_DIR/blobs, trash and tmp on the SQLite tier; the keys under the same names in the DATA_DIR's
 * bucket (backend.ts), through the AWS SDK, on the PostgreSQL + S3 tier. Paths are relative to the
 * area and '/'-separated in both: `<entity>/<dd>/<digest>.<generation>` in blobs,
 * `<entity>/<digest>.<generation>` in trash, as the two stores lay them out.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { BUCKET_PREFIX, bucketObjects, bucketOf, testBackend, testS3Server } from './backend';

export type StoreArea = 'blobs' | 'trash' | 'tmp';

export interface StoredFile {
  path: string;
  sizeBytes: number;
}

/** Where an upload of `digest` puts its bytes, relative to `blobs`. */
export const blobPath = (entity: string, digest: string, generation: string) => `${entity}/${digest.slice(0, 2)}/${digest}.${generation}`;
/** Where garbage collection moves them, relative to `trash`. */
export const trashPath = (entity: string, digest: string, generation: string) => `${entity}/${digest}.${generation}`;

const onS3 = () => testBackend === 'postgres-s3';
const keyOf = (area: StoreArea, file: string) => `${BUCKET_PREFIX}${area}/${file}`;
const fileOf = (dataDir: string, area: StoreArea, file: string) => path.join(dataDir, area, ...file.split('/'));

/** Every file of an area (under `under`, a directory of it, when given), sorted by path. */
export async function storedFiles(dataDir: string, area: StoreArea, under = ''): Promise<StoredFile[]> {
  const prefix = under === '' ? '' : `${under.replace(/\/$/, '')}/`;
  if (onS3()) {
    const objects = await bucketObjects(bucketOf(dataDir), keyOf(area, prefix));
    return objects.map((o) => ({ path: o.key.slice(keyOf(area, '').length), sizeBytes: o.sizeBytes })).sort((a, b) => a.path.localeCompare(b.path));
  }
  const dir = path.join(dataDir, area);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => {
      const full = path.join(d.parentPath, d.name);
      return { path: path.relative(dir, full).split(path.sep).join('/'), sizeBytes: statSync(full).size };
    })
    .filter((f) => f.path.startsWith(prefix))
    .sort((a, b) => a.path.localeCompare(b.path));
}

/** The bytes of one stored file, or null when it is not there. */
export async function readStoredFile(dataDir: string, area: StoreArea, file: string): Promise<Buffer | null> {
  if (onS3()) {
    const { client } = await testS3Server();
    try {
      const object = await client.send(new GetObjectCommand({ Bucket: bucketOf(dataDir), Key: keyOf(area, file) }));
      return Buffer.from(await object.Body!.transformToByteArray());
    } catch (error) {
      if (error instanceof Error && error.name === 'NoSuchKey') return null;
      throw error;
    }
  }
  const full = fileOf(dataDir, area, file);
  return existsSync(full) ? readFileSync(full) : null;
}

export async function storedFileExists(dataDir: string, area: StoreArea, file: string): Promise<boolean> {
  return (await readStoredFile(dataDir, area, file)) !== null;
}

/** Writes a file into the store behind the server's back (what a crash or an operator leaves), last modified at `modifiedAt`. */
export async function writeStoredFile(dataDir: string, area: StoreArea, file: string, bytes: string | Uint8Array, modifiedAt = Date.now()): Promise<void> {
  if (onS3()) {
    const { client } = await testS3Server();
    // s3-server-child.mjs gives the object this LastModified.
    const Metadata = { 'attic-test-modified-at': String(Math.round(modifiedAt)) };
    await client.send(new PutObjectCommand({ Bucket: bucketOf(dataDir), Key: keyOf(area, file), Body: bytes, Metadata }));
    return;
  }
  const full = fileOf(dataDir, area, file);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, bytes);
  utimesSync(full, new Date(modifiedAt), new Date(modifiedAt));
}

/** Makes a stored file look last written at `modifiedAt` (its bytes unchanged). */
export async function setStoredFileModified(dataDir: string, area: StoreArea, file: string, modifiedAt: number): Promise<void> {
  if (onS3()) {
    const bytes = await readStoredFile(dataDir, area, file);
    if (bytes === null) throw new Error(`${area}/${file} is not stored`);
    await writeStoredFile(dataDir, area, file, bytes, modifiedAt);
    return;
  }
  const full = fileOf(dataDir, area, file);
  utimesSync(full, new Date(modifiedAt), new Date(modifiedAt));
}

/** Removes a stored file behind the server's back. */
export async function removeStoredFile(dataDir: string, area: StoreArea, file: string): Promise<void> {
  if (onS3()) {
    const { client } = await testS3Server();
    await client.send(new DeleteObjectCommand({ Bucket: bucketOf(dataDir), Key: keyOf(area, file) }));
    return;
  }
  rmSync(fileOf(dataDir, area, file), { force: true });
}
