import { LOCAL_ACTOR, TTL_ACTOR } from '../../domain';

/**
 * Who deleted something, as a person reads it: the server says `local` while it has no accounts,
 * and there is only one person then, so "you"; `ttl` is the TTL scanner; a user's name as is.
 */
export function actorText(actor: string | null): string {
  if (actor === null) return '—';
  if (actor === LOCAL_ACTOR) return 'you';
  return actor === TTL_ACTOR ? 'TTL expiry' : actor;
}
