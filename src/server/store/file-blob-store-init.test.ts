/**
 * The file store's start clears the temp files a crash left. Alone on its DATA_DIR (SQLite) it
 * clears them all; shared with other servers of a fleet (PostgreSQL and a shared disk), a fresh
 * temp file may be another server's upload in progress and is kept; only those a day old go.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { FileBlobStore } from './blob-store';

let root = '';
afterEach(() => rmSync(root, { recursive: true, force: true }));

function tempFiles(): { fresh: string; stale: string } {
  root = mkdtempSync(path.join(os.tmpdir(), 'attic-files-'));
  mkdirSync(path.join(root, 'tmp'));
  writeFileSync(path.join(root, 'tmp', 'fresh'), 'an upload in progress');
  writeFileSync(path.join(root, 'tmp', 'stale'), 'left by a crash');
  const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
  utimesSync(path.join(root, 'tmp', 'stale'), twoDaysAgo, twoDaysAgo);
  return { fresh: 'fresh', stale: 'stale' };
}

it('alone on its DATA_DIR, clears every temp file', async () => {
  tempFiles();
  await new FileBlobStore(root).init();
  expect(readdirSync(path.join(root, 'tmp'))).toEqual([]);
});

it('shared by a fleet, keeps a fresh temp file (another server may be writing it) and clears a day-old one', async () => {
  const { fresh } = tempFiles();
  await new FileBlobStore(root).init({ shared: true });
  expect(readdirSync(path.join(root, 'tmp'))).toEqual([fresh]);
});
