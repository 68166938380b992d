/** The pages under `/entities/:entity/`: each shows its heading, then the feature, or why the user may not use it. */
import type { ReactNode } from 'react';
import { useParams } from 'react-router';
import type { Permission } from '../../../domain';
import { useCan } from '../../features/auth/api/use-can';
import { AuditLogView } from '../../features/audit/components/audit-log-view';
import { MembersView } from '../../features/members/components/members-view';
import { ProtectedAliasesEditor } from '../../features/members/components/protected-aliases-editor';
import { ForbiddenState } from '../../ui/forbidden-state';

function EntityPage({ title, permission, children }: { title: string; permission: Permission; children: (entity: string) => ReactNode }) {
  const entity = useParams().entity ?? '';
  const can = useCan(permission, entity);
  const heading = `${title} of ${entity}`;
  if (!can.allowed) return <ForbiddenState heading={heading} reason={can.reason ?? ''} />;
  return (
    <>
      <title>{`${heading} · Attic`}</title>
      <h1 className="page-title">{heading}</h1>
      {children(entity)}
    </>
  );
}

/** `/entities/:entity/members` (admins). */
export function MembersPage() {
  return (
    <EntityPage title="Members" permission="manageMembers">
      {(entity) => <MembersView key={entity} entity={entity} />}
    </EntityPage>
  );
}

/** `/entities/:entity/protected-aliases`: admins edit; anyone with a role may read it (it is what the delete dialog warns about). */
export function ProtectedAliasesPage() {
  return (
    <EntityPage title="Protected aliases" permission="browse">
      {(entity) => <ProtectedAliasesEditor key={entity} entity={entity} />}
    </EntityPage>
  );
}

/** `/entities/:entity/audit` (admins). */
export function AuditPage() {
  return (
    <EntityPage title="Audit log" permission="readAudit">
      {(entity) => <AuditLogView key={entity} entity={entity} />}
    </EntityPage>
  );
}
