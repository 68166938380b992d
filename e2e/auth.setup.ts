// Signs in once as the site admin through the API and keeps the session cookie for every other
// test's browser and request contexts (storageState in playwright.config.ts).
import { expect, test as setup } from '@playwright/test';
import { ADMIN_STATE, E2E_ADMIN_PASSWORD } from './support/accounts';

setup('sign in as the site admin', async ({ request }) => {
  const res = await request.post('/api/v1/auth/login', { data: { username: 'admin', password: E2E_ADMIN_PASSWORD } });
  expect(res.status()).toBe(200);
  await request.storageState({ path: ADMIN_STATE });
});
