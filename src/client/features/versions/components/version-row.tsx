import { memo } from 'react';
import { Link } from 'react-router';
import type { Version } from '../../../../domain';
import { pagePaths } from '../../../lib/paths';
import { AliasChips } from '../../../ui/badge';
import { Bytes } from '../../../ui/bytes';
import { RelativeTime } from '../../../ui/relative-time';
import { VersionActionsMenu } from './version-actions-menu';
import { VersionStateBadge } from './version-state-badge';

/** Props of `VersionRow`; `rowIndex` is the 1-based `aria-rowindex` (the header is row 1). */
export interface VersionRowProps {
  version: Version;
  rowIndex: number;
}

/** One version in the virtualized table. Memoized: scrolling re-renders the table, not every row. */
export const VersionRow = memo(function VersionRow({ version, rowIndex }: VersionRowProps) {
  return (
    <tr aria-rowindex={rowIndex} className="version-row">
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
