import type { Page } from '@playwright/test';
import { clickAction, expect, expectNoAxeViolations, test } from './fixtures';
import { ENTITY, logCollection, uniqueProject } from './support/data';

/** The toasts' region: Radix also copies each toast into a live region, so texts are looked up here. */
const toasts = (page: Page) => page.getByRole('region', { name: /^Notifications/ });
const api = (project: string) => `/api/v1/projects/${ENTITY}/${project}/collections/weights`;

test('the Undo of a delete brings the aliases back, and one another version took is moved back in one click', async ({ page, request }) => {
  const project = uniqueProject('undo-aliases');
  await logCollection(request, project, 'model', 'weights', [
    { files: { 'model.bin': 'a' }, aliases: ['prod'] },
    { files: { 'model.bin': 'b' }, aliases: ['best'] },
    { files: { 'model.bin': 'c' } },
  ]);
  await page.goto(`/${ENTITY}/${project}/artifacts/model/weights/v0`);
  await expect(page.getByRole('heading', { level: 1, name: 'weights:v0' })).toBeVisible();

  await clickAction(page, 'Actions for weights:v0', 'Delete');
  const dialog = page.getByRole('alertdialog', { name: 'Delete weights:v0?' });
  await dialog.getByRole('checkbox', { name: 'Also delete aliases' }).check();
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(dialog).toBeHidden();
  await toasts(page).getByRole('button', { name: 'Undo' }).click();
  await expect(toasts(page).getByText('Its alias is back: prod.')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Aliases' }).getByText('prod')).toBeVisible();
  expect((await (await request.get(`${api(project)}/versions/v0`)).json()).aliases).toEqual(['prod']);

  // Delete v1 with best, give best to v2 meanwhile, restore v1 from the pending review.
  expect((await request.delete(`${api(project)}/versions/v1?deleteAliases=true`)).status()).toBe(200);
  expect((await request.put(`${api(project)}/versions/v2/aliases`, { data: { aliases: ['latest', 'best'] } })).status()).toBe(200);
  await page.goto(`/${ENTITY}/${project}/artifacts/pending`);
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'weights:v1' }) });
  await expect(row.getByRole('cell').nth(2)).toHaveText('best');
  await row.getByRole('button', { name: 'Restore weights:v1' }).click();
  await expect(toasts(page).getByText('best stayed on weights:v2, which got it after the delete.')).toBeVisible();
  await toasts(page).getByRole('button', { name: 'Move best back' }).click();
  await expect(toasts(page).getByText('Moved best to weights:v1')).toBeVisible();
  expect((await (await request.get(`${api(project)}/versions/v1`)).json()).aliases).toEqual(['best']);
});

test('edit aliases from a version page: move one here, remove one, latest stays Attic’s', async ({ page, request }) => {
  const project = uniqueProject('edit-aliases');
  await logCollection(request, project, 'model', 'weights', [
    { files: { 'model.bin': 'a' }, aliases: ['prod'] },
    { files: { 'model.bin': 'b' }, aliases: ['staging'] },
  ]);
  await page.goto(`/${ENTITY}/${project}/artifacts/model/weights/v1`);
  await expect(page.getByRole('heading', { level: 1, name: 'weights:v1' })).toBeVisible();

  // Keyboard only: focus the kebab, open it, pick the item.
  await page.getByRole('button', { name: 'Actions for weights:v1', exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('menuitem', { name: 'Edit aliases…', exact: true }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('alertdialog', { name: 'Aliases of weights:v1' });
  await expect(dialog.getByText('managed by Attic')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Remove latest' })).toHaveCount(0);
  await dialog.getByRole('textbox', { name: 'New alias' }).fill('prod');
  await dialog.getByRole('textbox', { name: 'New alias' }).press('Enter');
  await expect(dialog.getByText('prod moves here from weights:v0.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Remove staging' }).click();
  await expectNoAxeViolations(page);

  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(toasts(page).getByText('Aliases of weights:v1 saved')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Aliases' })).toHaveText(/latest\s*prod/);
  expect((await (await request.get(`${api(project)}/versions/v1`)).json()).aliases).toEqual(['latest', 'prod']);
  expect((await (await request.get(`${api(project)}/versions/v0`)).json()).aliases).toEqual([]);
});

test('restoring a version the TTL scan deleted turns its TTL off, so the next scan leaves it', async ({ page, request }) => {
  const project = uniqueProject('ttl-restore');
  await logCollection(request, project, 'model', 'weights', [
    { files: { 'model.bin': 'a' }, aliases: ['best'] },
    { files: { 'model.bin': 'b' } },
    { files: { 'model.bin': 'c' } },
  ]);
  // A TTL that has already run out: the next scan (every second here) soft-deletes it.
  expect((await request.put(`${api(project)}/versions/v0/ttl`, { data: { mode: 'custom', days: 0.000001 } })).status()).toBe(200);
  await expect.poll(async () => (await (await request.get(`${api(project)}/versions/v0`)).json()).deletedBy, { timeout: 20_000 }).toBe('ttl');

  await page.goto(`/${ENTITY}/${project}/artifacts/pending`);
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'weights:v0' }) });
  await expect(row.getByRole('cell').nth(3)).toHaveText('TTL expiry');
  await row.getByRole('button', { name: 'Restore weights:v0' }).click();
  await expect(toasts(page).getByText('Its TTL had run out, so it is now turned off: the TTL scan will not delete it again.')).toBeVisible();
  await expect(toasts(page).getByText('Its alias is back: best.')).toBeVisible();

  await toasts(page).getByRole('button', { name: 'Set TTL…' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'TTL of weights:v0' });
  await expect(dialog.getByRole('radio', { name: 'Never expire' })).toBeChecked();
  await expectNoAxeViolations(page);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // Proof that a scan ran after the restore: another version whose TTL ran out is taken; v0 stays.
  expect((await request.put(`${api(project)}/versions/v1/ttl`, { data: { mode: 'custom', days: 0.000001 } })).status()).toBe(200);
  await expect.poll(async () => (await (await request.get(`${api(project)}/versions/v1`)).json()).state, { timeout: 20_000 }).toBe('PENDING_DELETION');
  const v0 = await (await request.get(`${api(project)}/versions/v0`)).json();
  expect(v0).toMatchObject({ state: 'COMMITTED', aliases: ['best'], ttl: { mode: 'disabled' } });
});
