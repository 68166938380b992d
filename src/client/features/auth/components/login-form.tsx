import { useId, useState } from 'react';
import { ApiError } from '../../../../domain';
import { errorMessage } from '../../../lib/api-client';
import { useLogin } from '../api/session';
import { DemoAccounts } from './demo-accounts';

/** What a failed sign-in says: throttling plainly, with what to do; otherwise the server's sentence. */
function loginError(error: unknown): string {
  if (error instanceof ApiError && error.code === 'TOO_MANY_ATTEMPTS') {
    return 'Too many failed sign-ins. Sign-in is paused for this account for a few minutes; wait, then try again.';
  }
  return errorMessage(error);
}

/** The sign-in form; `onSignedIn` runs once the new session's roles are loaded. */
export function LoginForm({ onSignedIn }: { onSignedIn: () => void }) {
  const id = useId();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const login = useLogin();
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (login.isPending) return;
    login.mutate({ username: username.trim(), password }, { onSuccess: onSignedIn });
  };
  return (
    <>
      <form className="login-form" onSubmit={submit} aria-describedby={login.isError ? `${id}-error` : undefined}>
        <div className="text-field">
          <label htmlFor={`${id}-username`}>Username</label>
          <input
            id={`${id}-username`}
            className="text-input"
            autoComplete="username"
            required
            value={username}
            onChange={(event) => setUsername(event.target.value)}
          />
        </div>
        <div className="text-field">
          <label htmlFor={`${id}-password`}>Password</label>
          <input
            id={`${id}-password`}
            className="text-input"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </div>
        {login.isError && (
          <p id={`${id}-error`} role="alert" className="inline-error">
            {loginError(login.error)}
          </p>
        )}
        <div>
          <button type="submit" className="button button-primary" aria-busy={login.isPending || undefined}>
            {login.isPending ? 'Signing in…' : 'Sign in'}
          </button>
        </div>
      </form>
      <DemoAccounts
        onUse={(account) => {
          setUsername(account.username);
          setPassword(account.password);
        }}
      />
    </>
  );
}
