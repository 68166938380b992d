/**
 * Diagnosis helper (not part of `npm run bench`): does moving files to the trash on S3 hold memory?
 *
 *   node --expose-gc --import tsx bench/s3-move-heap.ts [objects=6000]
 *
 * Puts that many small objects into an s3rver bucket under blob keys, then moves them to the trash
 * through `S3BlobStore.moveToTrash`, eight at a time as a GC run does, in four quarters, and prints
 * the V8 heap in use after a forced collection before and after each quarter. A heap that grows
 * with the moves holds something per object; a flat one means the growth the memory section sees
 * on PostgreSQL + S3 is garbage V8 has not collected yet.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { mapLimit } from '../src/server/gc/map-limit';
import { S3BlobStore } from '../src/server/store/s3-blob-store';
import { startS3Server } from '../src/server/test/s3-server';

const collect = (globalThis as { gc?: () => void }).gc;
if (!collect) {
  console.error('run with node --expose-gc');
  process.exit(2);
}
const objects = Number(process.argv[2] ?? 6000);
const server = await startS3Server();
try {
  const store = new S3BlobStore(server.client, { bucket: server.bucket, prefix: 'attic/' });
  const keys = Array.from({ length: objects }, (_, i) => i.toString(16).padStart(64, '0'));
  await mapLimit(keys, 16, async (digest) => {
    await server.client.send(new PutObjectCommand({ Bucket: server.bucket, Key: store.blobKey('bench', digest, 'g1'), Body: 'x' }));
  });
  const heapMb = () => {
    collect();
    collect();
    return process.memoryUsage().heapUsed / 1024 ** 2;
  };
  const start = heapMb();
  console.log(`${objects} objects put; heap in use after a full collection ${start.toFixed(1)} MB`);
  const quarter = Math.ceil(objects / 4);
  for (let from = 0; from < objects; from += quarter) {
    await mapLimit(keys.slice(from, from + quarter), 8, (digest) => store.moveToTrash('bench', digest, 'g1'));
    const now = heapMb();
    console.log(
      `moved ${Math.min(from + quarter, objects)}: heap ${now.toFixed(1)} MB (${(((now - start) * 1024 ** 2) / Math.min(from + quarter, objects)).toFixed(0)} bytes a move so far)`,
    );
  }
} finally {
  await server.stop();
}
