// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { renderApp, setupMockServer } from '../../../test/render-app';

// The db's clock is the test's to move, so garbage collection can purge a version mid-test; every
// test starts it where the demo was seeded.
const seededAt = Date.now();
let clock = seededAt;
const mock = setupMockServer({ now: () => clock });
const mnist = { entity: 'demo', project: 'mnist' };
const llm = { entity: 'demo', project: 'llm-finetune' };
const DAY = 86_400_000;

beforeEach(() => {
  clock = seededAt;
});

/** Two versions of mnist-train and the whole resnet collection (4 versions) pending deletion: 6 in all. */
function deleteSome() {
  mock.db.deleteVersion(mnist, 'mnist-train', 'v3');
  mock.db.deleteVersion(mnist, 'mnist-train', 'v2');
  mock.db.deleteCollection(mnist, 'resnet');
}

/** The data row of the pending table whose name link is `name`. */
async function pendingRow(name: string) {
  const table = await screen.findByRole('table', { name: 'Versions pending deletion' });
  return within(table).getByRole('link', { name }).closest('tr')!;
}

describe('PendingDeletionView', () => {
  it('says when nothing is pending deletion', async () => {
    renderApp('/demo/llm-finetune/artifacts/pending');
    expect(await screen.findByText('Nothing is pending deletion')).toBeInTheDocument();
    expect(screen.getByText('0 versions pending deletion')).toBeInTheDocument();
    const nav = within(screen.getByRole('navigation', { name: 'Collections' }));
    expect(nav.getByRole('link', { name: 'Pending deletion' })).toHaveAttribute('aria-current', 'page');
  });

  it("shows the server's error when the review cannot load", async () => {
    renderApp('/demo/error-500/artifacts/pending');
    const main = within(await screen.findByRole('main'));
    expect(await main.findByText('Could not load the versions pending deletion')).toBeInTheDocument();
    expect(main.getAllByRole('alert')[0]).toHaveTextContent('The server failed to answer this request');
  });

  it('lists each version pending deletion with who, when, size, what it frees and when it is purged, and the deleted collections', async () => {
    deleteSome();
    const expected = mock.db.listPendingDeletion(mnist).items.find((item) => item.version.version === 'v3' && item.version.collection === 'mnist-train')!;
    renderApp('/demo/mnist/artifacts/pending');

    expect(await screen.findByRole('heading', { level: 1, name: 'Pending deletion' })).toBeInTheDocument();
    expect(await screen.findByText('6 versions pending deletion')).toBeInTheDocument();
    const schedule = /^Garbage collection purges a version 1 day after it is deleted \(next run in .+\)\. Until then you can restore it\.$/;
    expect(await screen.findByText((_, element) => element?.tagName === 'P' && schedule.test(element.textContent ?? ''))).toBeInTheDocument();

    const row = await pendingRow('mnist-train:v3');
    const cells = within(row).getAllByRole('cell');
    expect(within(row).getByRole('link', { name: 'mnist-train:v3' })).toHaveAttribute('href', '/demo/mnist/artifacts/dataset/mnist-train/v3');
    expect(cells[2]).toHaveTextContent('—');
    expect(cells[3]).toHaveTextContent(/^you$/);
    expect(cells[4]!.querySelector('time')).toHaveAttribute('dateTime', expected.version.deletedAt);
    // v3 holds 342 KB, but only its labels (12 KB) are its own: its two shards are shared with its neighbours.
    expect(cells[5]).toHaveTextContent('342 KB');
    expect(cells[6]).toHaveTextContent('12 KB');
    expect(cells[7]!.querySelector('time')).toHaveAttribute('dateTime', expected.expectedPurgeAt);
    expect(within(row).getByRole('button', { name: 'Restore mnist-train:v3' })).toBeInTheDocument();
    for (const v of ['v3', 'v2', 'v1', 'v0']) expect(screen.getByRole('checkbox', { name: `Select resnet:${v}` })).toBeInTheDocument();

    const collections = screen.getByRole('table', { name: 'Deleted collections' });
    const resnet = within(collections).getByRole('link', { name: 'resnet' }).closest('tr')!;
    expect(resnet).toHaveTextContent('model');
    expect(within(resnet).getAllByRole('cell').at(-2)).toHaveTextContent('4');

    // The sidebar links here with the count as a badge.
    const nav = within(screen.getByRole('navigation', { name: 'Collections' }));
    expect(await nav.findByRole('link', { name: 'Pending deletion 6 versions' })).toHaveAttribute('href', '/demo/mnist/artifacts/pending');
    expect(nav.getByRole('link', { name: 'Storage' })).toHaveAttribute('href', '/demo/mnist/storage');
  });

  it('restores one version with its row button', async () => {
    deleteSome();
    const { user } = renderApp('/demo/mnist/artifacts/pending');
    const row = await pendingRow('mnist-train:v2');
    await user.click(within(row).getByRole('button', { name: 'Restore mnist-train:v2' }));

    expect(await screen.findByText('Restored mnist-train:v2')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'mnist-train:v2' })).not.toBeInTheDocument();
    expect(mock.db.getVersion(mnist, 'mnist-train', 'v2').state).toBe('COMMITTED');
    expect(await screen.findByText('5 versions pending deletion')).toBeInTheDocument();
    const nav = within(screen.getByRole('navigation', { name: 'Collections' }));
    expect(await nav.findByRole('link', { name: 'Pending deletion 5 versions' })).toBeInTheDocument();
  });

  it('restores the selected versions at once', async () => {
    deleteSome();
    const { user } = renderApp('/demo/mnist/artifacts/pending');
    await pendingRow('resnet:v0');
    const restoreSelected = screen.getByRole('button', { name: 'Restore selected' });
    expect(restoreSelected).toBeDisabled();
    expect(restoreSelected).toHaveAccessibleDescription('Select versions to restore several at once.');

    await user.click(screen.getByRole('checkbox', { name: 'Select resnet:v0' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select resnet:v1' }));
    expect(restoreSelected).toHaveAccessibleDescription('2 versions selected');
    await user.click(restoreSelected);

    expect(await screen.findByText('Restored 2 versions')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'resnet:v0' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'resnet:v1' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'resnet:v2' })).toBeInTheDocument();
    expect(mock.db.getVersion(mnist, 'resnet', 'v0').state).toBe('COMMITTED');
    // Restoring a version of a deleted collection brings the collection back.
    expect(mock.db.getCollection(mnist, 'resnet').state).toBe('READY');
    expect(screen.getByRole('button', { name: 'Restore selected' })).toBeDisabled();
  });

  it('restores a deleted collection with its row button: the row leaves the table and the collection is back in the sidebar', async () => {
    // A version deleted on its own keeps the review on screen once the collection is restored.
    mock.db.deleteVersion(mnist, 'mnist-train', 'v3');
    mock.db.deleteCollection(mnist, 'mnist-test');
    const { user } = renderApp('/demo/mnist/artifacts/pending');
    const collections = await screen.findByRole('table', { name: 'Deleted collections' });
    const row = within(collections).getByRole('link', { name: 'mnist-test' }).closest('tr')!;
    await user.click(within(row).getByRole('button', { name: 'Restore collection mnist-test' }));

    expect(await screen.findByText('Restored 5 versions of mnist-test')).toBeInTheDocument();
    expect(screen.queryByText(/already garbage-collected/)).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'mnist-test' })).not.toBeInTheDocument();
    expect(screen.getByText('No collections are deleted')).toBeInTheDocument();
    const nav = within(screen.getByRole('navigation', { name: 'Collections' }));
    await user.click(await nav.findByRole('button', { name: 'dataset, 2 collections' }));
    expect(nav.getByRole('link', { name: /^mnist-test/ })).toBeInTheDocument();
    expect(mock.db.getCollection(mnist, 'mnist-test')).toMatchObject({ state: 'READY', versionCount: 5, pendingDeletionCount: 0 });
  });

  it('loads more rows on request', async () => {
    const items = Array.from({ length: 60 }, (_, i) => ({ collection: 'eval-logs', version: `v${i}` }));
    mock.db.bulkDelete(llm, { items });
    const { user } = renderApp('/demo/llm-finetune/artifacts/pending');
    const table = await screen.findByRole('table', { name: 'Versions pending deletion' });
    expect(within(table).getAllByRole('row')).toHaveLength(51);
    await user.click(screen.getByRole('button', { name: 'Load more (50 of 60)' }));
    expect(await within(table).findByRole('link', { name: 'eval-logs:v0' })).toBeInTheDocument();
    expect(within(table).getAllByRole('row')).toHaveLength(61);
    expect(screen.queryByRole('button', { name: /^Load more/ })).not.toBeInTheDocument();
  });

  it("reports the selected versions that could not be restored, in the server's words", async () => {
    mock.db.deleteVersion(mnist, 'cnn', 'v0');
    clock += 2 * DAY;
    mock.db.deleteVersion(mnist, 'cnn', 'v1');
    const { user } = renderApp('/demo/mnist/artifacts/pending');
    await pendingRow('cnn:v0');
    await user.click(screen.getByRole('checkbox', { name: 'Select cnn:v0' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select cnn:v1' }));
    // Meanwhile garbage collection purges cnn:v0, whose grace period has passed.
    mock.db.startGcRun({ dryRun: false });
    await user.click(screen.getByRole('button', { name: 'Restore selected' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Restored 1 of 2 versions; 1 could not be restored:');
    expect(alert).toHaveTextContent(/cnn:v0: cnn:v0 was garbage-collected .*; its files are gone and it cannot be restored\./);
    expect(mock.db.getVersion(mnist, 'cnn', 'v1').state).toBe('COMMITTED');
    expect(screen.queryByRole('link', { name: 'cnn:v1' })).not.toBeInTheDocument();
    expect(screen.queryByText('Nothing is pending deletion')).toBeInTheDocument();
  });

  it("says how many of the collection delete's versions garbage collection purged before the restore", async () => {
    // v3 and v2 are deleted on their own first, and purged: the collection delete never takes them.
    mock.db.deleteVersion(mnist, 'resnet', 'v3', 'true');
    mock.db.deleteVersion(mnist, 'resnet', 'v2', 'true');
    clock += 2 * DAY;
    mock.db.startGcRun({ dryRun: false });
    mock.db.deleteCollection(mnist, 'resnet');
    clock += 2 * DAY;
    mock.db.startGcRun({ dryRun: false });
    const { user } = renderApp('/demo/mnist/artifacts/pending');
    const collections = await screen.findByRole('table', { name: 'Deleted collections' });
    const row = within(collections).getByRole('link', { name: 'resnet' }).closest('tr')!;
    await user.click(within(row).getByRole('button', { name: 'Restore collection resnet' }));

    expect(await screen.findByText('Restored 0 versions of resnet')).toBeInTheDocument();
    // v0 and v1, which the delete took; v2 and v3 went before it: not counted.
    expect(screen.getByText('2 were already garbage-collected: their files are gone.')).toBeInTheDocument();
    // Nothing else was deleted: the review is empty now.
    expect(screen.queryByRole('table', { name: 'Deleted collections' })).not.toBeInTheDocument();
    expect(screen.getByText('Nothing is pending deletion')).toBeInTheDocument();
    expect(mock.db.getCollection(mnist, 'resnet')).toMatchObject({ state: 'READY', versionCount: 0 });
  });
});
