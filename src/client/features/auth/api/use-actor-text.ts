import { actorText } from '../../../lib/actor';
import { useMe } from './get-me';

/** `actorText` that says "you" for the signed-in user. */
export function useActorText(): (actor: string | null) => string {
  const me = useMe().data;
  return (actor) => actorText(actor, me?.user.username ?? null);
}
