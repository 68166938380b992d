import { useId, useState } from 'react';
import { errorMessage } from '../../../lib/api-client';
import { useCreateUser } from '../api/users';

/** A new local user: name, first password (they change it on their account page), and whether they are a site admin. */
export function CreateUserForm() {
  const id = useId();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [siteAdmin, setSiteAdmin] = useState(false);
  const create = useCreateUser();
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (create.isPending) return;
    create.mutate(
      { username: username.trim(), password, siteAdmin },
      {
        onSuccess: () => {
          setUsername('');
          setPassword('');
          setSiteAdmin(false);
        },
      },
    );
  };
  return (
    <form className="stacked-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section-title">
        Create a user
      </h2>
      <div className="text-field">
        <label htmlFor={`${id}-username`}>New username</label>
        <input id={`${id}-username`} className="text-input" required autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)} />
      </div>
      <div className="text-field">
        <label htmlFor={`${id}-password`}>First password</label>
        <input
          id={`${id}-password`}
          className="text-input"
          type="password"
          required
          minLength={8}
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <p className="field-hint">At least 8 characters; tell it to them, they can change it on their account page.</p>
      </div>
      <div className="checkbox-field">
        <input id={`${id}-admin`} type="checkbox" checked={siteAdmin} onChange={(e) => setSiteAdmin(e.target.checked)} />
        <label htmlFor={`${id}-admin`}>Site admin (may do everything, including users and garbage collection)</label>
      </div>
      {create.isError && (
        <p role="alert" className="inline-error">
          {errorMessage(create.error)}
        </p>
      )}
      {create.isSuccess && (
        <p role="status" className="inline-note">
          Created {create.data.username}. Give them a role on an entity on its Members page.
        </p>
      )}
      <div>
        <button type="submit" className="button button-primary" aria-busy={create.isPending || undefined}>
          {create.isPending ? 'Creating…' : 'Create user'}
        </button>
      </div>
    </form>
  );
}
