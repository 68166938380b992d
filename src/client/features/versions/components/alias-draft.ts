import { errors, isValidAlias, LATEST_ALIAS } from '../../../../domain';

/** Why `alias` cannot be added to a version's draft, worded as the server would; null when it can. */
export function aliasProblem(alias: string, draft: readonly string[]): string | null {
  if (alias === '') return 'Type an alias to add.';
  if (alias === LATEST_ALIAS) return 'latest is managed by Attic: it always names the newest committed version.';
  if (!isValidAlias(alias)) return errors.invalidAlias(alias).message;
  if (draft.includes(alias)) return `This version already has ${alias}.`;
  return null;
}
