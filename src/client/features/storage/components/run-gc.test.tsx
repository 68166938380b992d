// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../domain';
import { renderApp, setupMockServer } from '../../../test/render-app';

// The db's clock runs behind the test's while the file's db is prepared, so versions are deleted
// more than the 1-day grace period ago and a run purges them (the UI keeps the real clock).
const DAY = 86_400_000;
let offset = -3 * DAY;
const mnist = { entity: 'demo', project: 'mnist' };
const mock = setupMockServer({ now: () => Date.now() + offset }, (db) => {
  offset = -2 * DAY;
  db.deleteVersion(mnist, 'mnist-train', 'v9');
  db.deleteVersion(mnist, 'cnn', 'v2');
  offset = 0;
});

const PLAN = 'Will purge 2 versions pending deletion for at least 1 day, free 432 KB (2 blobs); 5 blobs stay, shared with live versions.';

/** The legend's size for `label`, e.g. "432 KB". */
async function legendValue(label: string) {
  const legend = await screen.findByRole('list', { name: 'Storage of demo/mnist, by state' });
  const item = within(legend)
    .getAllByRole('listitem')
    .find((li) => li.textContent?.startsWith(`${label} `))!;
  return item.querySelector('.storage-legend-value')!.textContent;
}

function historyRows() {
  const table = screen.getByRole('table', { name: 'Garbage-collection runs' });
  return within(table).getAllByRole('row').slice(1);
}

