/** Test helpers: the whole app at a URL, over the MSW mock backend seeded with the demo data, fresh for every test. */
import { cleanup, render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { forkMockDb, type MockDb } from '../../mocks/db';
import { sessionMe, signInAs, type MockIdentity } from '../../mocks/auth/session';
import { createHandlers } from '../../mocks/handlers';
import { createSeededMockDb, type MockServerOptions } from '../../mocks/node';
import { AppProviders } from '../app/providers';
import { authKeys } from '../features/auth/api/auth-keys';
import { createQueryClient } from '../app/query-client';
import { routes } from '../app/routes';
import './jsdom-shims';

// Vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(() => cleanup());

/** The running test's mock db, when the file set up the mock server: `renderApp` reads the session from it. */
let runningDb: MockDb | null = null;

/**
 * Renders the app's real route table at `url` in a memory router, with a fresh QueryClient that
 * does not retry (an error state shows at once). `user` is set up before rendering so its
 * clipboard stub is in place for "Copy name".
 */
export function renderApp(url: string) {
  const user = userEvent.setup();
  const queryClient = createQueryClient({ retry: false });
  // As main.tsx loads the session before the first render, the test's app starts knowing it:
  // what `GET /auth/me` would answer now, read straight from the test's mock db.
  if (runningDb) queryClient.setQueryData(authKeys.me(), sessionMe(runningDb));
  const router = createMemoryRouter(routes, { initialEntries: [url] });
  const view = render(
    <AppProviders queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...view, user, router, queryClient };
}

/**
 * The mock backend for the tests of one file, with a db of its own for every test: a test sees
 * only its own changes, whatever ran before it and in whatever order (`--sequence.shuffle`).
 * The demo is seeded once per file (hashing its 37 MB takes about a second), then `prepare` runs
 * on that seeded db (state every test of the file starts from), and each test gets a deep copy of
 * the result (`forkMockDb`). `mock.db` is the running test's db; reading it outside a test throws.
 * Unhandled requests are errors: a request the mocks do not know is a bug. `options` set up the
 * db, e.g. `{ gc: { enabled: false } }` for garbage collection switched off.
 * Every test starts signed in as the site admin `admin`; `mock.signInAs('viewer')` (in the test,
 * before rendering) makes it a viewer, member or admin of `demo`, an `outsider`, or `null` signed out.
 */
export function setupMockServer(options: MockServerOptions = {}, prepare: (db: MockDb) => void = () => {}) {
  const seeded = createSeededMockDb(options);
  prepare(seeded);
  const server = setupServer();
  let current: MockDb | null = null;
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  beforeEach(() => {
    current = forkMockDb(seeded);
    runningDb = current;
    // Replaces the previous test's handlers, its db and any `server.use` overrides alike.
    server.resetHandlers(...createHandlers(current));
  });
  // Listeners a test adds (`mock.server.events.on`) end with it, even when it fails half-way.
  afterEach(() => {
    server.events.removeAllListeners();
    runningDb = null;
  });
  afterAll(() => server.close());
  return {
    server,
    get db(): MockDb {
      if (!current) throw new Error("mock.db is the running test's db: read it inside a test (or a beforeEach), not at the top of the file.");
      return current;
    },
    signInAs(who: MockIdentity): void {
      if (!current) throw new Error('mock.signInAs: call it inside a test (or a beforeEach).');
      signInAs(current, who);
    },
  };
}
