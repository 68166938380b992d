/**
 * The key `attic login` stores: one per server, in ~/.config/attic/credentials.json (or
 * $ATTIC_CONFIG_DIR), readable by the user alone. ATTIC_API_KEY, when set, wins over it.
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

type Stored = Record<string, { apiKey: string; username: string; keyName: string }>;

export function credentialsPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env.ATTIC_CONFIG_DIR || path.join(os.homedir(), '.config', 'attic'), 'credentials.json');
}

function readAll(file: string): Stored {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Stored;
  } catch {
    return {};
  }
}

export function storedKey(baseUrl: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return readAll(credentialsPath(env))[baseUrl]?.apiKey;
}

export function storeKey(baseUrl: string, entry: Stored[string], env: NodeJS.ProcessEnv = process.env): string {
  const file = credentialsPath(env);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const all = { ...readAll(file), [baseUrl]: entry };
  writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600); // a file that existed keeps its old mode through writeFileSync
  return file;
}
