/** Alias editing rules, shared by the server and the mocks so both answer the same request with the same code. */
import { errors } from './errors';
import { isValidAlias, LATEST_ALIAS, sortAliases } from './names';
import { MoveAliasRequestSchema, SetAliasesRequestSchema } from './schemas';
import { parseBody } from './validate';

/** `PUT .../aliases` body: `{aliases: string[]}` (`400 INVALID_REQUEST`), each a valid alias (`400 INVALID_NAME`); duplicates count once. */
export function validateSetAliases(body: unknown): string[] {
  const { aliases } = parseBody(SetAliasesRequestSchema, body);
  for (const alias of aliases) if (!isValidAlias(alias)) throw errors.invalidAlias(alias);
  return sortAliases(aliases);
}

/** `POST .../aliases/:alias/move`: the body `{to}` (`400 INVALID_REQUEST`), then the alias of the path (`400 INVALID_NAME`, `400 ALIAS_MANAGED` for latest). */
export function validateMoveAlias(alias: string, body: unknown): { to: string } {
  const { to } = parseBody(MoveAliasRequestSchema, body);
  if (!isValidAlias(alias)) throw errors.invalidAlias(alias);
  if (alias === LATEST_ALIAS) throw errors.aliasManaged(alias);
  return { to };
}

/** `latest` follows the newest COMMITTED version: a PUT may keep it where it is, never add or drop it (`400 ALIAS_MANAGED`). */
export function requireLatestUntouched(current: readonly string[], desired: readonly string[]): void {
  if (current.includes(LATEST_ALIAS) !== desired.includes(LATEST_ALIAS)) throw errors.aliasManaged(LATEST_ALIAS);
}

/** What a PUT changes on the version: aliases it gains (moved from wherever they are) and aliases it loses. */
export function aliasChanges(current: readonly string[], desired: readonly string[]): { add: string[]; remove: string[] } {
  return { add: desired.filter((a) => !current.includes(a)), remove: current.filter((a) => !desired.includes(a)) };
}
