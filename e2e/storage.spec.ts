import { clickAction, expect, expectNoAxeViolations, test } from './fixtures';
import { ENTITY, logCollection, uniqueProject } from './support/data';

test('delete, preview what it frees, run garbage collection and see the storage figures change', async ({ page, request }) => {
  const project = uniqueProject('stor');
  const shared = 's'.repeat(30_000);
  await logCollection(request, project, 'dataset', 'frames', [
    { files: { 'own.bin': 'a'.repeat(64_000), 'shared.bin': shared } },
    { files: { 'own.bin': 'b'.repeat(64_000), 'shared.bin': shared } },
  ]);

  // Delete v0: the dialog previews 64 KB freed and 30 KB kept, shared with v1.
  await page.goto(`/${ENTITY}/${project}/artifacts/dataset/frames`);
  await clickAction(page, 'Actions for frames:v0', 'Delete');
  const dialog = page.getByRole('alertdialog', { name: 'Delete frames:v0?' });
  await expect(dialog).toContainText('Frees 64 KB');
  await expect(dialog).toContainText('30 KB stays');
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole('link', { name: 'Storage' }).click();
  const legend = page.getByRole('list', { name: /by state/ });
  await expect(legend.getByRole('listitem').filter({ hasText: 'Pending deletion — reclaimable' })).toContainText('64 KB');
  await expect(legend.getByRole('listitem').filter({ hasText: /^Live/ })).toContainText('94 KB');
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Run garbage collection' }).click();
  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toContainText(/Will purge \d+ versions? pending deletion/);
  await expectNoAxeViolations(page);
  await confirm.getByRole('button', { name: 'Run now' }).click();

  await expect(legend.getByRole('listitem').filter({ hasText: 'Pending deletion — reclaimable' })).toContainText('0 B');
  await expect(legend.getByRole('listitem').filter({ hasText: /^Live/ })).toContainText('94 KB');
  await expect(page.getByRole('link', { name: /versions? pending deletion/ })).toHaveText('0 versions pending deletion');
  const history = page.getByRole('region', { name: 'History' });
  await expect(
    history
      .getByRole('row')
      .filter({ hasText: /Real run/ })
      .first(),
  ).toContainText(/Succeeded/i);

  // The purged version's file is gone from the API, the shared one still downloads from v1.
  const gone = await request.get(`/api/v1/projects/${ENTITY}/${project}/collections/frames/versions/v0/files/own.bin`);
  expect(gone.status()).toBe(410);
  const kept = await request.get(`/api/v1/projects/${ENTITY}/${project}/collections/frames/versions/v1/files/shared.bin`);
  expect((await kept.body()).toString()).toBe(shared);
});
