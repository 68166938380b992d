// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, setupMockServer } from '../../../test/render-app';

const mock = setupMockServer();
const llm = { entity: 'demo', project: 'llm-finetune' };

/** The job requests the web app sends, as the mock received them. */
function jobRequests(): Record<string, unknown>[] {
  const bodies: Record<string, unknown>[] = [];
  mock.server.events.on('request:start', async ({ request }) => {
    if (request.method === 'POST' && new URL(request.url).pathname.endsWith('/deletion-jobs')) bodies.push(await request.clone().json());
  });
  return bodies;
}

/** The filter form as it is now: applying a view renders it afresh. */
const filterForm = () => within(screen.getByRole('form', { name: 'Filter versions' }));

/** The version links of mnist-train's table as it is now (a new view renders a new table). */
const shownVersions = () =>
  within(screen.getByRole('table', { name: 'Versions of mnist-train' }))
    .queryAllByRole('link')
    .map((a) => a.textContent);

const checkbox = (name: string) => screen.findByRole('checkbox', { name: `Select ${name}` });

describe('selecting versions in the table', () => {
  it('selects a row by its checkbox, a range with shift-click, and by keyboard', async () => {
    const { user } = renderApp('/demo/mnist/artifacts/dataset/mnist-train');
    await user.click(await checkbox('mnist-train:v9'));
    expect(await screen.findByText('1 version selected.')).toBeInTheDocument();

    await user.keyboard('{Shift>}');
    await user.click(await checkbox('mnist-train:v5'));
    await user.keyboard('{/Shift}');
    expect(await screen.findByText('5 versions selected.')).toBeInTheDocument();
    for (const v of [9, 8, 7, 6, 5]) expect(await checkbox(`mnist-train:v${v}`)).toBeChecked();
    expect(await checkbox('mnist-train:v10')).not.toBeChecked();
    expect(await checkbox('mnist-train:v4')).not.toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Select all loaded versions' })).toHaveProperty('indeterminate', true);

    // Space on a focused checkbox, as a keyboard user selects.
    (await checkbox('mnist-train:v2')).focus();
    await user.keyboard(' ');
    expect(await checkbox('mnist-train:v2')).toBeChecked();
    expect(await screen.findByText('6 versions selected.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Clear selection' }));
    expect(await checkbox('mnist-train:v9')).not.toBeChecked();
    expect(screen.queryByRole('button', { name: 'Delete selected' })).not.toBeInTheDocument();
  });

  it('sends the rows picked by hand as version ids, and opens one dialog naming how many', async () => {
    const bodies = jobRequests();
    const { user } = renderApp('/demo/mnist/artifacts/dataset/mnist-train');
    await user.click(await checkbox('mnist-train:v4'));
    await user.click(await checkbox('mnist-train:v3'));
    await user.click(screen.getByRole('button', { name: 'Delete selected' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete 2 selected versions of mnist-train?' });
    expect(await within(dialog).findByText('Deletes 2 versions, none of them with aliases.')).toBeInTheDocument();
    const ids = ['v4', 'v3'].map((v) => mock.db.getVersion({ entity: 'demo', project: 'mnist' }, 'mnist-train', v).id);
    expect(bodies[0]).toEqual({ action: 'delete', filter: { collections: ['mnist-train'], versions: ids }, deleteAliases: false, dryRun: true });
  });

  it('selects every version that matches the filter, across pages never loaded, as the job filter itself', async () => {
    const bodies = jobRequests();
    const { user } = renderApp('/demo/llm-finetune/artifacts/eval/eval-logs?noAliases=1');
    const form = await screen.findByRole('form', { name: 'Filter versions' });
    expect(within(form).getByRole('checkbox', { name: 'Without aliases' })).toBeChecked();
    await user.click(await screen.findByRole('checkbox', { name: 'Select all loaded versions' }));
    expect(await screen.findByText('100 versions selected.')).toBeInTheDocument();

    const matching = 2000 - 3; // every version but those holding latest, staging and best
    await user.click(await screen.findByRole('button', { name: `Select all ${matching.toLocaleString('en-US')} versions that match this filter` }));
    expect(await screen.findByText(`Selected all ${matching.toLocaleString('en-US')} versions that match this filter.`)).toBeInTheDocument();
    // Rows of pages not loaded yet are not listed anywhere: the selection is the filter.
    expect(await checkbox('eval-logs:v1997')).toBeChecked();

    await user.click(screen.getByRole('button', { name: 'Delete selected' }));
    const dialog = await screen.findByRole('alertdialog', { name: `Delete all ${matching.toLocaleString('en-US')} versions that match this filter?` });
    expect(await within(dialog).findByText(`Deletes ${matching.toLocaleString('en-US')} versions, none of them with aliases.`)).toBeInTheDocument();
    expect(bodies[0]).toEqual({ action: 'delete', filter: { collections: ['eval-logs'], noAliases: true }, deleteAliases: false, dryRun: true });
    expect(mock.db.getCollection(llm, 'eval-logs').pendingDeletionCount).toBe(0);
  });

  it('unchecking one row of "all that match" keeps the loaded rows but that one', async () => {
    const { user } = renderApp('/demo/llm-finetune/artifacts/eval/eval-logs');
    await user.click(await screen.findByRole('checkbox', { name: 'Select all loaded versions' }));
    await user.click(await screen.findByRole('button', { name: 'Select all 2,000 versions in eval-logs' }));
    expect(await screen.findByText('Selected all 2,000 versions in eval-logs.')).toBeInTheDocument();
    await user.click(await checkbox('eval-logs:v1998'));
    expect(await screen.findByText('99 versions selected.')).toBeInTheDocument();
    expect(await checkbox('eval-logs:v1998')).not.toBeChecked();
  });

  it('filters by alias, run and days, sorts, and keeps the view in the URL; a new view clears the selection', async () => {
    const { user, router } = renderApp('/demo/mnist/artifacts/dataset/mnist-train');
    await user.click(await checkbox('mnist-train:v3'));
    await screen.findByRole('form', { name: 'Filter versions' });
    await user.type(filterForm().getByRole('textbox', { name: 'Run' }), 'mnist-train-run-2{Enter}');
    await waitFor(() => expect(router.state.location.search).toBe('?run=mnist-train-run-2'));
    await waitFor(() => expect(shownVersions()).toEqual(['v5', 'v4']));
    expect(screen.queryByText(/selected\.$/)).not.toBeInTheDocument();

    await user.clear(filterForm().getByRole('textbox', { name: 'Run' }));
    await user.type(filterForm().getByRole('textbox', { name: 'Alias' }), 'prod');
    await user.click(filterForm().getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(shownVersions()).toEqual(['v8']));

    await user.click(filterForm().getByRole('button', { name: 'Clear filter' }));
    await user.selectOptions(filterForm().getByRole('combobox', { name: 'Sort' }), 'Oldest first');
    await waitFor(() => expect(router.state.location.search).toBe('?sort=oldest'));
    await waitFor(() => expect(shownVersions()[0]).toBe('v0'));

    // Days: from the day v11 was logged to the day after; only what was created on those days shows.
    const v11 = new Date(mock.db.getVersion({ entity: 'demo', project: 'mnist' }, 'mnist-train', 'v11').createdAt);
    const day = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    await user.type(filterForm().getByLabelText('Created from'), day(v11));
    await user.click(filterForm().getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(Object.fromEntries(new URLSearchParams(router.state.location.search))).toEqual({ from: day(v11), sort: 'oldest' }));
    await waitFor(() => expect(shownVersions().at(-1)).toBe('v11'));
    const shown = shownVersions();
    const expected = mock.db
      .listVersions({ entity: 'demo', project: 'mnist' }, 'mnist-train', { limit: '100' })
      .items.filter((v) => day(new Date(v.createdAt)) >= day(v11))
      .map((v) => v.version)
      .reverse();
    expect(shown).toEqual(expected);
  });
});
