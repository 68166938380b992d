/** A server on a temporary DATA_DIR for tests: requests go through `app.request`, no port needed. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from './app';
import { loadConfig } from './config';
import type { AtticContext } from './context';
import type { GcEngineOptions } from './gc/engine';
import type { GcScheduler } from './gc/scheduler';
import { openStore } from './open-store';
import { backendEnv, dropBackend } from './test/backend';

/** The site admin's key in every test server (ADMIN_API_KEY); test requests carry it unless they say who they are. */
export const TEST_ADMIN_KEY = 'attic_test-admin-key-for-tests-only';
export const TEST_ADMIN_PASSWORD = 'test-admin-password';
export const TEST_AUTH_ENV = { ADMIN_API_KEY: TEST_ADMIN_KEY, ADMIN_PASSWORD: TEST_ADMIN_PASSWORD };

/** `init` with the admin's bearer key, unless it already names a caller (Authorization or Cookie). */
export function asAdmin(init: RequestInit = {}): RequestInit {
  const headers = new Headers(init.headers);
  if (!headers.has('authorization') && !headers.has('cookie')) headers.set('authorization', `Bearer ${TEST_ADMIN_KEY}`);
  return { ...init, headers };
}

export interface TestServer {
  /** A request as the site admin (unless `init` names another caller). */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** A request exactly as given: no caller unless `init` names one. */
  fetchAnonymous(path: string, init?: RequestInit): Promise<Response>;
  /** The app's fetch handler, for tests that serve it on a real port (raw sockets, Host headers). */
  handler: (request: Request) => Response | Promise<Response>;
  ctx: AtticContext;
  gc: GcScheduler;
  dataDir: string;
  close(): Promise<void>;
}

export async function createTestServer(env: Record<string, string> = {}, clock?: () => number, gcOptions?: GcEngineOptions): Promise<TestServer> {
  const dataDir = env.DATA_DIR ?? mkdtempSync(path.join(os.tmpdir(), 'attic-test-'));
  const keep = env.DATA_DIR !== undefined;
  // A test that names its own database (several servers on one, fleet/) gets exactly that, on every tier.
  const backend = env.DATABASE_URL === undefined ? await backendEnv(dataDir) : {};
  const config = loadConfig({ DEMO_DATA: '0', ...TEST_AUTH_ENV, ...backend, ...env, DATA_DIR: dataDir });
  // A DATA_DIR given by the caller is kept on close, so a test can restart a server on it.
  const store = await openStore(config, clock, gcOptions);
  const app = createApp(store.ctx, store.gc);
  return {
    fetch: async (p, init) => app.request(p, asAdmin(init)),
    fetchAnonymous: async (p, init) => app.request(p, init),
    handler: app.fetch,
    ctx: store.ctx,
    gc: store.gc,
    dataDir,
    async close() {
      await store.close();
      if (keep) return;
      rmSync(dataDir, { recursive: true, force: true });
      await dropBackend(dataDir);
    },
  };
}
