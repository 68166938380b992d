// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../../domain';
import { renderApp, setupMockServer } from '../../test/render-app';

const mock = setupMockServer();
const mnist = { entity: 'demo', project: 'mnist' };

/** The labels of the menu behind the kebab named `label`. */
async function menuItems(user: ReturnType<typeof renderApp>['user'], label: string) {
  await user.click(await screen.findByRole('button', { name: label }));
  const menu = await screen.findByRole('menu');
  const items = within(menu)
    .getAllByRole('menuitem')
    .map((item) => item.textContent);
  await user.keyboard('{Escape}');
  return items;
}

describe('the states issue 9 found misleading', () => {
  it("the projects list's Stored is the bytes on disk, pending deletion included, and says shared files count once", async () => {
    mock.db.deleteVersion(mnist, 'cnn', 'v3');
    renderApp('/');
    const table = await screen.findByRole('table', { name: 'Projects' });
    expect(within(table).getByRole('columnheader', { name: 'Stored on disk (shared files once)' })).toBeInTheDocument();
    const { liveBytes, pendingDeletion, trashBytes } = mock.db.projectStorage(mnist);
    expect(pendingDeletion.reclaimableBytes).toBeGreaterThan(0);
    const row = (await within(table).findByRole('link', { name: 'demo / mnist' })).closest('tr')!;
    await waitFor(() => expect(within(row).getAllByRole('cell')[2]).toHaveTextContent(formatBytes(liveBytes + pendingDeletion.reclaimableBytes + trashBytes)));
  });

  it('the GC dialog offers no Run now when its dry run found nothing to purge', async () => {
    const { user } = renderApp('/demo/mnist/storage');
    await user.click(await screen.findByRole('button', { name: 'Run garbage collection' }));
    const dialog = within(await screen.findByRole('alertdialog', { name: 'Run garbage collection?' }));
    expect(dialog.getByText(/^Nothing to purge/)).toBeInTheDocument();
    expect(dialog.queryByRole('button', { name: 'Run now' })).not.toBeInTheDocument();
    await user.click(dialog.getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });

  it('menus never offer Open for the page already open', async () => {
    const collectionPage = renderApp('/demo/mnist/artifacts/dataset/mnist-train');
    expect(await menuItems(collectionPage.user, 'Actions for collection mnist-train')).not.toContain('Open');
    // A row's kebab opens another page, so it keeps Open.
    expect(await menuItems(collectionPage.user, 'Actions for mnist-train:v11')).toContain('Open');
    collectionPage.unmount();

    const versionPage = renderApp('/demo/mnist/artifacts/dataset/mnist-train/latest');
    await screen.findByRole('heading', { level: 1, name: 'mnist-train:v11' });
    expect(await menuItems(versionPage.user, 'Actions for mnist-train:v11')).not.toContain('Open');
  });

  it("a deleted collection's page says it is deleted, with its pending versions and Restore collection, also in its kebab", async () => {
    mock.db.deleteCollection(mnist, 'resnet');
    const { user } = renderApp('/demo/mnist/artifacts/model/resnet');
    const main = within(screen.getByRole('main'));
    expect(
      await main.findByText(
        'This collection is deleted. Its 4 versions are pending deletion until garbage collection purges them; restoring the collection brings them back.',
      ),
    ).toBeInTheDocument();
    expect(main.queryByText('This collection has no committed versions')).not.toBeInTheDocument();
    const items = await menuItems(user, 'Actions for collection resnet');
    expect(items).toContain('Restore collection');
    expect(items).not.toContain('Delete');

    await user.click(main.getByRole('button', { name: 'Restore collection' }));
    expect(await screen.findByText('Restored 4 versions of resnet')).toBeInTheDocument();
    expect(mock.db.getCollection(mnist, 'resnet').state).toBe('READY');
    await waitFor(() => expect(main.queryByText(/^This collection is deleted/)).not.toBeInTheDocument());
  });

  it.each([
    ['/demo/nope/artifacts', 'Project not found', 'demo/nope does not exist.', 'Go to the projects'],
    ['/demo/nope/artifacts/pending', 'Project not found', 'demo/nope does not exist.', 'Go to the projects'],
    ['/demo/mnist/artifacts/dataset/nope', 'Collection not found', 'demo/mnist has no collection nope.', 'Go to demo / mnist'],
    ['/demo/mnist/artifacts/dataset/mnist-train/v99', 'Version not found', 'mnist-train has no version v99.', 'Go to mnist-train'],
  ])('%s is one calm not-found page with a way back', async (url, heading, sentence, back) => {
    renderApp(url);
    expect(await screen.findByRole('heading', { level: 1, name: heading })).toBeInTheDocument();
    expect(screen.getByText(sentence)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: back })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Retry' })).not.toBeInTheDocument();
    if (heading === 'Project not found') {
      expect(screen.queryByRole('link', { name: 'Pending deletion' })).not.toBeInTheDocument();
      expect(screen.queryByRole('link', { name: 'Storage' })).not.toBeInTheDocument();
    }
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
  });
});
