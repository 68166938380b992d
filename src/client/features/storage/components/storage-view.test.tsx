// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, setupMockServer } from '../../../test/render-app';

const mock = setupMockServer();
const mnist = { entity: 'demo', project: 'mnist' };

/** The legend's entry named `label`: its text reads "<label> <size> <meaning>". */
function legendEntry(label: string) {
  const legend = screen.getByRole('list', { name: 'Storage of demo/mnist, by state' });
  return within(legend)
    .getAllByRole('listitem')
    .find((item) => item.textContent?.startsWith(`${label} `));
}

describe('StorageView', () => {
  it('says that no garbage collection has run yet, and how it is set up', async () => {
    renderApp('/demo/mnist/storage');
    expect(await screen.findByRole('heading', { level: 1, name: 'Storage' })).toBeInTheDocument();
    expect(await screen.findByText('No garbage collection has run yet')).toBeInTheDocument();
    const status = await screen.findByText((_, element) => element?.tagName === 'P' && element.classList.contains('gc-status-line'));
    expect(status.textContent).toMatch(/^Garbage collection is on · next run in .+ · grace period 1 day · runs every 1 hour · trash kept 7 days$/);
    expect(status.querySelector('time')).toHaveAttribute('title', expect.stringMatching(/ UTC$/));
    expect(screen.getByRole('button', { name: 'Run garbage collection' })).not.toHaveAttribute('aria-disabled');
    expect(document.title).toBe('Storage · demo/mnist · Attic');
  });

  it('shows what the project stores after a delete: live, reclaimable, shared and trash, in the bar and its legend', async () => {
    // mnist-train:v9 shares its shards with its neighbours; its labels and cnn:v2's weights are its own.
    mock.db.deleteVersion(mnist, 'mnist-train', 'v9');
    mock.db.deleteVersion(mnist, 'cnn', 'v2');
    renderApp('/demo/mnist/storage');

    const bar = await screen.findByRole('img', { name: /^Storage of demo\/mnist:/ });
    expect(bar).toHaveAccessibleName(
      'Storage of demo/mnist: 8.6 MB live, 432 KB pending deletion and reclaimable, 360 KB pending deletion but kept, shared with live versions, 0 B in the trash',
    );
    expect(legendEntry('Live')).toHaveTextContent(/^Live 8\.6 MB/);
    expect(legendEntry('Pending deletion — reclaimable')).toHaveTextContent(/^Pending deletion — reclaimable 432 KB Freed once/);
    expect(legendEntry('Pending deletion — shared')).toHaveTextContent(/^Pending deletion — shared 360 KB Kept after the purge/);
    expect(legendEntry('In trash')).toHaveTextContent(/^In trash 0 B Removed by garbage collection, kept for 7 days/);
    expect(within(legendEntry('Live')!).getByText('8.6 MB')).toHaveAttribute('title', '8,582,172 bytes');

    expect(screen.getByRole('link', { name: '2 versions pending deletion' })).toHaveAttribute('href', '/demo/mnist/artifacts/pending');
    const server = screen.getByRole('region', { name: 'Whole server' });
    expect(server).toHaveTextContent(
      'Garbage collection runs for the whole server, not per project. Across all projects, 2 versions are pending deletion; purging them frees 432 KB. The trash holds 0 B.',
    );
  });

  it("shows the server's error when the figures cannot load", async () => {
    renderApp('/demo/error-500/storage');
    const region = await screen.findByRole('region', { name: 'This project' });
    expect(await within(region).findByRole('alert')).toHaveTextContent(
      'Could not load the storage figuresThe server failed to answer this request; try again, and report it if it keeps happening.',
    );
    expect(within(region).getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });

  it('lists the runs newest first and loads older ones on request', async () => {
    // Dry runs within the 1-day grace period: nothing to purge yet, but each is recorded.
    for (let i = 0; i < 22; i++) mock.db.startGcRun({ dryRun: true });
    const newest = mock.db.listGcRuns({ limit: '1' }).items[0]!;
    const { user } = renderApp('/demo/mnist/storage');
    const table = await screen.findByRole('table', { name: 'Garbage-collection runs' });
    expect(within(table).getAllByRole('row')).toHaveLength(1 + 20);
    const first = within(table).getAllByRole('row')[1]!;
    expect(within(first).getByRole('link', { name: newest.id })).toHaveAttribute('href', `/demo/mnist/storage/runs/${newest.id}`);
    expect(
      within(first)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual([newest.id, 'just now', 'Manual', 'Dry run', 'Succeeded', '0', '0', '0 B', '0', 'under 1 s']);
    expect(first.querySelector('time')).toHaveAttribute('title', expect.stringMatching(/ UTC$/));

    await user.click(screen.getByRole('button', { name: 'Load more runs' }));
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(1 + 22));
    expect(screen.queryByRole('button', { name: 'Load more runs' })).not.toBeInTheDocument();
  });
});
