import { expect, expectNoAxeViolations, test } from './fixtures';

// Every page of the app, as a user can reach it, checked by axe once its content has loaded.
const pages: [string, string, RegExp][] = [
  ['projects', '/', /Projects/],
  ['project overview', '/demo/mnist/artifacts', /demo\s*\/\s*mnist/],
  ['collection', '/demo/mnist/artifacts/model/cnn', /cnn/],
  ['collection with pending versions shown', '/demo/mnist/artifacts/model/cnn?pending=1', /cnn/],
  ['version', '/demo/mnist/artifacts/model/cnn/v3', /cnn:v3/],
  ['pending deletion', '/demo/llm-finetune/artifacts/pending', /Pending deletion/],
  ['storage', '/demo/llm-finetune/storage', /Storage/],
  ['not found', '/nothing/here/at/all/really/no', /not found/i],
];

for (const [name, url, heading] of pages) {
  test(`axe finds no violation on the ${name} page`, async ({ page }) => {
    await page.goto(url);
    await expect(page.getByRole('heading', { level: 1 }).filter({ hasText: heading }).first()).toBeVisible();
    await expectNoAxeViolations(page);
  });
}

test('axe finds no violation on a garbage-collection run page', async ({ page, request }) => {
  const run = await (await request.post('/api/v1/gc/runs', { data: { dryRun: true } })).json();
  await page.goto(`/demo/mnist/storage/runs/${run.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText(run.id).first()).toBeVisible();
  await expectNoAxeViolations(page);
});
