/**
 * `attic login`: signs in with a user name and password once, makes an API key named after this
 * machine with that session, ends the session, and stores the key; the password is never stored.
 */
import os from 'node:os';
import { authPaths, CreatedApiKeySchema } from '../../domain';
import { apiErrorFor } from '../errors';
import type { FetchLike } from '../http';
import { storeKey } from './credentials';
import { EXIT, exitCodeFor } from './exit-codes';

async function failure(res: Response): Promise<Error> {
  const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string; details: Record<string, unknown> } } | null;
  return apiErrorFor(res.status, body?.error?.code ?? 'HTTP_ERROR', body?.error?.message ?? `The server answered ${res.status}.`, body?.error?.details ?? {});
}

export async function createKeyBySigningIn(
  baseUrl: string,
  username: string,
  password: string,
  fetchImpl: FetchLike = fetch,
): Promise<{ apiKey: string; keyName: string }> {
  const json = { 'content-type': 'application/json' };
  const login = await fetchImpl(`${baseUrl}${authPaths.login()}`, { method: 'POST', headers: json, body: JSON.stringify({ username, password }) });
  if (!login.ok) throw await failure(login);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const keyName = `attic CLI on ${os.hostname()}`;
  const created = await fetchImpl(`${baseUrl}${authPaths.apiKeys()}`, {
    method: 'POST',
    headers: { ...json, cookie },
    body: JSON.stringify({ name: keyName }),
  });
  if (!created.ok) throw await failure(created);
  const key = CreatedApiKeySchema.parse(await created.json());
  await fetchImpl(`${baseUrl}${authPaths.logout()}`, { method: 'POST', headers: { cookie } });
  return { apiKey: key.key, keyName };
}

export interface LoginIo {
  err(line: string): void;
  /** Asks on the terminal, without echo for secrets; undefined off a terminal. */
  ask?: (question: string, secret: boolean) => Promise<string>;
  /** Standard input's first line, off a terminal (`echo "$PW" | attic login --username ana`). */
  readLine(): Promise<string>;
}

/** `attic login [--username NAME]`: the exit code (0, 2 usage, 3 refused, 1 failure). */
export async function loginCommand(baseUrl: string, usernameFlag: string | undefined, io: LoginIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const username = usernameFlag ?? (io.ask ? (await io.ask('User name: ', false)).trim() : undefined);
  if (!username) {
    io.err('attic login: give --username NAME (off a terminal the password is read from standard input)');
    return EXIT.usage;
  }
  const password = io.ask ? await io.ask('Password: ', true) : await io.readLine();
  try {
    const { apiKey, keyName } = await createKeyBySigningIn(baseUrl, username, password);
    const file = storeKey(baseUrl, { apiKey, username, keyName }, env);
    io.err(`Signed in to ${baseUrl} as ${username}. The API key "${keyName}" is stored in ${file}; revoke it under Account in the web app.`);
    return EXIT.ok;
  } catch (error) {
    io.err(`attic login: ${error instanceof Error ? error.message : String(error)}`);
    return exitCodeFor(error);
  }
}
