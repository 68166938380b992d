import { NavLink, Outlet, useParams } from 'react-router';
import { roleOn } from '../../../domain';
import { useMe } from '../../features/auth/api/get-me';
import { useRefusal } from '../../features/auth/api/use-can';
import { entityLinks } from './entity-links';
import { NotFoundState } from '../../ui/not-found-state';

/** The pages of an entity (the team): members, protected aliases, audit log; a link only for who may use it. */
export function EntityLayout() {
  const entity = useParams().entity ?? '';
  const me = useMe().data;
  const refusal = useRefusal();
  // As the server does: an entity the user holds no role on does not exist for them.
  if (me && !me.user.siteAdmin && roleOn(me, entity) === null) {
    return (
      <main id="main" tabIndex={-1} className="page">
        <NotFoundState heading="Entity not found" message={`${entity} does not exist.`} back={{ to: '/', label: 'Go to the projects' }} />
      </main>
    );
  }
  const links = entityLinks(entity, refusal);
  return (
    <main id="main" tabIndex={-1} className="page entity-page">
      <p className="muted">
        Entity <span className="mono">{entity}</span>
      </p>
      {links.length > 0 && (
        <nav aria-label={`Pages of ${entity}`}>
          <ul className="entity-tabs">
            {links.map((link) => (
              <li key={link.to}>
                <NavLink to={link.to}>{link.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <Outlet />
    </main>
  );
}
