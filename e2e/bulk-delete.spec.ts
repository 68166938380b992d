/**
 * Deleting many versions at once on the real server: rows picked by checkbox and shift-click, or
 * every version matching a filter across pages never loaded; one dialog with the job's dry run,
 * its progress bar and its outcome; one Undo for the whole job. Every wait is on a state.
 */
import { expect, expectNoAxeViolations, test } from './fixtures';
import { ENTITY, logCollection, uniqueProject } from './support/data';

// A job of thousands of versions on a loaded 2-core machine: give its end time, never a fixed wait.
const JOB_END = { timeout: 90_000 };

test('select rows with a checkbox and shift-click, delete them as one job, see what was refused, undo it all', async ({ page, request }) => {
  const project = uniqueProject('bulk');
  await logCollection(
    request,
    project,
    'dataset',
    'ds',
    Array.from({ length: 6 }, (_, i) => ({ files: { 'data.bin': `version ${i} `.repeat(300) }, aliases: i === 2 ? ['prod'] : [] })),
  );
  await page.goto(`/${ENTITY}/${project}/artifacts/dataset/ds`);
  await page.getByRole('checkbox', { name: 'Select ds:v5' }).check();
  await page.getByRole('checkbox', { name: 'Select ds:v1' }).click({ modifiers: ['Shift'] });
  await expect(page.getByText('5 versions selected.')).toBeVisible();
  for (const v of ['v4', 'v3', 'v2']) await expect(page.getByRole('checkbox', { name: `Select ds:${v}` })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Select ds:v0' })).not.toBeChecked();

  await page.getByRole('button', { name: 'Delete selected' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Delete 5 selected versions of ds?' });
  // v5 holds latest, v2 prod.
  await expect(dialog.getByText('Deletes 5 versions; 2 of them hold aliases:')).toBeVisible();
  await expect(dialog.getByRole('list', { name: 'Aliases' }).getByRole('listitem')).toHaveText(['latest', 'prod']);
  await expect(dialog.getByText(/^Frees .+ once collected/)).toBeVisible();
  await expectNoAxeViolations(page);
  await dialog.getByRole('button', { name: 'Delete 5 versions' }).click();

  await expect(dialog.getByRole('status')).toHaveText('Deleted 3 of 5 versions.', JOB_END);
  await expect(dialog.getByRole('progressbar', { name: 'Deletion progress' })).toHaveAttribute('aria-valuenow', '5');
  await expect(dialog.getByRole('list', { name: 'Refused versions' }).getByRole('listitem')).toHaveText([
    'ds:v2 has aliases (left as it was)',
    'ds:v5 has aliases (left as it was)',
  ]);
  await expectNoAxeViolations(page);
  const api = `/api/v1/projects/${ENTITY}/${project}/collections/ds`;
  expect((await (await request.get(`${api}/versions/v3`)).json()).state).toBe('PENDING_DELETION');

  await dialog.getByRole('button', { name: 'Undo' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Restored 3 of 3 versions.', JOB_END);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  for (const v of ['v4', 'v3', 'v1']) await expect(page.getByRole('link', { name: v, exact: true })).toBeVisible();
  expect(await (await request.get(api)).json()).toMatchObject({ versionCount: 6, pendingDeletionCount: 0 });
});

test('select every demo version without aliases across unloaded pages, follow the progress bar to the end, and undo', async ({ page, request }) => {
  const api = '/api/v1/projects/demo/llm-finetune/collections/eval-logs';
  const before = await (await request.get(api)).json();
  const matching = (await (await request.get(`${api}/versions?noAliases=true&count=true&limit=1`)).json()).totalCount as number;
  expect(matching).toBeGreaterThan(1000);
  const count = matching.toLocaleString('en-US');

  await page.goto('/demo/llm-finetune/artifacts/eval/eval-logs');
  const filter = page.getByRole('form', { name: 'Filter versions' });
  await filter.getByRole('checkbox', { name: 'Without aliases' }).check();
  await filter.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/noAliases=1/);
  await page.getByRole('checkbox', { name: 'Select all loaded versions' }).check();
  await expect(page.getByText('100 versions selected.')).toBeVisible();
  await page.getByRole('button', { name: `Select all ${count} versions that match this filter` }).click();
  await expect(page.getByText(`Selected all ${count} versions that match this filter.`)).toBeVisible();

  await page.getByRole('button', { name: 'Delete selected' }).click();
  const dialog = page.getByRole('alertdialog', { name: `Delete all ${count} versions that match this filter?` });
  await expect(dialog.getByText(`Deletes ${count} versions, none of them with aliases.`)).toBeVisible();
  await dialog.getByRole('button', { name: `Delete ${count} versions` }).click();

  const bar = dialog.getByRole('progressbar', { name: 'Deletion progress' });
  await expect(bar).toHaveAttribute('aria-valuemax', String(matching));
  await expect(dialog.getByRole('status')).toHaveText(`Deleted ${count} of ${count} versions.`, JOB_END);
  await expect(bar).toHaveAttribute('aria-valuenow', String(matching));
  await expect(page.getByText('This collection has no committed versions.')).toBeVisible();
  expect((await (await request.get(api)).json()).pendingDeletionCount).toBe(before.pendingDeletionCount + matching);

  await dialog.getByRole('button', { name: 'Undo' }).click();
  await expect(dialog.getByRole('progressbar', { name: 'Restore progress' })).toBeVisible();
  await expect(dialog.getByRole('status')).toHaveText(`Restored ${count} of ${count} versions.`, JOB_END);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('link', { name: 'v1997', exact: true })).toBeVisible();
  expect(await (await request.get(api)).json()).toMatchObject({ versionCount: before.versionCount, pendingDeletionCount: before.pendingDeletionCount });
});
