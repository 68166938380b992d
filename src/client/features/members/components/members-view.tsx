import { useState } from 'react';
import { ENTITY_ROLES, type EntityRole, type Member } from '../../../../domain';
import { errorMessage } from '../../../lib/api-client';
import { ConfirmDialog } from '../../../ui/alert-dialog';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states';
import { useToast } from '../../../ui/toast';
import { useMembers, useSetMember } from '../api/members';
import { AddMemberForm } from './add-member-form';

/** What each role may do, under the role pickers: the same ladder the server enforces. */
export const ROLE_SUMMARY: Record<EntityRole, string> = {
  viewer: 'browse and download',
  member: 'also log, delete and restore versions, set TTLs and aliases',
  admin: 'also collections, bulk requests, protected aliases, the default TTL, members and the audit log',
};

/** An entity's members (admins): change a role in place, remove one after confirming, add one. */
export function MembersView({ entity }: { entity: string }) {
  const members = useMembers(entity);
  const set = useSetMember(entity);
  const [removing, setRemoving] = useState<{ member: Member; button: HTMLElement } | null>(null);
  const { toast } = useToast();
  if (members.isPending) return <LoadingState label="Loading members…" />;
  if (members.isLoadingError)
    return <ErrorState title="Could not load the members" message={errorMessage(members.error)} onRetry={() => void members.refetch()} />;
  const changeRole = (username: string, role: EntityRole) =>
    set.mutate({ username, role }, { onSuccess: () => toast({ title: `${username} is now ${role === 'admin' ? 'an' : 'a'} ${role} of ${entity}` }) });
  return (
    <>
      <ul className="role-ladder muted">
        {ENTITY_ROLES.map((role) => (
          <li key={role}>
            <strong>{role}</strong>: {ROLE_SUMMARY[role]}
          </li>
        ))}
      </ul>
      {set.isError && !removing && (
        <p role="alert" className="inline-error">
          {errorMessage(set.error)}
        </p>
      )}
      {members.data.items.length === 0 ? (
        <EmptyState title="No members yet">Only site admins see {entity} until someone is added.</EmptyState>
      ) : (
        <table className="data-table">
          <caption className="visually-hidden">Members of {entity}</caption>
          <thead>
            <tr>
              <th scope="col">Username</th>
              <th scope="col">Role</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.data.items.map((member) => (
              <tr key={member.username}>
                <td className="mono">{member.username}</td>
                <td>
                  <select
                    aria-label={`Role of ${member.username}`}
                    value={member.role}
                    disabled={set.isPending}
                    onChange={(event) => changeRole(member.username, event.target.value as EntityRole)}
                  >
                    {ENTITY_ROLES.map((role) => (
                      <option key={role} value={role}>
                        {role}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="cell-actions">
                  <button
                    type="button"
                    className="button button-small button-destructive"
                    aria-label={`Remove ${member.username}`}
                    onClick={(event) => setRemoving({ member, button: event.currentTarget })}
                  >
                    Remove…
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <AddMemberForm entity={entity} members={members.data.items} />
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(open) => {
          if (!open) {
            setRemoving(null);
            set.reset();
          }
        }}
        title={`Remove ${removing?.member.username ?? ''} from ${entity}?`}
        description={`They lose their ${removing?.member.role ?? ''} role at once: ${entity} and its projects disappear for them, as if they did not exist.`}
        confirmLabel="Remove"
        pendingLabel="Removing…"
        destructive
        pending={set.isPending}
        error={set.isError ? errorMessage(set.error) : null}
        returnFocusTo={removing?.button}
        onConfirm={() => {
          if (!removing) return;
          const { username } = removing.member;
          set.mutate(
            { username, role: null },
            {
              onSuccess: () => {
                setRemoving(null);
                toast({ title: `Removed ${username} from ${entity}` });
              },
            },
          );
        }}
      />
    </>
  );
}
