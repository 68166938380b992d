// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, setupMockServer } from '../test/render-app';

setupMockServer();

describe('routes', () => {
  it('answers an unknown address with a not-found page', async () => {
    renderApp('/no/such/page/at/all');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to the projects' })).toHaveAttribute('href', '/');
  });

  it('sends a bare project address to its artifacts', async () => {
    const { router } = renderApp('/demo/mnist');
    expect(await screen.findByRole('heading', { level: 1, name: 'demo / mnist' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/demo/mnist/artifacts');
  });

  it('keeps what is shown in the URL, so the back button returns to the list', async () => {
    const { user, router } = renderApp('/demo/mnist/artifacts/model/cnn');
    const table = await screen.findByRole('table', { name: 'Versions of cnn' });
    await user.click(within(table).getByRole('link', { name: 'v8' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'cnn:v8' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/demo/mnist/artifacts/model/cnn/v8');
    expect(document.title).toBe('cnn:v8 · Attic');

    await act(() => router.navigate(-1));
    expect(await screen.findByRole('heading', { level: 1, name: 'model / cnn' })).toBeInTheDocument();
  });

  it('links the sidebar to Pending deletion and to Storage', async () => {
    const { user, router } = renderApp('/demo/mnist/artifacts');
    const nav = within(await screen.findByRole('navigation', { name: 'Collections' }));
    await user.click(nav.getByRole('link', { name: 'Storage' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Storage' })).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Run garbage collection' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/demo/mnist/storage');

    await user.click(nav.getByRole('link', { name: /^Pending deletion/ }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Pending deletion' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/demo/mnist/artifacts/pending');
    expect(document.title).toBe('Pending deletion · demo/mnist · Attic');
  });
});
