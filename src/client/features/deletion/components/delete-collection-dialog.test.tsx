// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../domain';
import { chooseAction, waitForPageInteractive } from '../../../test/actions';
import { renderApp, setupMockServer } from '../../../test/render-app';

const mock = setupMockServer();
const mnist = { entity: 'demo', project: 'mnist' };

async function sidebar() {
  return within(await screen.findByRole('navigation', { name: 'Collections' }));
}

describe('DeleteCollectionDialog', () => {
  it('shows what goes and enables "Delete collection" only once the name is typed; the collection leaves the sidebar', async () => {
    const { user, router } = renderApp('/demo/mnist/artifacts/dataset/mnist-train');
    const nav = await sidebar();
    await nav.findByRole('link', { name: /^mnist-test/ });
    await chooseAction(user, 'Actions for collection mnist-test', 'Delete');

    const dialog = await screen.findByRole('alertdialog', { name: 'Delete collection mnist-test?' });
    expect(dialog).toHaveAccessibleDescription(/^mnist-test leaves the sidebar and all its versions are soft-deleted: their files stay in storage/);
    expect(dialog).toHaveAccessibleDescription(/You can restore them until then\.$/);
    // 3 distinct image files of 90,000 bytes (each shared by two neighbouring versions) and 5 label
    // files of 4,000: 290,000 bytes, none shared with another collection, so all of it is freed.
    expect(await within(dialog).findByText('Deletes 5 versions (290 KB) and 4 aliases:')).toBeInTheDocument();
    const chips = within(within(dialog).getByRole('list', { name: 'Aliases' })).getAllByRole('listitem');
    expect(chips.map((li) => li.textContent)).toEqual(['latest', 'staging', 'best', 'prod']);
    expect(within(dialog).getByText(/^Frees 290 KB once collected/)).toBeInTheDocument();

    const confirm = within(dialog).getByRole('button', { name: 'Delete collection' });
    const name = within(dialog).getByRole('textbox', { name: 'Collection name' });
    expect(name).toHaveAccessibleDescription('Type mnist-test to confirm.');
    expect(confirm).toBeDisabled();
    await user.type(name, 'mnist-tes');
    expect(confirm).toBeDisabled();
    await user.type(name, 't');
    expect(confirm).toBeEnabled();
    await user.click(confirm);

    expect(await screen.findByText('Deleted collection mnist-test')).toBeInTheDocument();
    expect(screen.getByText('5 versions are pending deletion.')).toBeInTheDocument();
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(nav.queryByRole('link', { name: /^mnist-test/ })).not.toBeInTheDocument();
    expect(nav.getByRole('link', { name: /^mnist-train/ })).toBeInTheDocument();
    // Deleted from the sidebar while looking at another collection: the page stays.
    expect(router.state.location.pathname).toBe('/demo/mnist/artifacts/dataset/mnist-train');
    expect(mock.db.getCollection(mnist, 'mnist-test')).toMatchObject({ state: 'DELETED', versionCount: 0, pendingDeletionCount: 5 });
  });

  it("from the collection's own page, goes to Pending deletion, where its versions are listed", async () => {
    const { user, router } = renderApp('/demo/mnist/artifacts/model/resnet');
    const header = (await screen.findByRole('heading', { level: 1, name: 'model / resnet' })).closest('header')!;
    await user.click(within(header).getByRole('button', { name: 'Actions for collection resnet' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Delete' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete collection resnet?' });
    // Enter in the name box confirms, as a form would.
    await user.type(within(dialog).getByRole('textbox', { name: 'Collection name' }), 'resnet{Enter}');

    expect(await screen.findByRole('heading', { level: 1, name: 'Pending deletion' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/demo/mnist/artifacts/pending');
    for (const v of ['v3', 'v2', 'v1', 'v0']) expect(await screen.findByRole('button', { name: `Restore resnet:${v}` })).toBeInTheDocument();
    const deleted = screen.getByRole('table', { name: 'Deleted collections' });
    expect(within(deleted).getByRole('link', { name: 'resnet' })).toHaveAttribute('href', '/demo/mnist/artifacts/model/resnet?pending=1');
    expect((await sidebar()).queryByRole('link', { name: /^resnet/ })).not.toBeInTheDocument();
  });

  it('Cancel deletes nothing, and the dialog starts empty when opened again', async () => {
    const { user } = renderApp('/demo/mnist/artifacts/model/cnn');
    const header = (await screen.findByRole('heading', { level: 1, name: 'model / cnn' })).closest('header')!;
    const kebab = within(header).getByRole('button', { name: 'Actions for collection cnn' });
    await user.click(kebab);
    await user.click(await screen.findByRole('menuitem', { name: 'Delete' }));
    let dialog = await screen.findByRole('alertdialog', { name: 'Delete collection cnn?' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Collection name' }), 'cnn');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(kebab).toHaveFocus();
    expect(mock.db.getCollection(mnist, 'cnn').state).toBe('READY');
    await waitForPageInteractive(kebab);
    await user.click(kebab);
    await user.click(await screen.findByRole('menuitem', { name: 'Delete' }));
    dialog = await screen.findByRole('alertdialog', { name: 'Delete collection cnn?' });
    expect(within(dialog).getByRole('textbox', { name: 'Collection name' })).toHaveValue('');
    expect(within(dialog).getByRole('button', { name: 'Delete collection' })).toBeDisabled();
  });

  it("shows a server error in the dialog, in the server's words, and keeps the collection", async () => {
    const files = mock.db.listFiles(mnist, 'mnist-train', 'v0').items;
    mock.db.logVersion(mnist, { type: 'dataset', name: 'delete-500', files });
    const { user } = renderApp('/demo/mnist/artifacts/dataset/delete-500');
    const header = (await screen.findByRole('heading', { level: 1, name: 'dataset / delete-500' })).closest('header')!;
    await user.click(within(header).getByRole('button', { name: 'Actions for collection delete-500' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Delete' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete collection delete-500?' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Collection name' }), 'delete-500');
    await user.click(within(dialog).getByRole('button', { name: 'Delete collection' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'The server failed to answer this request; try again, and report it if it keeps happening.',
    );
    expect(screen.getByRole('alertdialog')).toBeInTheDocument();
    expect(mock.db.getCollection(mnist, 'delete-500').state).toBe('READY');
  });

  it('Undo in the toast restores the collection: its versions come back and it is back in the sidebar', async () => {
    const { user, router } = renderApp('/demo/mnist/artifacts/dataset/mnist-train');
    const nav = await sidebar();
    await nav.findByRole('link', { name: /^mnist-test/ });
    await chooseAction(user, 'Actions for collection mnist-test', 'Delete');
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete collection mnist-test?' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Collection name' }), 'mnist-test{Enter}');
    expect(await screen.findByText('Deleted collection mnist-test')).toBeInTheDocument();
    await waitFor(() => expect(nav.queryByRole('link', { name: /^mnist-test/ })).not.toBeInTheDocument());

    const undo = screen.getByRole('button', { name: 'Undo' });
    await waitForPageInteractive(undo);
    await user.click(undo);
    expect(await screen.findByText('Restored 5 versions of mnist-test')).toBeInTheDocument();
    expect(await nav.findByRole('link', { name: /^mnist-test/ })).toBeInTheDocument();
    // Focus goes back to the restored collection's kebab, not to the toasts.
    await waitFor(() => expect(screen.getByRole('button', { name: 'Actions for collection mnist-test' })).toHaveFocus());
    expect(mock.db.getCollection(mnist, 'mnist-test')).toMatchObject({ state: 'READY', versionCount: 5, pendingDeletionCount: 0 });
    expect(mock.db.getVersion(mnist, 'mnist-test', 'latest').version).toBe('v4');
    expect(router.state.location.pathname).toBe('/demo/mnist/artifacts/dataset/mnist-train');
  });

  it("says in the server's words when Undo fails, and the collection stays deleted", async () => {
    const message = 'The database is locked; try again.';
    mock.server.use(
      http.post('*/api/v1/projects/demo/mnist/collections/mnist-test/restore', () =>
        HttpResponse.json(new ApiError(500, 'INTERNAL', message, {}).toBody(), { status: 500 }),
      ),
    );
    const { user } = renderApp('/demo/mnist/artifacts/dataset/mnist-train');
    const nav = await sidebar();
    await nav.findByRole('link', { name: /^mnist-test/ });
    await chooseAction(user, 'Actions for collection mnist-test', 'Delete');
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete collection mnist-test?' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Collection name' }), 'mnist-test{Enter}');
    expect(await screen.findByText('Deleted collection mnist-test')).toBeInTheDocument();

    const undo = screen.getByRole('button', { name: 'Undo' });
    await waitForPageInteractive(undo);
    await user.click(undo);
    expect(await screen.findByText('Could not restore collection mnist-test')).toBeInTheDocument();
    expect(screen.getByText(message)).toBeInTheDocument();
    expect(nav.queryByRole('link', { name: /^mnist-test/ })).not.toBeInTheDocument();
    expect(mock.db.getCollection(mnist, 'mnist-test').state).toBe('DELETED');
  });
});
