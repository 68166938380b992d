/** Test and dev helpers: who the mock backend's one session belongs to. */
import type { EntityRole, Me } from '../../domain/auth';
import type { MockDb } from '../db';
import { addUser, callerOf, me } from './accounts';
import { MOCK_ADMIN } from './state';

/**
 * Who to be: a role on the demo entity (`demo-viewer`, `demo-member`, `demo-admin`), the site
 * admin `admin`, `outsider` (signed in, no role anywhere) or `null` (signed out).
 */
export type MockIdentity = EntityRole | 'siteAdmin' | 'outsider' | null;

/** The user name each identity signs in as. */
export const MOCK_USERNAMES = { viewer: 'demo-viewer', member: 'demo-member', admin: 'demo-admin', siteAdmin: MOCK_ADMIN, outsider: 'outsider' } as const;

/** Switches the session to `who` (the demo's accounts must be seeded for a demo role). */
export function signInAs(db: MockDb, who: MockIdentity): void {
  if (who === null) {
    db.auth.session = null;
    return;
  }
  const username = MOCK_USERNAMES[who];
  if (who === 'outsider' && !db.auth.users.has(username)) addUser(db.auth, username, 'outsider-password', db.now());
  if (!db.auth.users.has(username)) throw new Error(`signInAs(${who}): no user ${username}; seed the demo first.`);
  db.auth.session = username;
}

/** What `GET /auth/me` answers now for the session (null: signed out), read without a request. */
export function sessionMe(db: MockDb): Me | null {
  const caller = callerOf(db.auth, null, db.now());
  return caller ? me(db.auth, caller) : null;
}
