import { formatBytes, formatCount, type DeletionDryRun } from '../../../../domain';
import { AliasChips } from '../../../ui/badge';

/** The bytes a dry run announces, in one sentence. */
export function dryRunBytesSentence(dryRun: Pick<DeletionDryRun, 'reclaimableBytes' | 'sharedBytes'>): string {
  const frees = dryRun.reclaimableBytes > 0 ? `Frees ${formatBytes(dryRun.reclaimableBytes)} once collected` : 'Frees nothing once collected';
  return dryRun.sharedBytes > 0 ? `${frees} · ${formatBytes(dryRun.sharedBytes)} stays: shared with versions that are kept` : frees;
}

/** How many versions with aliases a dry run names (it lists one row per alias). */
export function versionsWithAliases(dryRun: DeletionDryRun): number {
  return new Set(dryRun.aliases.map((a) => `${a.collection}:${a.version}`)).size;
}

/** A deletion job's dry run: how many versions, which aliases they hold, and the bytes freed and kept. */
export function DryRunFigures({ dryRun }: { dryRun: DeletionDryRun }) {
  if (dryRun.versionCount === 0) {
    return <p className="dialog-section">No live version matches: there is nothing to delete.</p>;
  }
  const holders = versionsWithAliases(dryRun);
  const aliasNames = [...new Set(dryRun.aliases.map((a) => a.alias))].sort();
  return (
    <>
      <div className="dialog-section">
        <p className="dialog-note">
          {`Deletes ${formatCount(dryRun.versionCount, 'version')}`}
          {holders === 0 ? ', none of them with aliases.' : `; ${formatCount(holders, 'of them holds', 'of them hold')} aliases:`}
        </p>
        {holders > 0 && <AliasChips aliases={aliasNames} />}
      </div>
      <p className="dialog-section">{dryRunBytesSentence(dryRun)}</p>
    </>
  );
}
