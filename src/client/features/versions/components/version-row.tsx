import { memo } from 'react';
import { Link } from 'react-router';
import type { Version } from '../../../../domain';
import { pagePaths } from '../../../lib/paths';
import { AliasChips } from '../../../ui/badge';
import { Bytes } from '../../../ui/bytes';
import { RelativeTime } from '../../../ui/relative-time';
import { isSelectable } from './use-version-selection';
import { VersionActionsMenu } from './version-actions-menu';
import { versionName } from './version-name';
import { VersionStateBadge } from './version-state-badge';

/** Props of `VersionRow`; `rowIndex` is the 1-based `aria-rowindex` (the header is row 1). */
export interface VersionRowProps {
  version: Version;
  rowIndex: number;
  selected: boolean;
  /** The row's checkbox was clicked to `checked`, with shift held for a range. Stable, so rows stay memoized. */
  onToggle: (version: Version, checked: boolean, shiftKey: boolean) => void;
}

const ignoreChange = () => {};

/** One version in the virtualized table. Memoized: scrolling re-renders the table, not every row. */
export const VersionRow = memo(function VersionRow({ version, rowIndex, selected, onToggle }: VersionRowProps) {
  return (
    <tr aria-rowindex={rowIndex} className={selected ? 'version-row row-selected' : 'version-row'}>
      <td className="cell-select">
        {isSelectable(version) && (
          <input
            type="checkbox"
            aria-label={`Select ${versionName(version)}`}
            checked={selected}
            // The click carries Shift (a keyboard's Space clicks too); the checkbox is already in its new state then.
            onClick={(event) => onToggle(version, event.currentTarget.checked, event.shiftKey)}
            // The click above does the work; React only needs to know the box is controlled on purpose.
            onChange={ignoreChange}
          />
        )}
      </td>
      <td className="mono">
        {version.version ? (
          <Link to={pagePaths.version(version, version.type, version.collection, version.version)}>{version.version}</Link>
        ) : (
          <span className="muted">uploading</span>
        )}
      </td>
      <td>
        <div className="cell-chips">
          {version.state !== 'COMMITTED' && <VersionStateBadge state={version.state} />}
          <AliasChips aliases={version.aliases} />
        </div>
      </td>
      <td className="numeric">
        <Bytes bytes={version.sizeBytes} />
      </td>
      <td className="numeric">{version.fileCount.toLocaleString('en-US')}</td>
      <td>
        <RelativeTime iso={version.createdAt} />
      </td>
      <td className="mono cell-ellipsis">{version.createdBy.runId ?? <span className="muted">—</span>}</td>
      <td className="cell-actions">
        <VersionActionsMenu version={version} />
      </td>
    </tr>
  );
});
