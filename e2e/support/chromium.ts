/**
 * Debian's Chromium as the end-to-end tests and the bench's first-render measure launch it, written
 * once: the same binary and flags, so the bench times the browser the tests drive.
 */
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  // No sandbox (root in a container), no GPU, and none of Chromium's own background traffic: the
  // machine reaches only the npm registry and Debian's mirrors.
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
