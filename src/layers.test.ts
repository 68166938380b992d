// The layers (decision 090) are lint rules: this proves the rules in biome.json refuse each
// forbidden import and allow the permitted ones, on probe files in a scratch copy of the layout.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = process.cwd();
const scratch = mkdtempSync(path.join(os.tmpdir(), 'attic-layers-'));
copyFileSync(path.join(root, 'biome.json'), path.join(scratch, 'biome.json'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Lints one probe file at `file` (relative to src/) holding `source`; the diagnostics Biome printed, or '' when it passed. */
async function lint(file: string, source: string): Promise<string> {
  const target = path.join(scratch, 'src', file);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, source);
  const biome = path.join(root, 'node_modules', '.bin', 'biome');
  try {
    await run(biome, ['lint', '--vcs-enabled=false', '--colors=off', `src/${file}`], { cwd: scratch });
    return '';
  } catch (error) {
    const { stdout, stderr } = error as { stdout: string; stderr: string };
    return `${stdout}${stderr}`;
  }
}

describe('layer rules', () => {
  it.each([
    ['domain/probe.ts', "export { createApp } from '../server/app';", 'only src/server'],
    ['domain/probe.ts', "export { readFile } from 'node:fs';", 'no Node APIs'],
    ['domain/probe.ts', "export { useState } from 'react';", 'depends on nothing but zod'],
    ['client/features/x/probe.ts', "export { createApp } from '../../../server/app';", 'only src/server'],
    ['mocks/db/probe.ts', "export { App } from '../../client/app/app';", 'nothing outside src/client'],
    ['sdk/cli/probe.ts', "export { createHandlers } from '../../mocks/handlers';", 'never import the MSW mocks'],
    ['server/routes/probe.ts', "export { App } from '../../client/app/app';", 'nothing outside src/client'],
  ])('refuses %s importing `%s`', async (file, source, reason) => {
    const output = await lint(file, `${source}\n`);
    expect(output).toContain('noRestrictedImports');
    expect(output).toContain(reason);
  });

  it.each([
    ['domain/probe.ts', "export { z } from 'zod';"],
    ['client/features/x/probe.ts', "export { ApiError } from '../../../domain';"],
    ['sdk/cli/probe.ts', "export { AtticClient } from '../attic-client';"],
    ['server/routes/probe.ts', "export { ApiError } from '../../domain';"],
  ])('allows %s importing `%s`', async (file, source) => {
    expect(await lint(file, `${source}\n`)).toBe('');
  });
});
