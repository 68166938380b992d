// Accounts in Chromium: signing in through the page as each demo role and seeing what that role
// may do and what it may not, against the real server.
import type { APIRequestContext, Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../src/domain/accounts';
import { clickAction, expect, expectNoAxeViolations, test } from './fixtures';
import { ADMIN_STATE } from './support/accounts';
import { ENTITY, logCollection, uniqueProject } from './support/data';

// Signed out: every test signs in through the page (the browser logs the first 401 of GET auth/me).
test.use({ storageState: { cookies: [], origins: [] }, expectedConsoleErrors: [/status of 401/] });
// The member's delete is what the admin then reads in the audit log.
test.describe.configure({ mode: 'serial' });

let admin: APIRequestContext;
let project: string;
let page0: string;

test.beforeAll(async ({ playwright, baseURL }) => {
  admin = await playwright.request.newContext({ baseURL, storageState: ADMIN_STATE });
  project = uniqueProject('roles');
  await logCollection(admin, project, 'model', 'weights', [
    { files: { 'w.bin': 'zero' } },
    { files: { 'w.bin': 'one' }, aliases: ['production'] },
    { files: { 'w.bin': 'two' } },
  ]);
  // The demo's users get the same roles on the tests' entity, which protects `production` as the demo does.
  for (const role of ['viewer', 'member', 'admin'])
    expect((await admin.put(`/api/v1/entities/${ENTITY}/members/demo-${role}`, { data: { role } })).status()).toBe(200);
  expect((await admin.put(`/api/v1/entities/${ENTITY}/protected-aliases`, { data: { aliases: ['production'] } })).status()).toBe(200);
  page0 = `/${ENTITY}/${project}/artifacts/model/weights`;
});
test.afterAll(async () => admin.dispose());

async function signIn(page: Page, username: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Username' }).fill(username);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/\/login/); // signed in: the page has moved on
}

test('a page opened signed out goes to sign-in, which lists the demo accounts, and comes back as the viewer, who may only look', async ({ page }) => {
  await page.goto(page0);
  await expect(page).toHaveURL(/\/login\?next=/);
  for (const name of ['demo-viewer', 'demo-member', 'demo-admin']) await expect(page.getByText(name, { exact: true }).first()).toBeVisible();
  await expectNoAxeViolations(page);
  await signIn(page, 'demo-viewer');
  await expect(page).toHaveURL(new RegExp(`${page0}$`));
  await page.getByRole('button', { name: 'Actions for weights:v0', exact: true }).click();
  const entry = page.getByRole('menuitem', { name: 'Delete', exact: true });
  await expect(entry).toHaveAttribute('aria-disabled', 'true');
  await expect(entry).toHaveAccessibleDescription('This needs the member role on the entity.');
  await entry.click({ force: true });
  await expect(page.getByRole('alertdialog')).toBeHidden();
});

test('the member deletes a version, may not delete the collection, and is told before clicking that a protected alias stops the delete', async ({ page }) => {
  await page.goto('/login');
  await signIn(page, 'demo-member');
  await page.goto(page0);
  await clickAction(page, 'Actions for weights:v0', 'Delete');
  const dialog = page.getByRole('alertdialog', { name: 'Delete weights:v0?' });
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByText('Deleted weights:v0').first()).toBeVisible();
  expect((await (await admin.get(`/api/v1/projects/${ENTITY}/${project}/collections/weights/versions/v0`)).json()).deletedBy).toBe('demo-member');

  await page.getByRole('button', { name: 'Actions for collection weights', exact: true }).first().click();
  await expect(page.getByRole('menuitem', { name: 'Delete', exact: true })).toHaveAttribute('aria-disabled', 'true');
  await page.keyboard.press('Escape');

  await clickAction(page, 'Actions for weights:v1', 'Delete');
  const refused = page.getByRole('alertdialog', { name: 'Delete weights:v1?' });
  await expect(refused).toContainText(`"production" is a protected alias of ${ENTITY}`);
  await expect(refused.getByRole('checkbox', { name: 'Also delete aliases' })).toHaveCount(0);
  await expect(refused.getByRole('button', { name: 'Delete', exact: true })).toBeDisabled();
  await expectNoAxeViolations(page);
});

test("the admin reads the member's delete in the entity's audit log, and signs out", async ({ page }) => {
  await page.goto('/login');
  await signIn(page, 'demo-admin');
  await page.goto(`/entities/${ENTITY}/audit`);
  const table = page.getByRole('table', { name: 'Audit log, newest first' });
  await expect(
    table
      .getByRole('row')
      .filter({ hasText: `${ENTITY}/${project}/weights:v0` })
      .filter({ hasText: 'version.delete' }),
  ).toContainText('demo-member');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Account menu for demo-admin' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
  expect((await page.request.get('/api/v1/auth/me')).status()).toBe(401);
});
