import { LOCAL_ACTOR, TTL_ACTOR } from '../../domain';

/**
 * Who deleted something, as a person reads it: "you" for the signed-in user (and for `local`, what
 * a server before accounts wrote); `ttl` is the TTL scanner; anyone else by name.
 */
export function actorText(actor: string | null, signedIn: string | null = null): string {
  if (actor === null) return '—';
  if (actor === LOCAL_ACTOR || (signedIn !== null && actor === signedIn)) return 'you';
  return actor === TTL_ACTOR ? 'TTL expiry' : actor;
}