describe('running garbage collection from the storage page', () => {
  it('previews the run in a dialog, and Cancel changes nothing', async () => {
    const { user } = renderApp('/demo/mnist/storage');
    expect(await legendValue('Pending deletion — reclaimable')).toBe('432 KB');
    await user.click(await screen.findByRole('button', { name: 'Run garbage collection' }));

    const dialog = await screen.findByRole('alertdialog', { name: 'Run garbage collection?' });
    expect(dialog).toHaveAccessibleDescription(PLAN);
    expect(within(dialog).getByText(/The run covers every project on this server/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Run garbage collection' })).toHaveFocus();
    // Only the dry run is recorded: nothing was purged.
    expect(await legendValue('Pending deletion — reclaimable')).toBe('432 KB');
    expect(await legendValue('In trash')).toBe('0 B');
    expect(mock.db.getVersion(mnist, 'cnn', 'v2').state).toBe('PENDING_DELETION');
    await waitFor(() => expect(historyRows()).toHaveLength(1));
    expect(historyRows()[0]).toHaveTextContent(/Dry run/);
  });

  it("shows the server's message when the run cannot start, in the dialog", async () => {
    const message = 'A garbage-collection run is already in progress; wait for it to finish.';
    mock.server.use(
      http.post('*/api/v1/gc/runs', async ({ request }) => {
        const body = (await request.clone().json()) as { dryRun: boolean };
        // Dry runs fall through to the mock backend; only the real run is refused.
        if (body.dryRun) return undefined;
        return HttpResponse.json(new ApiError(409, 'GC_RUNNING', message, {}).toBody(), { status: 409 });
      }),
    );
    const { user } = renderApp('/demo/mnist/storage');
    await user.click(await screen.findByRole('button', { name: 'Run garbage collection' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Run garbage collection?' });
    await user.click(within(dialog).getByRole('button', { name: 'Run now' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(message);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(mock.db.getVersion(mnist, 'cnn', 'v2').state).toBe('PENDING_DELETION');
  });

  it("shows the server's message when even the dry run fails", async () => {
    mock.server.use(
      http.post('*/api/v1/gc/runs', () => HttpResponse.json(new ApiError(500, 'INTERNAL', 'The database is locked; try again.', {}).toBody(), { status: 500 })),
    );
    const { user } = renderApp('/demo/mnist/storage');
    await user.click(await screen.findByRole('button', { name: 'Run garbage collection' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not plan a run: The database is locked; try again.');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });

  it('Run now purges: a toast says what was freed, the history gets the run, reclaimable goes to 0 and the trash grows', async () => {
    const { user } = renderApp('/demo/mnist/storage');
    await user.click(await screen.findByRole('button', { name: 'Run garbage collection' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Run garbage collection?' });
    expect(dialog).toHaveAccessibleDescription(PLAN);
    await user.click(within(dialog).getByRole('button', { name: 'Run now' }));

    expect(await screen.findByText('Garbage collection freed 432 KB')).toBeInTheDocument();
    expect(screen.getByText('Purged 2 versions and deleted 2 blobs.')).toBeInTheDocument();
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();

    await waitFor(async () => expect(await legendValue('Pending deletion — reclaimable')).toBe('0 B'));
    expect(await legendValue('In trash')).toBe('432 KB');
    expect(await legendValue('Pending deletion — shared')).toBe('0 B');
    expect(screen.getByRole('link', { name: '0 versions pending deletion' })).toBeInTheDocument();
    // The sidebar's pending badge is refreshed too: no count left in its name.
    const nav = within(screen.getByRole('navigation', { name: 'Collections' }));
    await waitFor(() => expect(nav.getByRole('link', { name: /^Pending deletion/ })).toHaveAccessibleName('Pending deletion'));

    await waitFor(() => expect(within(historyRows()[0]!).getByText('Real run')).toBeInTheDocument());
    const cells = within(historyRows()[0]!)
      .getAllByRole('cell')
      .map((cell) => cell.textContent);
    expect(cells.slice(2)).toEqual(['Manual', 'Real run', 'Succeeded', '2', '2', '432 KB', '5', 'under 1 s']);
  });

  it('opens a run from the history and shows its figures and log', async () => {
    const latest = mock.db.startGcRun({ dryRun: false });
    const { user } = renderApp('/demo/mnist/storage');
    await screen.findByRole('table', { name: 'Garbage-collection runs' });
    await user.click(within(historyRows()[0]!).getByRole('link', { name: latest.id }));

    expect(await screen.findByRole('heading', { level: 1, name: `Garbage-collection run ${latest.id}` })).toBeInTheDocument();
    const plan = screen.getByRole('table', { name: 'Planned and done' });
    expect(within(plan).getByRole('row', { name: 'Bytes reclaimed 432 KB 432 KB' })).toBeInTheDocument();
    const log = screen.getByRole('list', { name: `Log of run ${latest.id}` });
    const lines = within(log).getAllByRole('listitem');
    expect(lines[0]).toHaveTextContent(/UTC Plan: purge 2 versions deleted before .+; free 2 blobs \(432 KB\); 5 blobs stay, shared with live versions\.$/);
    expect(lines.at(-1)).toHaveTextContent(/Done: purged 2 versions, deleted 2 blobs, reclaimed 432 KB\.$/);
    expect(lines[0]!.querySelector('time')).toHaveAttribute('dateTime', latest.log![0]!.at);
    expect(screen.getByRole('link', { name: '← Storage' })).toHaveAttribute('href', '/demo/mnist/storage');
  });

  it("is a calm not-found page when a run does not exist, in the server's words, with a way back and no Retry", async () => {
    const { user } = renderApp('/demo/mnist/storage/runs/gc_nope');
    const main = within(screen.getByRole('main'));
    expect(await main.findByRole('heading', { level: 1, name: 'Run not found' })).toBeInTheDocument();
    expect(main.getByText('No garbage-collection run gc_nope.')).toBeInTheDocument();
    expect(main.queryByRole('alert')).not.toBeInTheDocument();
    expect(main.queryByRole('button', { name: 'Retry' })).not.toBeInTheDocument();
    await user.click(main.getByRole('link', { name: 'Go to Storage' }));
    expect(await main.findByRole('heading', { level: 1, name: 'Storage' })).toBeInTheDocument();
  });

  it('follows a run already in progress with a progress bar instead of the button, then says what it freed', async () => {
    const startedAt = new Date().toISOString();
    const base = {
      id: 'gc_in_progress',
      dryRun: false,
      startedAt,
      finishedAt: null,
      blobsRetainedShared: 3,
      error: null,
      trigger: 'schedule' as const,
      log: [],
      planned: { versionsPurged: 2, blobsDeleted: 2, bytesReclaimed: 2_500_000 },
    };
    const running = { ...base, status: 'running' as const, phase: 'deleting', versionsPurged: 2, blobsDeleted: 1, bytesReclaimed: 1_000_000 };
    const finished = {
      ...base,
      status: 'succeeded' as const,
      phase: 'done',
      finishedAt: startedAt,
      versionsPurged: 2,
      blobsDeleted: 2,
      bytesReclaimed: 2_500_000,
    };
    let polls = 0;
    mock.server.use(
      // A scheduled run the server reports in progress, which ends after a few polls.
      http.get('*/api/v1/gc', () => HttpResponse.json({ ...mock.db.gcStatus(), running: polls < 3 ? running : null })),
      http.get('*/api/v1/gc/runs/gc_in_progress', () => HttpResponse.json(++polls < 3 ? running : finished)),
    );
    renderApp('/demo/mnist/storage');

    const bar = await screen.findByRole('progressbar', { name: 'Garbage collection progress' });
    expect(bar).toHaveAttribute('aria-valuenow', '3');
    expect(bar).toHaveAttribute('aria-valuemax', '4');
    expect(bar).toHaveAttribute('aria-valuetext', '2 of 2 versions purged, 1 of 2 blobs deleted');
    expect(screen.getByText('Garbage collection is running: deleting')).toHaveAttribute('role', 'status');
    expect(screen.queryByRole('button', { name: 'Run garbage collection' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Run details' })).toHaveAttribute('href', '/demo/mnist/storage/runs/gc_in_progress');

    // Polled every 500 ms until it ends.
    expect(await screen.findByText('Garbage collection freed 2.5 MB')).toBeInTheDocument();
    expect(polls).toBeGreaterThanOrEqual(3);
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Run garbage collection' })).toBeInTheDocument();
  });

  it('follows the run it started (202 running, as the server answers) until it ends', async () => {
    const startedAt = new Date().toISOString();
    const base = {
      id: 'gc_started_here',
      dryRun: false,
      startedAt,
      blobsRetainedShared: 0,
      error: null,
      trigger: 'manual' as const,
      log: [],
      planned: { versionsPurged: 1, blobsDeleted: 1, bytesReclaimed: 12_000 },
    };
    const running = { ...base, status: 'running' as const, phase: 'purging', finishedAt: null, versionsPurged: 0, blobsDeleted: 0, bytesReclaimed: 0 };
    const failed = {
      ...base,
      status: 'failed' as const,
      phase: 'done',
      finishedAt: startedAt,
      versionsPurged: 1,
      blobsDeleted: 0,
      bytesReclaimed: 0,
      error: 'Interrupted: the server is stopping. The next run finishes this work.',
    };
    let polls = 0;
    mock.server.use(
      http.post('*/api/v1/gc/runs', async ({ request }) => {
        const body = (await request.clone().json()) as { dryRun: boolean };
        // The dry run finds something to purge (the db's own was purged by an earlier test), so the dialog offers Run now.
        if (body.dryRun)
          return HttpResponse.json({
            ...base,
            id: 'gc_plan',
            dryRun: true,
            status: 'succeeded',
            phase: 'done',
            finishedAt: startedAt,
            versionsPurged: 1,
            blobsDeleted: 1,
            bytesReclaimed: 12_000,
          });
        return HttpResponse.json(running, { status: 202 });
      }),
      http.get('*/api/v1/gc/runs/gc_started_here', () => HttpResponse.json(++polls < 2 ? running : failed)),
    );
    const { user } = renderApp('/demo/mnist/storage');
    await user.click(await screen.findByRole('button', { name: 'Run garbage collection' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Run garbage collection?' });
    await user.click(within(dialog).getByRole('button', { name: 'Run now' }));

    const bar = await screen.findByRole('progressbar', { name: 'Garbage collection progress' });
    expect(bar).toHaveAttribute('aria-valuenow', '0');
    expect(bar).toHaveAttribute('aria-valuemax', '2');
    expect(screen.getByText('Garbage collection is running: purging')).toBeInTheDocument();

    // A run that fails part-way says so in the server's words.
    expect(await screen.findByText('Garbage collection failed')).toBeInTheDocument();
    expect(screen.getByText('Interrupted: the server is stopping. The next run finishes this work.')).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Run garbage collection' })).toBeInTheDocument();
  });
});
