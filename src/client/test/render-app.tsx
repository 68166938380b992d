/** Test helpers: the whole app at a URL, over the MSW mock backend seeded with the demo data. */
import { cleanup, render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createMockServer, type MockServerOptions } from '../../mocks/node';
import { AppProviders } from '../app/providers';
import { createQueryClient } from '../app/query-client';
import { routes } from '../app/routes';
import './jsdom-shims';

// Vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(() => cleanup());

/**
 * Renders the app's real route table at `url` in a memory router, with a fresh QueryClient that
 * does not retry (an error state shows at once). `user` is set up before rendering so its
 * clipboard stub is in place for "Copy name".
 */
export function renderApp(url: string) {
  const user = userEvent.setup();
  const queryClient = createQueryClient({ retry: false });
  const router = createMemoryRouter(routes, { initialEntries: [url] });
  const view = render(
    <AppProviders queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...view, user, router, queryClient };
}

/**
 * Starts the mock backend for the tests of one file (seeding 2,000+ versions takes a moment, so
 * once per file). Unhandled requests are errors: a request the mocks do not know is a bug.
 * `options` set up the db, e.g. `{ gc: { enabled: false } }` for garbage collection switched off.
 */
export function setupMockServer(options: MockServerOptions = {}) {
  const mock = createMockServer(options);
  beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => mock.server.resetHandlers());
  afterAll(() => mock.server.close());
  return mock;
}
