import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/support/chromium';
import { ADMIN_STATE, E2E_ADMIN_PASSWORD } from './e2e/support/accounts';

// End-to-end tests drive Debian's Chromium against the real server, started on a fresh DATA_DIR
// with the demo data, serving the built web app (`npm run build` runs before this in `npm test`).
const port = Number(process.env.E2E_PORT ?? 8181);
const dataDir = '.tmp/e2e-data';

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 30_000,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    ...devices['Desktop Chrome'],
    launchOptions: chromiumLaunchOptions,
  },
  projects: [
    { name: 'sign-in', testMatch: /auth\.setup\.ts/ },
    { name: 'chromium', dependencies: ['sign-in'], use: { storageState: ADMIN_STATE } },
  ],
  webServer: {
    command: `rm -rf ${dataDir} && node --import tsx src/server/main.ts`,
    url: `http://127.0.0.1:${port}/api/v1/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      PORT: String(port),
      DATA_DIR: dataDir,
      DEMO_DATA: '1',
      ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
      GC_GRACE_SECONDS: '0',
      GC_INTERVAL_SECONDS: '86400',
      TTL_INTERVAL_SECONDS: '1',
    },
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
