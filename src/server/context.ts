/** What every server operation needs: the database, the blob store, the clock and the settings. */
import type { ServerConfig } from './config';
import type { BlobStore } from './store/blob-store';
import type { Db } from './store/database';

export interface AtticContext {
  db: Db;
  /** Reads that aggregate a whole backlog (storage figures, previews, GET /gc): off the event loop on SQLite (decision 195). */
  reads: Db;
  blobs: BlobStore;
  config: ServerConfig;
  /** Milliseconds since the epoch; the demo seed and tests substitute their own. */
  clock: () => number;
}

export function nowIso(ctx: AtticContext): string {
  return new Date(ctx.clock()).toISOString();
}
