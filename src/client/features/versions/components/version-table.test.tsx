// @vitest-environment jsdom
import { fireEvent, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { renderApp, setupMockServer } from '../../../test/render-app';

const mock = setupMockServer();
const llm = { entity: 'demo', project: 'llm-finetune' };

/** The data rows of the version table (the first row is the header). */
async function versionRows(collection: string) {
  const table = await screen.findByRole('table', { name: `Versions of ${collection}` });
  return within(table).getAllByRole('row').slice(1);
}

describe('VersionTable', () => {
  it('shows the versions of the collection chosen in the sidebar, newest first, with alias chips', async () => {
    const { user } = renderApp('/demo/mnist/artifacts');
    // The sidebar's link: the overview's table links the collection too.
    const nav = within(await screen.findByRole('navigation', { name: 'Collections' }));
    await user.click(await nav.findByRole('button', { name: /^dataset/ }));
    await user.click(await nav.findByRole('link', { name: /^mnist-train/ }));

    expect(await screen.findByRole('heading', { level: 1, name: 'dataset / mnist-train' })).toBeInTheDocument();
    const main = within(screen.getByRole('main'));
    expect(main.getByText(/^12 versions · .+ stored \(shared files once\)$/)).toBeInTheDocument();
    expect(main.getByRole('button', { name: 'Actions for collection mnist-train' })).toBeInTheDocument();

    const rows = await versionRows('mnist-train');
    expect(rows.map((row) => within(row).getAllByRole('cell')[1]!.textContent)).toEqual(Array.from({ length: 12 }, (_, i) => `v${11 - i}`));
    const aliasesOf = (row: HTMLElement) =>
      within(row).queryByRole('list', { name: 'Aliases' })
        ? within(within(row).getByRole('list', { name: 'Aliases' }))
            .getAllByRole('listitem')
            .map((li) => li.textContent)
        : [];
    expect(aliasesOf(rows[0]!)).toEqual(['latest']);
    expect(aliasesOf(rows[1]!)).toEqual(['staging']);
    expect(aliasesOf(rows[3]!)).toEqual(['prod']);

    const v11 = mock.db.getVersion({ entity: 'demo', project: 'mnist' }, 'mnist-train', 'v11');
    const time = within(rows[0]!).getByText((_, element) => element?.tagName === 'TIME');
    expect(time).toHaveAttribute('dateTime', v11.createdAt);
    expect(time).toHaveAttribute('title', expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/));
    expect(within(rows[0]!).getByRole('link', { name: 'v11' })).toHaveAttribute('href', '/demo/mnist/artifacts/dataset/mnist-train/v11');
  });

  it('opens a version kebab with Copy name, Open, Copy id, Edit aliases…, Set TTL… and Delete, and copies the name', async () => {
    const { user } = renderApp('/demo/mnist/artifacts/dataset/mnist-train');
    await user.click(await screen.findByRole('button', { name: 'Actions for mnist-train:v11' }));
    const menu = await screen.findByRole('menu');
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((item) => item.textContent),
    ).toEqual(['Copy name', 'Open', 'Copy id', 'Edit aliases…', 'Set TTL…', 'Delete']);

    await user.click(within(menu).getByRole('menuitem', { name: 'Copy name' }));
    expect(await screen.findByText('Copied mnist-train:v11')).toBeInTheDocument();
    await expect(navigator.clipboard.readText()).resolves.toBe('mnist-train:v11');
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
  });

  it('opens the kebab menu with Enter and moves through it with the arrow keys', async () => {
    const { user } = renderApp('/demo/mnist/artifacts/dataset/mnist-train');
    const kebab = await screen.findByRole('button', { name: 'Actions for mnist-train:v10' });
    kebab.focus();
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('menuitem', { name: 'Copy name' })).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('menuitem', { name: 'Open' })).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('menuitem', { name: 'Copy id' })).toHaveFocus();
    await user.keyboard('{ArrowUp}');
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { level: 1, name: 'mnist-train:v10' })).toBeInTheDocument();
  });

  it('closes the kebab menu with Escape and gives focus back to the kebab', async () => {
    const { user } = renderApp('/demo/mnist/artifacts/dataset/mnist-train');
    const kebab = await screen.findByRole('button', { name: 'Actions for mnist-train:v9' });
    kebab.focus();
    await user.keyboard('{Enter}');
    await screen.findByRole('menu');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    expect(kebab).toHaveFocus();
  });

  it('renders only a window of a large collection and loads the next page when scrolled near the end', async () => {
    const pages: (string | null)[] = [];
    mock.server.events.on('request:start', ({ request }) => {
      const url = new URL(request.url);
      if (url.pathname.endsWith('/eval-logs/versions')) pages.push(url.searchParams.get('cursor'));
    });
    renderApp('/demo/llm-finetune/artifacts/eval/eval-logs');
    const total = mock.db.getCollection(llm, 'eval-logs').versionCount;
    const rows = await versionRows('eval-logs');
    expect(within(rows[0]!).getByRole('link', { name: `v${total - 1}` })).toBeInTheDocument();
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(100);
    expect(pages).toEqual([null]);

    // Scroll to row 80 of the 100 loaded: the end of the page comes near, so page two loads.
    const scroller = screen.getByRole('table', { name: 'Versions of eval-logs' }).parentElement!;
    Object.defineProperty(scroller, 'scrollTop', { configurable: true, value: 80 * 36 });
    fireEvent.scroll(scroller);
    expect(await screen.findByRole('link', { name: `v${total - 101}` })).toBeInTheDocument();
    expect(pages).toHaveLength(2);
    expect(screen.queryByRole('link', { name: `v${total - 1}` })).not.toBeInTheDocument();
  });

  it('shows the server message and Retry when the collection fails, and recovers on Retry', async () => {
    const { user } = renderApp('/demo/mnist/artifacts/dataset/error-500');
    const alert = await within(await screen.findByRole('main')).findByRole('alert');
    expect(alert).toHaveTextContent('Could not load error-500');
    expect(alert).toHaveTextContent('The server failed to answer this request');

    mock.server.use(
      http.get('*/api/v1/projects/demo/mnist/collections/error-500', () =>
        HttpResponse.json({ ...mock.db.getCollection({ entity: 'demo', project: 'mnist' }, 'mnist-test'), name: 'error-500' }),
      ),
    );
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'dataset / error-500' })).toBeInTheDocument();
    // Its versions still fail: the table shows its own error state.
    expect(await screen.findByText('Could not load versions')).toBeInTheDocument();
  });
});
