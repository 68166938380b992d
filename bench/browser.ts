/** Headless Chromium for the first-render measure, and the built web app it needs. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/support/chromium';
import { BENCH_AUTH_HEADER } from './as-admin';
import { projectRoot } from './server';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ headless: true, ...chromiumLaunchOptions });
}

/** Makes sure dist/index.html exists (runs `npx vite build` when it does not); returns an error text when it cannot. */
export function ensureWebAppBuilt(): string | null {
  const index = path.join(projectRoot, 'dist', 'index.html');
  if (builtAppComplete(index)) return null;
  const result = spawnSync('npx', ['vite', 'build'], { cwd: projectRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0 || !builtAppComplete(index)) {
    const tail = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    return `vite build failed (exit ${result.status}):\n${tail}`;
  }
  return null;
}

export interface RenderTiming {
  /** From navigation start to the label being visible, measured inside the page (performance.now()). */
  inPageMs: number;
  /** The same from the bench's side: page.goto() called to the wait resolving (includes DevTools round trips). */
  wallMs: number;
}

/**
 * One fresh page load (a new browser context: empty HTTP cache, storage and query cache) of `url`,
 * waiting until a link whose text is exactly `label` is laid out in the page.
 */
export async function firstRender(browser: Browser, url: string, label: string, timeoutMs = 60_000): Promise<RenderTiming> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, extraHTTPHeaders: BENCH_AUTH_HEADER });
  try {
    const page = await context.newPage();
    const started = performance.now();
    await page.goto(url, { waitUntil: 'commit', timeout: timeoutMs });
    const handle = await page.waitForFunction(
      (text) => {
        for (const a of document.querySelectorAll('a')) {
          if (a.textContent === text) {
            const box = a.getBoundingClientRect();
            if (box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < window.innerHeight) return performance.now();
          }
        }
        return false;
      },
      label,
      { polling: 'raf', timeout: timeoutMs },
    );
    const wallMs = performance.now() - started;
    const inPageMs = (await handle.jsonValue()) as number;
    return { inPageMs, wallMs };
  } finally {
    await context.close();
  }
}

/** index.html is there and so are the scripts and styles it loads (a build in progress empties dist/assets first). */
function builtAppComplete(index: string): boolean {
  if (!existsSync(index)) return false;
  const assets = [...readFileSync(index, 'utf8').matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]!);
  return assets.every((a) => existsSync(path.join(path.dirname(index), a)));
}
