import type { Route } from '@playwright/test';
import { clickAction, expect, expectNoAxeViolations, test } from './fixtures';
import { deleteVersionViaApi, ENTITY, logCollection, uniqueProject } from './support/data';

const big = (c: string) => c.repeat(4000);

test('delete a version that has aliases, then undo', async ({ page, request }) => {
  const project = uniqueProject('del');
  await logCollection(request, project, 'model', 'weights', [
    { files: { 'model.bin': big('a'), 'config.json': '{}' } },
    { files: { 'model.bin': big('b'), 'config.json': '{}' }, aliases: ['prod'] },
    { files: { 'model.bin': big('c'), 'config.json': '{}' } },
  ]);
  await page.goto(`/${ENTITY}/${project}/artifacts/model/weights`);
  await expect(page.getByRole('link', { name: 'v2', exact: true })).toBeVisible();

  await clickAction(page, 'Actions for weights:v2', 'Delete');
  const dialog = page.getByRole('alertdialog', { name: 'Delete weights:v2?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('restore');
  // The preview: v2's own weights go, the shared config stays.
  await expect(dialog).toContainText('4 KB');
  await expect(dialog).toContainText('latest');
  await expect(dialog).toContainText('v1');
  const confirm = dialog.getByRole('button', { name: 'Delete', exact: true });
  await expect(confirm).toBeDisabled();
  await expectNoAxeViolations(page);

  await dialog.getByRole('checkbox', { name: 'Also delete aliases' }).check();
  await expect(confirm).toBeEnabled();
  await confirm.click();
  await expect(dialog).toBeHidden();
  // Radix also copies the toast into a live region for screen readers: look at the visible one.
  await expect(page.getByText('Deleted weights:v2').first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'v2', exact: true })).toBeHidden();
  await expect(page.getByRole('row').filter({ has: page.getByRole('link', { name: 'v1', exact: true }) })).toContainText('latest');

  await page.getByRole('button', { name: /Undo/ }).click();
  await expect(page.getByRole('link', { name: 'v2', exact: true })).toBeVisible();
  // Focus is back on the restored row, not on the list of toasts (Radix hands focus there when the toast closes).
  await expect(page.getByRole('button', { name: 'Actions for weights:v2' })).toBeFocused();
  const restored = await (await request.get(`/api/v1/projects/${ENTITY}/${project}/collections/weights/versions/v2`)).json();
  expect(restored.state).toBe('COMMITTED');
});

