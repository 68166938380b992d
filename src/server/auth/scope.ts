/**
 * The request scope: who is asking and which audited action the request is, carried through the
 * async calls of one request (AsyncLocalStorage) so that the code that makes a change can write its
 * audit entry, and `deletedBy`, in the change's own transaction without every signature passing
 * the caller along.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface Caller {
  username: string;
  siteAdmin: boolean;
  /** The API key's name when the request used one (goes into audit details). */
  keyName: string | null;
}

export interface RequestScope {
  caller: Caller | null;
  /** The actor written into audit entries and `deletedBy`: a user name, or `ttl` / `gc`. */
  actor: string;
  entity: string | null;
  action: string;
  target: string;
  /** Set once the success entry has been written in the change's transaction. */
  recorded: boolean;
  /** Set by handlers whose success changed nothing (dry runs), so none is expected. */
  unchanged: boolean;
}

const storage = new AsyncLocalStorage<RequestScope>();

export function runInScope<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/** Background work started by a request (a GC run, a job's batches) must not act as that request. */
export function outsideAnyScope<T>(fn: () => T): T {
  return storage.exit(fn);
}

export function currentScope(): RequestScope | undefined {
  return storage.getStore();
}

export function currentCaller(): Caller | null {
  return storage.getStore()?.caller ?? null;
}

/** Who is acting now, for `deletedBy`; `fallback` when no request or worker scope is open (direct calls in tests, the demo seed). */
export function currentActor(fallback: string): string {
  return storage.getStore()?.actor ?? fallback;
}

export function markUnchanged(): void {
  const scope = storage.getStore();
  if (scope) scope.unchanged = true;
}
