/** Keyset pagination: queries fetch `limit + 1` rows; the extra row only says whether there is a next page. */
import { encodeCursor } from '../../domain';

export function keysetPage<T>(rows: T[], limit: number, cursorOf: (last: T) => (string | number)[]): { shown: T[]; nextCursor: string | null } {
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  return { shown, nextCursor: more ? encodeCursor(cursorOf(shown[shown.length - 1]!)) : null };
}
