import type { Locator, Page } from '@playwright/test';
import { expect, expectNoAxeViolations, test } from './fixtures';
import { ENTITY, logCollection, uniqueProject } from './support/data';

// Names as long as the API lets them be (128 characters at most), in one unbroken word, so no
// browser can wrap them at a space: what a long name must never do is push the page sideways.
const LONG_NAME = `resnet50-imagenet-finetune-${'x'.repeat(97)}`; // 124 characters
const LONG_TYPE = `evaluation-checkpoint-${'t'.repeat(60)}`;
const LONG_ALIAS = `candidate-${'a'.repeat(90)}`;
const LONG_PATH = `outputs/${'deeply-nested-directory/'.repeat(8)}${'f'.repeat(80)}.safetensors`;

/** True when nothing on the page is wider than the window, so it never scrolls sideways. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

/** The element lies inside the window, left to right. */
async function expectWithinViewport(page: Page, locator: Locator): Promise<void> {
  await expect(locator).toBeVisible();
  const box = (await locator.boundingBox())!;
  const width = page.viewportSize()!.width;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(width);
}

let project: string;

test.beforeAll(async ({ request }) => {
  project = uniqueProject('layout');
  await logCollection(request, project, LONG_TYPE, LONG_NAME, [{ files: { [LONG_PATH]: 'weights', 'config.json': '{}' }, aliases: [LONG_ALIAS] }]);
  await logCollection(request, project, 'dataset', 'mnist-train', [{ files: { 'train.csv': 'a,b' } }]);
});

for (const width of [1280, 800]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: 800 } });

    test('the project table fits a long collection name: cut with an ellipsis, whole on hover, the kebab in view', async ({ page }) => {
      await page.goto(`/${ENTITY}/${project}/artifacts`);
      const table = page.getByRole('table', { name: `Collections of ${ENTITY}/${project}` });
      const link = table.getByRole('link', { name: LONG_NAME, exact: true });
      await expect(link).toHaveAttribute('title', LONG_NAME);
      await expectNoSidewaysScroll(page);
      // The name is cut, not wrapped: its row keeps its height.
      expect(await link.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
      for (const name of [LONG_NAME, 'mnist-train']) {
        const kebab = table.getByRole('button', { name: `Actions for collection ${name}`, exact: true });
        await expectWithinViewport(page, kebab);
      }
      await table.getByRole('button', { name: `Actions for collection ${LONG_NAME}`, exact: true }).click();
      await expect(page.getByRole('menuitem', { name: 'Delete', exact: true })).toBeVisible();
      await page.keyboard.press('Escape');
      await expectWithinViewport(page, table.getByRole('link', { name: 'mnist-train', exact: true }));
    });

    test('the sidebar cuts a long collection name and shows it whole on hover', async ({ page }) => {
      await page.goto(`/${ENTITY}/${project}/artifacts`);
      const sidebar = page.getByRole('navigation', { name: 'Collections' });
      await sidebar.getByRole('button', { name: new RegExp(`^${LONG_TYPE}`) }).click();
      const link = sidebar.getByRole('link', { name: new RegExp(`^${LONG_NAME}`) });
      await expect(link.getByTitle(LONG_NAME, { exact: true })).toHaveText(LONG_NAME);
      await expectWithinViewport(page, sidebar.getByRole('button', { name: `Actions for collection ${LONG_NAME}`, exact: true }));
      await expectNoSidewaysScroll(page);
    });

    test('the collection page keeps its versions table, aliases and kebab in view', async ({ page }) => {
      await page.goto(`/${ENTITY}/${project}/artifacts/${LONG_TYPE}/${LONG_NAME}`);
      const table = page.getByRole('table', { name: `Versions of ${LONG_NAME}` });
      await expect(table.getByRole('link', { name: 'v0', exact: true })).toBeVisible();
      await expectNoSidewaysScroll(page);
      await expectWithinViewport(page, page.getByRole('heading', { level: 1 }));
      await expectWithinViewport(page, table.getByRole('columnheader', { name: 'Aliases' }));
      await expectWithinViewport(page, table.getByRole('button', { name: `Actions for ${LONG_NAME}:v0`, exact: true }));
    });

    test('the version page wraps a long name and a long file path, and keeps Download in view', async ({ page }) => {
      await page.goto(`/${ENTITY}/${project}/artifacts/${LONG_TYPE}/${LONG_NAME}/v0`);
      const heading = page.getByRole('heading', { level: 1, name: `${LONG_NAME}:v0` });
      await expectWithinViewport(page, heading);
      await expect(page.getByRole('row', { name: new RegExp(`${LONG_PATH.slice(-40)}`) })).toBeVisible();
      await expectNoSidewaysScroll(page);
      await expectWithinViewport(page, page.getByRole('link', { name: `Download ${LONG_PATH}`, exact: true }));
      await expectWithinViewport(page, page.getByRole('button', { name: `Actions for ${LONG_NAME}:v0`, exact: true }).first());
    });
  });
}

test('at 800 px the demo project and collection pages fit, row kebabs in view', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 800 });
  await page.goto('/demo/mnist/artifacts');
  const table = page.getByRole('table', { name: 'Collections of demo/mnist' });
  await expect(table.getByRole('link', { name: 'mnist-train', exact: true })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectWithinViewport(page, table.getByRole('button', { name: 'Actions for collection mnist-train', exact: true }));
  await page.goto('/demo/mnist/artifacts/dataset/mnist-train');
  const versions = page.getByRole('table', { name: 'Versions of mnist-train' });
  await expect(versions.getByRole('link', { name: 'v11', exact: true })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectWithinViewport(page, versions.getByRole('columnheader', { name: 'Aliases' }));
  await expectWithinViewport(page, versions.getByRole('button', { name: 'Actions for mnist-train:v11', exact: true }));
});

test('the long names pass axe', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 800 });
  await page.goto(`/${ENTITY}/${project}/artifacts`);
  await expect(page.getByRole('table', { name: `Collections of ${ENTITY}/${project}` })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto(`/${ENTITY}/${project}/artifacts/${LONG_TYPE}/${LONG_NAME}/v0`);
  await expect(page.getByRole('link', { name: `Download ${LONG_PATH}`, exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
});
