import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { createQueryClient } from './app/query-client';
import { meQueryOptions } from './features/auth/api/get-me';
import './styles.css';

async function start(): Promise<void> {
  // Mock mode (`npm run dev:mock`): MSW answers the API in the browser. A dynamic import behind a
  // build-time constant, so production bundles contain no MSW.
  if (import.meta.env.VITE_MOCK) {
    await (await import('../mocks/browser')).startMockWorker();
  }
  // Who is signed in, before the first render: pages then open with the right entries enabled
  // (or go straight to sign-in) instead of flashing a loading state. A failure here is shown by
  // the session gate, which asks again.
  const queryClient = createQueryClient();
  await queryClient.prefetchQuery(meQueryOptions());
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element.');
  createRoot(root).render(
    <StrictMode>
      <App queryClient={queryClient} />
    </StrictMode>,
  );
}

void start();
