/**
 * The mock backend's accounts: users, the one session of the tab (tests and dev mock mode have one
 * person at a time), API keys, roles per entity, protected aliases and the audit log. Kept apart
 * from the artifact store, but copied with it by `forkMockDb` so every test has its own.
 */
import type { AuditEntry, EntityRole } from '../../domain/auth';

export interface MockUser {
  username: string;
  /** In clear: the mock never leaves the test or the browser tab, and nothing reads it back. */
  password: string;
  siteAdmin: boolean;
  createdAt: number;
}

export interface MockApiKey {
  id: string;
  name: string;
  key: string;
  username: string;
  createdAt: number;
  lastUsedAt: number | null;
}

export interface MockAuthState {
  users: Map<string, MockUser>;
  /** The signed-in user's name, or null when signed out. */
  session: string | null;
  apiKeys: Map<string, MockApiKey>;
  /** entity -> username -> role. */
  members: Map<string, Map<string, EntityRole>>;
  protectedAliases: Map<string, string[]>;
  /** entity -> its entries, oldest first (append-only). */
  audit: Map<string, AuditEntry[]>;
  /** Failed sign-ins per username since the last success: the throttle. */
  failedLogins: Map<string, number>;
  /** Whether the demo's accounts exist (the sign-in page lists them only then). */
  demoLoaded: boolean;
  nextId: number;
}

/** The built-in site admin, as on the server; the mock's session starts signed in as it. */
export const MOCK_ADMIN = 'admin';
/** The built-in admin's password in mock mode (the server takes it from `ADMIN_PASSWORD`). */
export const MOCK_ADMIN_PASSWORD = 'attic-admin';

/** A fresh state with the built-in `admin` account, signed in. */
export function createAuthState(at: number): MockAuthState {
  return {
    users: new Map([[MOCK_ADMIN, { username: MOCK_ADMIN, password: MOCK_ADMIN_PASSWORD, siteAdmin: true, createdAt: at }]]),
    session: MOCK_ADMIN,
    apiKeys: new Map(),
    members: new Map(),
    protectedAliases: new Map(),
    audit: new Map(),
    failedLogins: new Map(),
    demoLoaded: false,
    nextId: 1,
  };
}

/** A new id, unique within the state. */
export function nextId(state: MockAuthState, prefix: string): string {
  return `${prefix}_${(state.nextId++).toString(36).padStart(6, '0')}`;
}
