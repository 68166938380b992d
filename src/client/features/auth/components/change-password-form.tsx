import { useId, useState } from 'react';
import { errorMessage } from '../../../lib/api-client';
import { useChangePassword } from '../api/session';

/** Change password: the current one, the new one twice. The server signs the user's other sessions out. */
export function ChangePasswordForm() {
  const id = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const change = useChangePassword();
  const mismatch = again !== '' && next !== again;
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (mismatch || change.isPending) return;
    change.mutate(
      { currentPassword: current, newPassword: next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
          setAgain('');
        },
      },
    );
  };
  const field = (key: string, label: string, value: string, set: (v: string) => void, autoComplete: string) => (
    <div className="text-field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        className="text-input"
        type="password"
        required
        autoComplete={autoComplete}
        value={value}
        onChange={(event) => {
          change.reset();
          set(event.target.value);
        }}
      />
    </div>
  );
  return (
    <form className="stacked-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section-title">
        Change password
      </h2>
      {field('current', 'Current password', current, setCurrent, 'current-password')}
      {field('new', 'New password', next, setNext, 'new-password')}
      {field('again', 'New password again', again, setAgain, 'new-password')}
      <p className="field-hint">At least 8 characters. Your other sessions are signed out; this one stays.</p>
      {mismatch && (
        <p role="alert" className="inline-error">
          The two new passwords differ.
        </p>
      )}
      {change.isError && (
        <p role="alert" className="inline-error">
          {errorMessage(change.error)}
        </p>
      )}
      {change.isSuccess && (
        <p role="status" className="inline-note">
          Password changed. Your other sessions were signed out.
        </p>
      )}
      <div>
        <button type="submit" className="button" aria-disabled={mismatch || undefined} aria-busy={change.isPending || undefined}>
          {change.isPending ? 'Changing…' : 'Change password'}
        </button>
      </div>
    </form>
  );
}
