/**
 * The mock backend in the browser (`npm run dev:mock`): the app imports this dynamically only when
 * `import.meta.env.VITE_MOCK` is set, so production builds carry no MSW code.
 */
import { setupWorker } from 'msw/browser';
import { createMockDb, type MockDb } from './db';
import { createHandlers } from './handlers';
import { seedDemo } from './seed';

/** Seeds a mock db with the demo and starts the service worker; resolves once requests are intercepted. */
export async function startMockWorker(): Promise<{ db: MockDb }> {
  const db = createMockDb();
  seedDemo(db, db.now());
  const worker = setupWorker(...createHandlers(db));
  // Requests outside the API (the app's own modules and assets) go to the network untouched.
  await worker.start({ onUnhandledRequest: 'bypass' });
  return { db };
}
