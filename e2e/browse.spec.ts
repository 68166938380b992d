import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { expect, expectNoAxeViolations, test } from './fixtures';

test('browse from the projects list to a collection, open a version and download a file', async ({ page }) => {
  // Three axe passes over pages with a filter form and a checkbox per row: past 30 s on a loaded 2-core machine.
  test.slow();
  await page.goto('/');
  await expect(page.getByRole('link', { name: /demo\s*\/\s*mnist/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: /demo\s*\/\s*mnist/ }).click();

  await expect(page).toHaveURL(/\/demo\/mnist\/artifacts/);
  // Through the sidebar: the overview's table links each collection too.
  const sidebar = page.getByRole('navigation', { name: 'Collections' });
  await sidebar.getByRole('button', { name: /^dataset/ }).click();
  await sidebar.getByRole('link', { name: /^mnist-train/ }).click();
  await expect(page).toHaveURL(/\/demo\/mnist\/artifacts\/dataset\/mnist-train$/);
  const newest = page.getByRole('link', { name: 'v11', exact: true });
  await expect(newest).toBeVisible();
  await expectNoAxeViolations(page);

  await newest.click();
  await expect(page).toHaveURL(/\/mnist-train\/v11$/);
  await expect(page.getByRole('heading', { name: /mnist-train:v11/ })).toBeVisible();
  await expectNoAxeViolations(page);

  const link = page.getByRole('link', { name: 'Download labels.csv' });
  const downloadPromise = page.waitForEvent('download');
  await link.click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe('labels.csv');
  const bytes = await readFile((await download.path())!);
  const row = page.getByRole('row', { name: /labels\.csv/ });
  await expect(row).toContainText('12 KB');
  expect(bytes.byteLength).toBe(12_000);
  const files = await (await page.request.get('/api/v1/projects/demo/mnist/collections/mnist-train/versions/v11/files')).json();
  const listed = files.items.find((f: { path: string }) => f.path === 'labels.csv');
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(listed.digest);

  // The back button returns to the version list.
  await page.goBack();
  await expect(page).toHaveURL(/\/mnist-train$/);
});

test('a deep link opens the version detail and its kebab offers actions', async ({ page }) => {
  await page.goto('/demo/llm-finetune/artifacts/model/llama-lora/v3');
  await expect(page.getByRole('heading', { name: /llama-lora:v3/ })).toBeVisible();
  await page.getByRole('button', { name: 'Actions for llama-lora:v3' }).first().click();
  await expect(page.getByRole('menuitem', { name: 'Copy name' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.keyboard.press('Escape');
});

test('the 2,000-version collection scrolls and loads further pages', async ({ page }) => {
  await page.goto('/demo/llm-finetune/artifacts/eval/eval-logs');
  await expect(page.getByRole('link', { name: 'v1999', exact: true })).toBeVisible();
  await page.getByRole('link', { name: 'v1995', exact: true }).hover();
  // Steps shorter than the visible window, so no row can be skipped past.
  for (let i = 0; i < 80; i++) {
    await page.mouse.wheel(0, 500);
    await page.waitForTimeout(60);
    if (await page.getByRole('link', { name: 'v1850', exact: true }).isVisible()) break;
  }
  await expect(page.getByRole('link', { name: 'v1850', exact: true })).toBeVisible();
});

test('the version list scrolls from the keyboard alone', async ({ page }) => {
  await page.goto('/demo/llm-finetune/artifacts/eval/eval-logs');
  await expect(page.getByRole('link', { name: 'v1999', exact: true })).toBeVisible();
  await page.getByRole('region', { name: 'eval-logs versions, scrollable' }).focus();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('PageDown');
    if (await page.getByRole('link', { name: 'v1850', exact: true }).isVisible()) break;
  }
  await expect(page.getByRole('link', { name: 'v1850', exact: true })).toBeVisible();
});

test.describe('errors', () => {
  test.use({ expectedConsoleErrors: [/status of 404/] });
  test('an unknown collection is a calm not-found page with a way back', async ({ page }) => {
    await page.goto('/demo/mnist/artifacts/dataset/no-such-collection');
    await expect(page.getByRole('heading', { level: 1, name: 'Collection not found' })).toBeVisible();
    await expect(page.getByText('demo/mnist has no collection no-such-collection.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Retry' })).toHaveCount(0);
    await page.getByRole('link', { name: 'Go to demo / mnist' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'demo / mnist' })).toBeVisible();
    await expectNoAxeViolations(page);
  });
});

test('the projects page is keyboard reachable', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('link', { name: /demo\s*\/\s*mnist/ })).toBeVisible();
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
    if (/mnist/.test(focused)) break;
  }
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/demo\/mnist\//);
});
