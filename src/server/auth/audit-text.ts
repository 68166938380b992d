/**
 * What a client typed, as the append-only audit log keeps it. The log cannot be pruned, and some of
 * its entries are written for anyone who reaches the sign-in route, throttled or not: a string the
 * server has not validated (a user name tried, a name in a refused request's path) must not reach
 * it whole, or one request of a few megabytes grows the database by as much, for good.
 *
 * Up to the length of the longest name that can exist it is kept as typed (an auditor wants to see
 * `Admin` or `ana@example.org` tried), with control characters shown as `\u000a` so that an entry
 * stays one line in an export. Longer, it is its first characters, `…` and the length it had: a
 * name that cannot exist, recorded with what tells the attempts apart.
 */
import { NAME_MAX_LENGTH, USERNAME_MAX_LENGTH } from '../../domain';

// biome-ignore lint/suspicious/noControlCharactersInRegex: showing control characters is this pattern's whole purpose.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

/** `value` as an audit entry records it: whole up to `limit` characters, else bounded (see above). */
export function auditText(value: string, limit = NAME_MAX_LENGTH): string {
  const cut = value.length > limit;
  let head = cut ? value.slice(0, limit) : value;
  // Never half a character: a lone surrogate is not text PostgreSQL or an export can hold.
  if (cut && /[\ud800-\udbff]$/.test(head)) head = head.slice(0, -1);
  const shown = head.replace(CONTROL_CHARACTERS, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return cut ? `${shown}… (${value.length} characters)` : shown;
}

/** A user name a client typed or named, as the audit log records it: bounded at the longest user name. */
export function auditUsername(value: string): string {
  return auditText(value, USERNAME_MAX_LENGTH);
}
