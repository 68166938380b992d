/**
 * What a restore says in its toast (decision 110): the aliases it brought back, each alias another
 * version took meanwhile (with who holds it and a `Move <alias> back` button), and a TTL it turned
 * off (with `Set TTL…`). Shared by a version's restore and a collection's.
 */
import { formatCount, LATEST_ALIAS } from '../../../../domain';
import type { ToastAction, ToastOptions } from '../../../ui/toast';

/** An alias the restored version had that stayed where it is now; `holder` is `collection:vN`, null when unknown. */
export interface AliasLeftBehind {
  alias: string;
  /** Where it goes back to: the restored version's `vN`. */
  version: string;
  collection: string;
  holder: string | null;
}

/** What the toast needs to know about one restore. */
export interface RestoreOutcome {
  title: string;
  /** Aliases that came back with it (`latest` aside, which Attic recomputes). */
  aliasesBack: string[];
  leftBehind: AliasLeftBehind[];
  ttlDisabled: boolean;
}

/** The buttons a restore's toast offers; `setTtl` is absent for a collection (no single version). */
export interface RestoreFixes {
  moveBack: (left: AliasLeftBehind) => void;
  setTtl?: () => void;
}

/** Aliases other than `latest`: the ones a person gave and a restore brings back. */
export function ownAliases(aliases: readonly string[]): string[] {
  return aliases.filter((alias) => alias !== LATEST_ALIAS);
}

function leftBehindSentence({ alias, holder }: AliasLeftBehind): string {
  return holder ? `${alias} stayed on ${holder}, which got it after the delete.` : `${alias} stayed on the version that got it after the delete.`;
}

/** The toast of a restore; it stays until dismissed when it offers something to fix. */
export function restoreToast(outcome: RestoreOutcome, fixes: RestoreFixes): ToastOptions {
  const sentences: string[] = [];
  if (outcome.aliasesBack.length > 0)
    sentences.push(`Its ${outcome.aliasesBack.length === 1 ? 'alias is' : 'aliases are'} back: ${outcome.aliasesBack.join(', ')}.`);
  sentences.push(...outcome.leftBehind.map(leftBehindSentence));
  if (outcome.ttlDisabled) sentences.push('Its TTL had run out, so it is now turned off: the TTL scan will not delete it again.');
  const actions: ToastAction[] = outcome.leftBehind.map((left) => ({
    label: outcome.leftBehind.filter((l) => l.alias === left.alias).length > 1 ? `Move ${left.alias} back to ${left.version}` : `Move ${left.alias} back`,
    altText: `Move ${left.alias} to ${left.collection}:${left.version} from the version's Edit aliases… menu item`,
    onAction: () => fixes.moveBack(left),
  }));
  if (outcome.ttlDisabled && fixes.setTtl)
    actions.push({ label: 'Set TTL…', altText: "Set a TTL from the version's Set TTL… menu item", onAction: fixes.setTtl });
  const needsAttention = actions.length > 0;
  return {
    title: outcome.title,
    description: sentences.length > 0 ? sentences.join(' ') : undefined,
    actions,
    // A toast with something to fix waits for the person instead of vanishing after 5 seconds.
    durationMs: needsAttention ? Number.POSITIVE_INFINITY : undefined,
  };
}

/** "Restored 3 versions of x", and how many of that delete's versions were purged meanwhile. */
export function collectionRestoreTitle(collection: string, versionsRestored: number, versionsGone: number): { title: string; gone?: string } {
  const title = `Restored ${formatCount(versionsRestored, 'version')} of ${collection}`;
  if (versionsGone === 0) return { title };
  return { title, gone: `${versionsGone.toLocaleString('en-US')} ${versionsGone === 1 ? 'was' : 'were'} already garbage-collected: their files are gone.` };
}
