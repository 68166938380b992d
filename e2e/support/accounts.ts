/** Who the end-to-end tests are: the site admin (signed in once by auth.setup.ts) unless a test signs in as a demo user. */
export const E2E_ADMIN_PASSWORD = 'e2e-admin-password';
export const ADMIN_STATE = '.tmp/e2e-admin-state.json';
