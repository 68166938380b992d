/** Opens everything a server needs: DATA_DIR's lock and database, the blob store (DATA_DIR or a bucket). */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ensureBootstrapKey } from './auth/credentials';
import { ensureAdmin } from './auth/accounts';
import type { ServerConfig } from './config';
import { startDeletionJobs } from './deletion-jobs/runner';
import type { AtticContext } from './context';
import { GcEngine, type GcEngineOptions } from './gc/engine';
import { markOrphanSweepDue } from './gc/orphans';
import { GcScheduler } from './gc/scheduler';
import { everyThirdOfLease, Fleet } from './fleet/fleet';
import { FileBlobStore, type BlobStore } from './store/blob-store';
import { S3BlobStore, s3ClientFor } from './store/s3-blob-store';
import { startTtlScanner } from './ttl/ttl';
import { openDatabase } from './store/database';
import { lockDataDir } from './store/data-dir-lock';

export interface OpenStore {
  ctx: AtticContext;
  gc: GcScheduler;
  fleet: Fleet;
  close(): Promise<void>;
}

/** `wrapBlobs` is for tests only (test-hold.ts). */
export async function openStore(
  config: ServerConfig,
  clock: () => number = Date.now,
  gcOptions: GcEngineOptions = {},
  wrapBlobs?: (store: BlobStore) => BlobStore,
): Promise<OpenStore> {
  mkdirSync(config.dataDir, { recursive: true });
  // One server per SQLite file; servers sharing a PostgreSQL database coordinate through it (fleet/).
  const alone = config.databaseUrl === null;
  const lock = alone ? lockDataDir(config.dataDir) : null;
  // What a start that fails part-way has opened, closed again in reverse (an embedding process lives on).
  const opened: (() => Promise<void> | void)[] = [() => lock?.release()];
  try {
    // The bucket first: a start refused for it leaves nothing open.
    const store = await openBlobStore(config, clock);
    if (store instanceof S3BlobStore) opened.push(() => store.client.destroy());
    const database = await openDatabase({ databaseUrl: config.databaseUrl, sqliteFile: path.join(config.dataDir, 'attic.db') });
    opened.push(() => database.close());
    const { db, reads } = database;
    const blobs = wrapBlobs ? wrapBlobs(store) : store;
    const ctx: AtticContext = { db, reads, blobs, config, clock };
    await ensureAdmin(ctx, config.adminPassword);
    await ensureBootstrapKey(ctx, config.adminApiKey);
    const fleet = new Fleet(ctx, config.leaseSeconds * 1000);
    await fleet.join(alone);
    opened.push(() => fleet.leave().catch(() => undefined));
    // Uploads cut off by an unclean stop may have left files no row knows: the next runs sweep them
    // (a dead fleet member found at join or by a heartbeat is marked by fleet.ts itself).
    if (lock?.uncleanStop) await markOrphanSweepDue(db);
    const engine = new GcEngine(ctx, fleet, gcOptions);
    await engine.recoverInterrupted(alone);
    const gc = new GcScheduler(ctx, engine);
    gc.start();
    const stopTtl = startTtlScanner(ctx, fleet);
    const jobs = startDeletionJobs(ctx);
    const stopWatch = alone ? () => undefined : watchFleet(fleet, engine);
    return {
      ctx,
      gc,
      fleet,
      async close() {
        stopWatch();
        gc.stop();
        stopTtl();
        await jobs.stop();
        await engine.shutdown();
        await fleet.leave().catch(() => undefined);
        await database.close();
        if (store instanceof S3BlobStore) store.client.destroy();
        lock?.release();
      },
    };
  } catch (error) {
    for (const close of opened.reverse()) await close();
    throw error;
  }
}

/**
 * A fleet member's heartbeat: every third of the lease it says it is alive and keeps its leases;
 * servers found dead have an orphan sweep marked due (fleet.ts), and a run whose server died is resumed here.
 */
function watchFleet(fleet: Fleet, engine: GcEngine): () => void {
  return everyThirdOfLease(fleet, 'fleet heartbeat', async () => {
    await fleet.heartbeat();
    await engine.resumeLapsed();
  });
}

/** BLOB_STORE_URL's bucket, checked reachable (and its versioning read), or the files in DATA_DIR. */
async function openBlobStore(config: ServerConfig, clock: () => number): Promise<BlobStore> {
  const settings = config.blobStore;
  if (settings.kind === 's3') {
    const store = new S3BlobStore(s3ClientFor(settings), settings, { clock });
    try {
      await store.init();
    } catch (error) {
      store.client.destroy();
      throw error;
    }
    return store;
  }
  const files = new FileBlobStore(config.dataDir);
  // Servers on one PostgreSQL database may share this DATA_DIR's files (a shared disk).
  await files.init({ shared: config.databaseUrl !== null });
  return files;
}
