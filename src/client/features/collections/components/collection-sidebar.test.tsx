// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { waitForPageInteractive } from '../../../test/actions';
import { renderApp, setupMockServer } from '../../../test/render-app';

const mock = setupMockServer();

async function sidebar() {
  const nav = await screen.findByRole('navigation', { name: 'Collections' });
  return within(nav);
}

describe('CollectionSidebar', () => {
  it('expands a type into its collections with version counts and sizes', async () => {
    const { user } = renderApp('/demo/mnist/artifacts');
    const nav = await sidebar();
    expect(nav.getByRole('heading', { name: 'demo / mnist' })).toBeInTheDocument();

    const dataset = await nav.findByRole('button', { name: 'dataset, 2 collections' });
    expect(dataset).toHaveAttribute('aria-expanded', 'false');
    expect(nav.getByRole('button', { name: 'model, 2 collections' })).toHaveAttribute('aria-expanded', 'false');

    await user.click(dataset);
    expect(dataset).toHaveAttribute('aria-expanded', 'true');
    const list = await nav.findByRole('list', { name: 'dataset collections' });
    const expected = ['mnist-test 5 versions, 290 KB', 'mnist-train 12 versions, 1.3 MB'];
    const links = within(list).getAllByRole('link');
    expect(links).toHaveLength(expected.length);
    for (const [i, link] of links.entries()) expect(link).toHaveAccessibleName(expected[i]);
    expect(within(list).getByRole('link', { name: /^mnist-train/ })).toHaveAttribute('href', '/demo/mnist/artifacts/dataset/mnist-train');

    await user.click(dataset);
    expect(dataset).toHaveAttribute('aria-expanded', 'false');
    expect(nav.queryByRole('list', { name: 'dataset collections' })).not.toBeInTheDocument();
  });

  it('opens the type of a deep-linked collection and marks the collection as the current page', async () => {
    renderApp('/demo/mnist/artifacts/model/cnn');
    const nav = await sidebar();
    expect(await nav.findByRole('button', { name: 'model, 2 collections' })).toHaveAttribute('aria-expanded', 'true');
    expect(await nav.findByRole('link', { name: /^cnn/ })).toHaveAttribute('aria-current', 'page');
    expect(nav.getByRole('button', { name: 'dataset, 2 collections' })).toHaveAttribute('aria-expanded', 'false');
  });

  it('filters collections of every type by the search text', async () => {
    const { user } = renderApp('/demo/mnist/artifacts');
    const nav = await sidebar();
    await nav.findByRole('button', { name: /^dataset/ });

    await user.type(nav.getByRole('searchbox', { name: 'Search collections' }), 'res');
    expect(await nav.findByRole('link', { name: /^resnet/ })).toBeInTheDocument();
    expect(nav.queryByRole('link', { name: /^cnn/ })).not.toBeInTheDocument();
    expect(nav.queryByRole('button', { name: /^dataset/ })).not.toBeInTheDocument();

    await user.clear(nav.getByRole('searchbox', { name: 'Search collections' }));
    await user.type(nav.getByRole('searchbox', { name: 'Search collections' }), 'nothing-like-this');
    expect(await nav.findByText('No collection matches “nothing-like-this”')).toBeInTheDocument();
  });

  it('offers Copy name, Open and Delete in the collection kebab', async () => {
    const { user } = renderApp('/demo/mnist/artifacts/dataset/mnist-test');
    const nav = await sidebar();
    await user.click(await nav.findByRole('button', { name: 'Actions for collection mnist-train' }));
    const menu = await screen.findByRole('menu', { name: 'Actions for collection mnist-train' });
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((item) => item.textContent),
    ).toEqual(['Copy name', 'Open', 'Delete versions without aliases…', 'Delete']);

    await user.click(within(menu).getByRole('menuitem', { name: 'Copy name' }));
    expect(await screen.findByText('Copied mnist-train')).toBeInTheDocument();
    await expect(navigator.clipboard.readText()).resolves.toBe('mnist-train');

    const kebab = nav.getByRole('button', { name: 'Actions for collection mnist-train' });
    await waitForPageInteractive(kebab);
    await user.click(kebab);
    await user.click(await screen.findByRole('menuitem', { name: 'Open' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'dataset / mnist-train' })).toBeInTheDocument();
  });

  it('shows the server message and a Retry button when the project fails to load', async () => {
    const { user } = renderApp('/demo/error-500/artifacts');
    const nav = await sidebar();
    const alert = await nav.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load this project');
    expect(alert).toHaveTextContent('The server failed to answer this request; try again, and report it if it keeps happening.');

    // The project recovers: Retry shows its types.
    mock.server.use(
      http.get('*/api/v1/projects/demo/error-500/types', () => HttpResponse.json({ items: [{ name: 'dataset', collectionCount: 1 }], nextCursor: null })),
    );
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await nav.findByRole('button', { name: 'dataset, 1 collection' })).toBeInTheDocument();
    expect(nav.queryByRole('alert')).not.toBeInTheDocument();
  });
});
