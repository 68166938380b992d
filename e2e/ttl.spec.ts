import { clickAction, expect, expectNoAxeViolations, test } from './fixtures';
import { ENTITY, logCollection, uniqueProject } from './support/data';

test('set a custom TTL on a version', async ({ page, request }) => {
  const project = uniqueProject('ttl');
  await logCollection(request, project, 'model', 'weights', [{ files: { 'model.bin': 'a' } }, { files: { 'model.bin': 'b' } }]);
  await page.goto(`/${ENTITY}/${project}/artifacts/model/weights/v1`);
  await expect(page.getByRole('heading', { level: 1, name: 'weights:v1' })).toBeVisible();

  await clickAction(page, 'Actions for weights:v1', 'Set TTL…');
  const dialog = page.getByRole('alertdialog', { name: 'TTL of weights:v1' });
  await expect(dialog.getByRole('radio', { name: 'Inherit the project default' })).toBeChecked();
  await dialog.getByRole('radio', { name: 'Expire after' }).check();
  await dialog.getByRole('spinbutton', { name: 'Days' }).fill('2');
  await expect(dialog).toContainText(/Expires \d{4}-\d\d-\d\d \(in 2 days\), counted from its creation\./);
  await expectNoAxeViolations(page);

  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('TTL of weights:v1 set').first()).toBeVisible();
  await expect(page.getByText('2 days (set on this version) · expires in 2 days')).toBeVisible();

  const version = await (await request.get(`/api/v1/projects/${ENTITY}/${project}/collections/weights/versions/v1`)).json();
  expect(version.ttl).toMatchObject({ mode: 'custom', days: 2 });
});
