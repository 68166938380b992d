/** What every server operation needs: the database, the blob store, the clock and the settings. */
import type { ServerConfig } from './config';
import type { BlobStore } from './store/blob-store';
import type { Db } from './store/database';

export interface AtticContext {
  db: Db;
  blobs: BlobStore;
  config: ServerConfig;
  /** Milliseconds since the epoch; the demo seed and tests substitute their own. */
  clock: () => number;
}

export function nowIso(ctx: AtticContext): string {
  return new Date(ctx.clock()).toISOString();
}
