/** `npm start`: reads the configuration, opens DATA_DIR, seeds the demo if asked, serves the API and the web app. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { ConfigError, loadConfig } from './config';
import { seedDemoAccounts } from './auth/demo-accounts';
import { SEEDED_ELSEWHERE, seedDemoIfNeeded, seedDemoWhenFree } from './demo-seed';
import { openStore } from './open-store';
import { DataDirLockedError } from './store/data-dir-lock';
import { BlobStoreUnavailableError } from './store/s3-blob-store';
import { testHoldsFromEnv } from './test-hold';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function main() {
  const config = loadConfig();
  const holds = testHoldsFromEnv(process.env);
  const store = await openStore(config, Date.now, { hooks: holds.gc, batchSize: holds.gcBatchSize }, holds.wrapBlobs);
  if (config.blobStore.kind === 's3') {
    // Read at start (and at every GC status): what keeps the objects garbage collection removes.
    const net = await store.ctx.blobs.safetyNet(config.gc.trashRetentionSeconds);
    console.log(`[attic] blobs in s3://${config.blobStore.bucket}/${config.blobStore.prefix}; safety net: ${net.detail}`);
  }
  let stopSeeding = () => {};
  if (config.demoData) {
    const started = Date.now();
    const logSeeded = (count: number) => console.log(`[attic] seeded ${count} demo versions in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const count = await seedDemoIfNeeded(store.ctx, store.fleet);
    if (count === SEEDED_ELSEWHERE) {
      console.log('[attic] another server of the fleet is seeding the demo; this one finishes it if that server stops');
      stopSeeding = seedDemoWhenFree(store.ctx, store.fleet, logSeeded);
    } else if (count !== null) logSeeded(count);
    await seedDemoAccounts(store.ctx);
  }
  const app = createApp(store.ctx, store.gc, { webRoot: path.join(projectRoot, 'dist') });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    console.log(`[attic] listening on http://${config.host}:${info.port} (DATA_DIR=${config.dataDir})`);
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    console.error(
      `[attic] cannot listen on ${config.host}:${config.port}: ${error.code === 'EADDRINUSE' ? 'the port is in use; set PORT to another one' : error.message}`,
    );
    process.exit(1);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[attic] ${signal}: finishing requests in flight, then stopping`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close(async () => {
      stopSeeding();
      await store.close();
      process.exit(0);
    });
    // Idle keep-alive connections would otherwise hold close() open.
    (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirLockedError || error instanceof BlobStoreUnavailableError) {
    console.error(`[attic] cannot start: ${error.message}`);
  } else {
    console.error('[attic] cannot start:', error);
  }
  process.exit(1);
});
