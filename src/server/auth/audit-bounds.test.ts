// The append-only audit log, written to by anyone who can reach the sign-in route: what a client
// types is recorded as typed while it could be a name, and bounded when it could not, so that no
// request (signed in or not, throttled or not) can grow the log by more than a few hundred bytes.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authPaths } from '../../domain';
import { createTestServer, type TestServer } from '../testing';
import { json, logFiles } from '../test/log-helpers';
import { THROTTLE } from './throttle';

let server: TestServer;

beforeEach(async () => {
  server = await createTestServer();
});
afterEach(async () => server.close());

interface Entry {
  actor: string;
  action: string;
  target: string;
  outcome: string;
  details: Record<string, unknown>;
}

async function entries(path: string): Promise<Entry[]> {
  const res = await server.fetch(path);
  expect(res.status).toBe(200);
  return (await res.json()).items as Entry[];
}

const signInAttempts = () => entries('/api/v1/audit?action=auth.login');

function signIn(username: string, password: string): Promise<Response> {
  return server.fetchAnonymous(authPaths.login(), json('POST', { username, password }));
}

/** Every character the audit log and the sign-in failures hold, as the database stores them. */
async function storedCharacters(): Promise<number> {
  const audit = await sql<{ n: number | string | null }>`SELECT SUM(LENGTH(actor) + LENGTH(target) + LENGTH(details)) AS n FROM audit_log`.execute(
    server.ctx.db,
  );
  const failures = await sql<{ n: number | string | null }>`SELECT SUM(LENGTH(subject)) AS n FROM login_failures`.execute(server.ctx.db);
  return Number(audit.rows[0]?.n ?? 0) + Number(failures.rows[0]?.n ?? 0);
}

describe('sign-in attempts in the site audit log', () => {
  it('an oversized user name is recorded bounded (its start and its length), also once throttled, and answered like any bad sign-in', async () => {
    const huge = 'Z'.repeat(1024 * 1024);
    const unknown = await signIn('nobody', 'x');
    const answers: Response[] = [];
    for (let i = 0; i <= THROTTLE.perUser; i++) answers.push(await signIn(huge, 'x'));
    expect(answers.map((r) => r.status)).toEqual([...Array(THROTTLE.perUser).fill(401), 429]);
    // The same answer as for any unknown name: nothing says the name was too long to exist.
    expect(await answers[0]!.json()).toEqual(await unknown.json());
    const shown = `${'Z'.repeat(64)}… (1048576 characters)`;
    const attempts = (await signInAttempts()).filter((e) => e.actor !== 'nobody');
    expect(attempts).toHaveLength(THROTTLE.perUser + 1);
    for (const entry of attempts) {
      expect(entry.actor).toBe(shown);
      expect(entry.target).toBe(`user ${shown}`);
    }
    expect(attempts[0]!.details.code).toBe('TOO_MANY_ATTEMPTS');
    // Six requests of a megabyte each left a few hundred characters behind, not six megabytes.
    expect(await storedCharacters()).toBeLessThan(4096);
    // The refusal does not echo the megabyte back either.
    expect((await answers[THROTTLE.perUser]!.text()).length).toBeLessThan(1024);
  });

  it('a wrong password is recorded with the name as typed, as is a name nobody has or that could not be one', async () => {
    expect((await server.fetch(authPaths.users(), json('POST', { username: 'ana', password: 'correct horse battery' }))).status).toBe(201);
    expect((await signIn('ana', 'wrong password')).status).toBe(401);
    expect((await signIn('nobody', 'x')).status).toBe(401);
    expect((await signIn('Ana@example.org', 'x')).status).toBe(401);
    const attempts = await signInAttempts();
    expect(attempts.map((e) => [e.actor, e.target, e.outcome, e.details.code])).toEqual([
      ['Ana@example.org', 'user Ana@example.org', 'denied', 'INVALID_CREDENTIALS'],
      ['nobody', 'user nobody', 'denied', 'INVALID_CREDENTIALS'],
      ['ana', 'user ana', 'denied', 'INVALID_CREDENTIALS'],
    ]);
  });

  it('control characters in a typed name are shown escaped, so an entry cannot pass for two lines of an export', async () => {
    expect((await signIn('eve\nadmin', 'x')).status).toBe(401);
    const [entry] = await signInAttempts();
    expect(entry!.actor).toBe('eve\\u000aadmin');
  });
});

describe('names from the request path in an entity audit log', () => {
  it('a failed change naming a user name that cannot exist records the name bounded', async () => {
    await logFiles(server, 'team', 'p', 'c', { a: '1' });
    const long = 'u'.repeat(10_000);
    const res = await server.fetch(authPaths.member('team', long), json('PUT', { role: 'viewer' }));
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('USER_NOT_FOUND');
    const [entry] = await entries(`${authPaths.audit('team')}?action=member.set`);
    expect(entry).toMatchObject({ outcome: 'failed', target: `team member ${'u'.repeat(64)}… (10000 characters)` });
    expect(await storedCharacters()).toBeLessThan(4096);
  });
});
