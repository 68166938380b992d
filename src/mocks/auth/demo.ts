/** The demo's accounts in the mock backend, as the server creates them with `DEMO_DATA=1`. */
import { DEMO_PASSWORD, DEMO_PROTECTED_ALIASES, DEMO_USERS } from '../../domain/accounts';
import { DEMO_ENTITY } from '../../domain/demo';
import { addUser } from './accounts';
import { setRole } from './entities';
import type { MockAuthState } from './state';

/** One user per role on `demo`, sharing the demo password; `demo` protects `production`. */
export function seedDemoAccounts(state: MockAuthState, at: number): void {
  for (const { username, role } of DEMO_USERS) {
    addUser(state, username, DEMO_PASSWORD, at);
    setRole(state, DEMO_ENTITY, username, role);
  }
  state.protectedAliases.set(DEMO_ENTITY, [...DEMO_PROTECTED_ALIASES]);
  state.demoLoaded = true;
}
