import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import './styles.css';

async function start(): Promise<void> {
  // Mock mode (`npm run dev:mock`): MSW answers the API in the browser. A dynamic import behind a
  // build-time constant, so production bundles contain no MSW.
  if (import.meta.env.VITE_MOCK) {
    await (await import('../mocks/browser')).startMockWorker();
  }
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element.');
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

void start();
