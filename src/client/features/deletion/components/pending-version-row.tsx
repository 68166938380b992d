import { Link } from 'react-router';
import type { GcStatus, PendingDeletionItem } from '../../../../domain';
import { useActorText } from '../../auth/api/use-actor-text';
import { pagePaths } from '../../../lib/paths';
import { AliasChips } from '../../../ui/badge';
import { Bytes } from '../../../ui/bytes';
import { ReasonButton } from '../../../ui/reason-button';
import { RelativeTime } from '../../../ui/relative-time';
import { useCan } from '../../auth/api/use-can';
import { versionName } from '../../versions/components/version-name';

/** Props of `PendingVersionRow`; `gc` is undefined until the collector's status has loaded. */
export interface PendingVersionRowProps {
  item: PendingDeletionItem;
  gc: GcStatus | undefined;
  selected: boolean;
  onSelectedChange: (selected: boolean) => void;
  onRestore: () => void;
  /** True while a bulk restore runs: single restores wait for it. */
  busy: boolean;
}

/** One version pending deletion: the aliases its delete took (a restore brings them back), who deleted it and when, what purging it frees, when that happens. */
export function PendingVersionRow({ item, gc, selected, onSelectedChange, onRestore, busy }: PendingVersionRowProps) {
  const actorText = useActorText();
  const { version } = item;
  const name = versionName(version);
  const can = useCan('restoreVersion', version.entity);
  return (
    <tr>
      <td className="cell-select">
        <input type="checkbox" aria-label={`Select ${name}`} checked={selected} onChange={(event) => onSelectedChange(event.target.checked)} />
      </td>
      <td className="mono">
        {version.version ? <Link to={pagePaths.version(version, version.type, version.collection, version.version)}>{name}</Link> : name}
      </td>
      <td>{version.deletedAliases.length > 0 ? <AliasChips aliases={version.deletedAliases} /> : <span className="muted">—</span>}</td>
      <td>{actorText(version.deletedBy)}</td>
      <td>{version.deletedAt ? <RelativeTime iso={version.deletedAt} /> : '—'}</td>
      <td className="numeric">
        <Bytes bytes={version.sizeBytes} />
      </td>
      <td className="numeric">
        <Bytes bytes={item.reclaimableBytes} />
      </td>
      <td>
        {gc && !gc.enabled ? (
          <span className="muted" title={gc.disabledReason ?? undefined}>
            Garbage collection is off
          </span>
        ) : item.expectedPurgeAt ? (
          <RelativeTime iso={item.expectedPurgeAt} />
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td className="cell-actions">
        <ReasonButton className="button button-small" aria-label={`Restore ${name}`} disabled={busy} disabledReason={can.reason} onClick={onRestore}>
          Restore
        </ReasonButton>
      </td>
    </tr>
  );
}
