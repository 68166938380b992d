import { useId, useState } from 'react';
import { ENTITY_ROLES, type EntityRole, type Member } from '../../../../domain';
import { errorMessage } from '../../../lib/api-client';
import { useToast } from '../../../ui/toast';
import { useSetMember } from '../api/members';

/** Adds an existing user with a role (an unknown name is the server's `404 USER_NOT_FOUND`, shown here). */
export function AddMemberForm({ entity, members }: { entity: string; members: Member[] }) {
  const id = useId();
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<EntityRole>('viewer');
  const add = useSetMember(entity);
  const { toast } = useToast();
  const existing = members.find((m) => m.username === username.trim());
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const name = username.trim();
    if (add.isPending || name === '') return;
    add.mutate(
      { username: name, role },
      {
        onSuccess: () => {
          setUsername('');
          toast({ title: `${name} is now ${role === 'admin' ? 'an' : 'a'} ${role} of ${entity}` });
        },
      },
    );
  };
  return (
    <form className="inline-form add-member-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section-title">
        Add a member
      </h2>
      <label htmlFor={`${id}-user`}>Username</label>
      <input
        id={`${id}-user`}
        className="text-input"
        required
        autoComplete="off"
        value={username}
        onChange={(e) => {
          add.reset();
          setUsername(e.target.value);
        }}
      />
      <label htmlFor={`${id}-role`}>Role</label>
      <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as EntityRole)}>
        {ENTITY_ROLES.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
      <button type="submit" className="button" aria-busy={add.isPending || undefined}>
        {existing ? 'Change role' : 'Add member'}
      </button>
      {existing && <p className="field-hint">{existing.username} is already a member; this changes their role.</p>}
      {add.isError && (
        <p role="alert" className="field-error">
          {errorMessage(add.error)}
        </p>
      )}
    </form>
  );
}