test('delete a collection from the sidebar', async ({ page, request }) => {
  const project = uniqueProject('coll');
  await logCollection(request, project, 'dataset', 'old-scans', [{ files: { 'a.bin': big('x') } }, { files: { 'a.bin': big('y') }, aliases: ['best'] }]);
  await logCollection(request, project, 'dataset', 'keep-me', [{ files: { 'a.bin': big('z') } }]);
  await page.goto(`/${ENTITY}/${project}/artifacts/dataset/keep-me`);
  await expect(page.getByRole('link', { name: /^old-scans/ })).toBeVisible();

  await clickAction(page, 'Actions for collection old-scans', 'Delete');
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('2 versions');
  await expect(dialog).toContainText('best');
  const confirm = dialog.getByRole('button', { name: 'Delete collection' });
  await expect(confirm).toBeDisabled();
  await expectNoAxeViolations(page);
  await dialog.getByRole('textbox', { name: 'Collection name' }).fill('old-scan');
  await expect(confirm).toBeDisabled();
  await dialog.getByRole('textbox', { name: 'Collection name' }).fill('old-scans');
  await confirm.click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('link', { name: /^old-scans/ })).toBeHidden();

  await page.getByRole('link', { name: /Pending deletion/ }).click();
  await expect(page).toHaveURL(new RegExp(`/${ENTITY}/${project}/artifacts/pending$`));
  await expect(page.getByRole('button', { name: 'Restore old-scans:v0' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Restore old-scans:v1' })).toBeVisible();

  // Undo the whole delete from the deleted collections table: the collection is back in the sidebar.
  await page.getByRole('button', { name: 'Restore collection old-scans' }).click();
  // Exact: Radix's live-region copy reads "Notification Restored …".
  await expect(page.getByText('Restored 2 versions of old-scans', { exact: true })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Deleted collections' })).toBeHidden();
  const sidebar = page.getByRole('navigation', { name: 'Collections' });
  // Off a collection's page the type groups start closed.
  await sidebar.getByRole('button', { name: /^dataset\b.*2 collections$/ }).click();
  await expect(sidebar.getByRole('link', { name: /^old-scans/ })).toBeVisible();
});

test('review what is pending deletion and restore', async ({ page, request }) => {
  const project = uniqueProject('pend');
  await logCollection(request, project, 'dataset', 'shards', [
    { files: { s: big('1') } },
    { files: { s: big('2') } },
    { files: { s: big('3') } },
    { files: { s: big('4') } },
  ]);
  for (const v of ['v0', 'v1', 'v2']) await deleteVersionViaApi(request, project, 'shards', v);

  await page.goto(`/${ENTITY}/${project}/artifacts/pending`);
  await expect(page.getByRole('button', { name: 'Restore shards:v0' })).toBeVisible();
  // No accounts yet: the server records `local`, the person reads "you".
  await expect(
    page
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: 'shards:v0' }) })
      .getByRole('cell')
      .nth(3),
  ).toHaveText('you');
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Restore shards:v2' }).click();
  await expect(page.getByRole('button', { name: 'Restore shards:v2' })).toBeHidden();

  await page.getByRole('checkbox', { name: 'Select shards:v0' }).check();
  await page.getByRole('checkbox', { name: 'Select shards:v1' }).check();
  await page.getByRole('button', { name: /Restore selected/ }).click();
  await expect(page.getByText(/Nothing is pending deletion/)).toBeVisible();

  await page.goto(`/${ENTITY}/${project}/artifacts/dataset/shards`);
  for (const v of ['v0', 'v1', 'v2', 'v3']) await expect(page.getByRole('link', { name: v, exact: true })).toBeVisible();
});

test("a collection's delete and its undo answer without waiting for the figures over everything pending", async ({ page, request }) => {
  const project = uniqueProject('figs');
  await logCollection(request, project, 'dataset', 'old-scans', [{ files: { 'a.bin': big('x') } }, { files: { 'a.bin': big('y') } }]);
  await logCollection(request, project, 'dataset', 'keep-me', [{ files: { 'a.bin': big('z') } }]);
  await page.goto(`/${ENTITY}/${project}/artifacts/dataset/keep-me`);
  await clickAction(page, 'Actions for collection old-scans', 'Delete');
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('2 versions');
  await dialog.getByRole('textbox', { name: 'Collection name' }).fill('old-scans');

  // From here on the figures computed over everything pending (previews, storage, the collector's
  // status) are held unanswered: around a 100,000-version collection each takes seconds.
  const figures = /\/api\/v1\/(gc$|projects\/[^/]+\/[^/]+\/(storage$|collections\/[^?]*deletion-preview))/;
  const held: (() => Promise<void>)[] = [];
  // A held request the page has since given up on (a closed dialog's preview) cannot be continued.
  await page.route(figures, (route) => void held.push(() => route.continue().catch(() => undefined)));
  await dialog.getByRole('button', { name: 'Delete collection' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Deleted collection old-scans', { exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: /^old-scans/ })).toBeHidden();

  // The Undo's toast goes at the click; another says the restore is on its way (held, as a big
  // collection's takes seconds, until that toast is seen), then how it went.
  let sent: (route: Route) => void = () => {};
  const restore = new Promise<Route>((resolve) => {
    sent = resolve;
  });
  await page.route('**/collections/old-scans/restore', (route) => sent(route));
  await page.getByRole('button', { name: 'Undo' }).click();
  const heldRestore = await restore;
  await expect(page.getByText('Restoring collection old-scans…', { exact: true })).toBeVisible();
  await heldRestore.continue();
  await expect(page.getByText('Restored 2 versions of old-scans', { exact: true })).toBeVisible();
  await expect(page.getByText('Restoring collection old-scans…', { exact: true })).toBeHidden();
  await expect(page.getByRole('link', { name: /^old-scans/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Actions for collection old-scans' })).toBeFocused();
  expect(held.length, 'figures were asked for again, in the background').toBeGreaterThan(0);

  await page.unroute(figures);
  for (const answer of held) await answer();
});
