// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { chooseActionWithKeyboard } from '../../test/actions';
import { renderApp, setupMockServer } from '../../test/render-app';

const mock = setupMockServer();
const mnist = { entity: 'demo', project: 'mnist' };
const TABLE = 'Collections of demo/mnist';

/** The table's data rows as their cells' text (the kebab's cell is empty). */
function rowTexts(table: HTMLElement) {
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) =>
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    );
}

describe('ProjectOverviewPage', () => {
  it('lists every ready collection of the project, by type then name, with counts and sizes from the db', async () => {
    renderApp('/demo/mnist/artifacts');
    const main = within(screen.getByRole('main'));
    expect(main.getByRole('heading', { level: 1, name: 'demo / mnist' })).toBeInTheDocument();
    expect(main.getByRole('status')).toHaveTextContent('Loading collections…');

    const table = await main.findByRole('table', { name: TABLE });
    // Name, type, versions, size (each file counted once), pending deletion, [updated], kebab.
    expect(rowTexts(table).map((cells) => cells.filter((_, i) => i !== 5))).toEqual([
      ['mnist-test', 'dataset', '5', '290 KB', '0', ''],
      ['mnist-train', 'dataset', '12', '1.3 MB', '0', ''],
      ['cnn', 'model', '9', '3.8 MB', '0', ''],
      ['resnet', 'model', '4', '3.6 MB', '0', ''],
    ]);

    const link = within(table).getByRole('link', { name: 'mnist-train' });
    expect(link).toHaveAttribute('href', '/demo/mnist/artifacts/dataset/mnist-train');
    expect(link.closest('td')).toHaveClass('mono');
    const train = mock.db.getCollection(mnist, 'mnist-train');
    const row = link.closest('tr')!;
    expect(within(row).getByText('1.3 MB')).toHaveAttribute('title', '1,314,068 bytes');
    const updated = within(row).getByText((_, el) => el?.tagName === 'TIME');
    expect(updated).toHaveAttribute('dateTime', train.updatedAt);
    expect(updated).toHaveTextContent(/ago$/);
    expect(within(row).getByRole('button', { name: 'Actions for collection mnist-train' })).toBeInTheDocument();

    // The project's bytes on disk count each shared file once, as the Storage page does (live, pending and trash; nothing is pending here).
    const stored = await main.findByRole('link', { name: '9 MB on disk' });
    expect(stored).toHaveAttribute('href', '/demo/mnist/storage');
    const pending = await main.findByRole('link', { name: '0 versions pending deletion' });
    expect(pending).toHaveAttribute('href', '/demo/mnist/artifacts/pending');
    expect(pending.closest('p')).toHaveTextContent('4 collections · 9 MB on disk · 0 versions pending deletion');
  });

  it('shows versions pending deletion as a badge in their row and in the summary', async () => {
    mock.db.deleteVersion(mnist, 'resnet', 'v1');
    renderApp('/demo/mnist/artifacts');
    const table = await screen.findByRole('table', { name: TABLE });
    const resnet = within(table).getByRole('link', { name: 'resnet' }).closest('tr')!;
    const badge = within(resnet).getByText('1');
    expect(badge).toHaveClass('badge');
    expect(await screen.findByRole('link', { name: '1 version pending deletion' })).toBeInTheDocument();
  });

  it('deletes a collection from its kebab in the table: the row leaves, focus moves to the next row', async () => {
    const { user } = renderApp('/demo/mnist/artifacts');
    const table = await screen.findByRole('table', { name: TABLE });
    await chooseActionWithKeyboard(user, within(table).getByRole('button', { name: 'Actions for collection mnist-train' }), 'Delete');

    const dialog = await screen.findByRole('alertdialog', { name: 'Delete collection mnist-train?' });
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus());
    await user.keyboard('{Shift>}{Tab}{/Shift}');
    expect(within(dialog).getByRole('textbox', { name: 'Collection name' })).toHaveFocus();
    await user.keyboard('mnist-train{Enter}');

    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(within(table).queryByRole('link', { name: 'mnist-train' })).not.toBeInTheDocument();
    expect(rowTexts(table).map((cells) => cells[0])).toEqual(['mnist-test', 'cnn', 'resnet']);
    await waitFor(() => expect(within(table).getByRole('link', { name: 'cnn' })).toHaveFocus());
    expect(await screen.findByText('Deleted collection mnist-train')).toBeInTheDocument();
    expect(mock.db.getCollection(mnist, 'mnist-train').state).toBe('DELETED');
  });

  it('says how to log a first artifact when the project has no collection', async () => {
    mock.server.use(
      http.get('*/api/v1/projects/demo/mnist/types', () => HttpResponse.json({ items: [], nextCursor: null })),
      http.get('*/api/v1/projects/demo/mnist/pending-deletion', () => HttpResponse.json({ items: [], nextCursor: null, totalCount: 0 })),
    );
    renderApp('/demo/mnist/artifacts');
    const main = within(screen.getByRole('main'));
    expect(await main.findByText('No artifacts logged in this project yet')).toBeInTheDocument();
    expect(main.getByText('npm run attic -- log demo/mnist --type T --name N <files>')).toBeInTheDocument();
    expect(main.queryByRole('table')).not.toBeInTheDocument();
  });

  it('points to Pending deletion when every collection was deleted', async () => {
    for (const collection of ['mnist-train', 'mnist-test', 'cnn', 'resnet']) mock.db.deleteCollection(mnist, collection);
    renderApp('/demo/mnist/artifacts');
    const main = within(screen.getByRole('main'));
    expect(await main.findByText('No collections left in this project')).toBeInTheDocument();
    // The demo's 12 + 5 + 9 + 4 versions, all taken by the collection deletes.
    expect(main.getByRole('link', { name: 'Pending deletion' }).closest('p')).toHaveTextContent(
      '30 versions pending deletion can still be restored from Pending deletion.',
    );
  });

  it('shows the server message and Retry when the collections fail to load', async () => {
    const { user } = renderApp('/demo/error-500/artifacts');
    const main = within(screen.getByRole('main'));
    const alert = await main.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the collections');
    expect(alert).toHaveTextContent('The server failed to answer this request');

    mock.server.use(
      http.get('*/api/v1/projects/demo/error-500/types', () => HttpResponse.json({ items: [{ name: 'model', collectionCount: 1 }], nextCursor: null })),
      http.get('*/api/v1/projects/demo/error-500/collections', () =>
        HttpResponse.json({ items: [{ ...mock.db.getCollection(mnist, 'cnn'), entity: 'demo', project: 'error-500' }], nextCursor: null }),
      ),
    );
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    const table = await main.findByRole('table', { name: 'Collections of demo/error-500' });
    expect(within(table).getByRole('link', { name: 'cnn' })).toBeInTheDocument();
    expect(main.queryByRole('alert')).not.toBeInTheDocument();
  });
});
