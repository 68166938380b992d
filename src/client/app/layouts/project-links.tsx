import { NavLink } from 'react-router';
import type { ProjectRef } from '../../../domain';
import { usePendingDeletionCount } from '../../features/deletion/api/get-pending-deletion';
import { pagePaths } from '../../lib/paths';
import { Badge } from '../../ui/badge';

/** The sidebar's links below the collections: the pending-deletion review (with its count) and storage. */
export function ProjectLinks({ project }: { project: ProjectRef }) {
  const pending = usePendingDeletionCount(project);
  const count = pending.data ?? 0;
  return (
    <ul className="sidebar-links" aria-label="Project pages">
      <li>
        <NavLink className="sidebar-link" to={pagePaths.pending(project)}>
          <span>Pending deletion</span>
          {count > 0 && (
            <>
              {' '}
              <Badge tone="warning">
                {count.toLocaleString('en-US')} <span className="visually-hidden">{count === 1 ? 'version' : 'versions'}</span>
              </Badge>
            </>
          )}
        </NavLink>
      </li>
      <li>
        <NavLink className="sidebar-link" to={pagePaths.storage(project)}>
          Storage
        </NavLink>
      </li>
    </ul>
  );
}
