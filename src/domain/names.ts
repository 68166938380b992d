/** Name and path rules of the API contract, shared by the server, the mocks, the SDK and the web app. */

/** Entity, project, collection, type and alias names. */
export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
export const NAME_MAX_LENGTH = 128;

/** User names (accounts): lowercase, 1 to 64 characters; no account can have any other name. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;
export const USERNAME_MAX_LENGTH = 64;

export function isValidUsername(name: string): boolean {
  return USERNAME_PATTERN.test(name);
}

/** `v0`, `v1`, ...: the implicit name of a committed version. */
export const VERSION_LABEL_PATTERN = /^v(0|[1-9][0-9]{0,14})$/;

/** Lowercase hex sha256. */
export const DIGEST_PATTERN = /^[0-9a-f]{64}$/;

export function isValidName(name: string): boolean {
  return NAME_PATTERN.test(name);
}

/** An alias is a name that cannot be mistaken for a version label such as `v3`. */
export function isValidAlias(alias: string): boolean {
  return isValidName(alias) && !/^v[0-9]+$/.test(alias);
}

/** C0 control characters (NUL, TAB, CR, LF, ...) and DEL: never part of a file name a person means. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this pattern's whole purpose.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/**
 * A UTF-16 surrogate without its pair: JSON can carry one (`"\ud800"`), but no UTF-8 text can, so
 * a store would keep U+FFFD instead and the path logged would never be found again.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether `text` holds a C0 control character or DEL. */
export function hasControlCharacter(text: string): boolean {
  return CONTROL_CHARACTER.test(text);
}

/** Relative POSIX path: no `..` segment, no leading `/`, no control character, no empty segment, no lone surrogate. */
export function isValidFilePath(path: string): boolean {
  if (path.length === 0 || path.length > 1024) return false;
  if (path.startsWith('/') || CONTROL_CHARACTER.test(path) || path.includes('\\') || LONE_SURROGATE.test(path)) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '..' && segment !== '.');
}

/** `v12` -> 12; an alias -> null. */
export function parseVersionLabel(ref: string): number | null {
  const match = VERSION_LABEL_PATTERN.exec(ref);
  return match ? Number(match[1]) : null;
}

export function versionLabel(index: number): string {
  return `v${index}`;
}

/** The alias that always follows the newest committed version. */
export const LATEST_ALIAS = 'latest';

/** Aliases in display order: `latest` first, then alphabetical. */
export function sortAliases(aliases: Iterable<string>): string[] {
  return [...new Set(aliases)].sort((a, b) => (a === LATEST_ALIAS ? -1 : b === LATEST_ALIAS ? 1 : a < b ? -1 : a > b ? 1 : 0));
}
