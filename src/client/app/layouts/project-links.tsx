import { NavLink } from 'react-router';
import type { ProjectRef } from '../../../domain';
import { usePendingDeletionCount } from '../../features/deletion/api/get-pending-deletion';
import { pagePaths } from '../../lib/paths';
import { Badge } from '../../ui/badge';
import { useRefusal } from '../../features/auth/api/use-can';
import { entityLinks } from './entity-links';

/**
 * The sidebar's links below the collections: the pending-deletion review (with its count) and
 * storage; then the entity's own pages, each listed only for a user who may use it.
 */
export function ProjectLinks({ project }: { project: ProjectRef }) {
  const pending = usePendingDeletionCount(project);
  const count = pending.data ?? 0;
  const refusal = useRefusal();
  const { entity } = project;
  const links = entityLinks(entity, refusal);
  return (
    <>
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
      {links.length > 0 && (
        <ul className="sidebar-links" aria-label={`Pages of entity ${entity}`}>
          {links.map((link) => (
            <li key={link.to}>
              <NavLink className="sidebar-link" to={link.to}>
                {link.label} <span className="visually-hidden">of {entity}</span>
              </NavLink>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
