/** The mock backend for Vitest (Node and jsdom): MSW intercepts the global fetch. */
import { setupServer, type SetupServer } from 'msw/node';
import { createMockDb, type MockDb, type MockDbOptions } from './db';
import { createHandlers } from './handlers';
import { seedDemo } from './seed';

export interface MockServerOptions extends MockDbOptions {
  /** Seed the demo data set (default true); false starts empty. */
  seed?: boolean;
}

/** A fresh db, demo-seeded unless `seed: false`. */
export function createSeededMockDb(options: MockServerOptions = {}): MockDb {
  const db = createMockDb(options);
  if (options.seed !== false) seedDemo(db, db.now());
  return db;
}

/** A not yet listening MSW server over a fresh db (demo-seeded unless `seed: false`); call `server.listen()` in `beforeAll`. */
export function createMockServer(options: MockServerOptions = {}): { server: SetupServer; db: MockDb } {
  const db = createSeededMockDb(options);
  return { server: setupServer(...createHandlers(db)), db };
}
