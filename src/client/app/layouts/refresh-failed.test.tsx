// @vitest-environment jsdom
// What was on screen stays there when a refresh fails. Found by driving the built app: with the
// server down, a delete's failure refreshed the page's queries, and their failures replaced the
// loaded version table with "Could not load cnn", and the sidebar with three error boxes listing
// the very collections they said could not be loaded.
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { renderApp, setupMockServer } from '../../test/render-app';

const mock = setupMockServer();

/** Every API request answered 502 while `down.now` is true, as a proxy answers for a stopped server; otherwise the mocks answer. */
function serverGoesDown() {
  const down = { now: true };
  mock.server.use(
    http.all('*/api/v1/*', () =>
      down.now ? HttpResponse.json({ error: { code: 'BAD_GATEWAY', message: 'The server is not answering.' } }, { status: 502 }) : undefined,
    ),
  );
  return down;
}

describe('a refresh that fails', () => {
  it('keeps the loaded versions and sidebar, says once that they may be out of date, and Retry refreshes them', async () => {
    const { user, queryClient } = renderApp('/demo/mnist/artifacts/model/cnn');
    const main = within(await screen.findByRole('main'));
    expect(await main.findByRole('link', { name: 'v8' })).toBeInTheDocument();
    const sidebar = within(screen.getByRole('navigation', { name: 'Collections' }));
    expect(await sidebar.findByRole('link', { name: /^resnet/ })).toBeInTheDocument();

    const down = serverGoesDown();
    await queryClient.invalidateQueries();
    const notice = await screen.findByRole('status', { name: 'Could not refresh' });
    expect(notice).toHaveTextContent('The server answered 502 Bad Gateway.');
    expect(notice).toHaveTextContent('What you see may be out of date.');
    expect(main.getByRole('link', { name: 'v8' })).toBeInTheDocument();
    expect(sidebar.getByRole('link', { name: /^resnet/ })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    // Meanwhile a version was logged: Retry shows it, and the notice goes.
    mock.db.logVersion({ entity: 'demo', project: 'mnist' }, { type: 'model', name: 'cnn', files: [] });
    down.now = false;
    await user.click(within(notice).getByRole('button', { name: 'Retry' }));
    expect(await main.findByRole('link', { name: 'v9' })).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('status', { name: 'Could not refresh' })).not.toBeInTheDocument());
  });

  it('a page that never loaded still shows its own error, with no notice about data it never had', async () => {
    serverGoesDown();
    renderApp('/demo/mnist/artifacts/model/cnn');
    expect(await within(await screen.findByRole('main')).findByRole('alert')).toHaveTextContent('Could not load cnn');
    expect(screen.queryByRole('status', { name: 'Could not refresh' })).not.toBeInTheDocument();
  });
});
