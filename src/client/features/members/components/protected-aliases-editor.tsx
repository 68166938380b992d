import { useId, useState } from 'react';
import { isValidAlias, LATEST_ALIAS } from '../../../../domain';
import { errorMessage } from '../../../lib/api-client';
import { ReasonButton } from '../../../ui/reason-button';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states';
import { useCan } from '../../auth/api/use-can';
import { useProtectedAliases, useSetProtectedAliases } from '../api/protected-aliases';

/**
 * The entity's protected aliases: only admins may put them on or take them off versions, and a
 * member cannot delete a version holding one. Each change saves the whole list at once.
 */
export function ProtectedAliasesEditor({ entity }: { entity: string }) {
  const id = useId();
  const aliases = useProtectedAliases(entity);
  const save = useSetProtectedAliases(entity);
  const can = useCan('editProtectedAliases', entity);
  const [draft, setDraft] = useState('');
  if (aliases.isPending) return <LoadingState label="Loading protected aliases…" />;
  if (aliases.isLoadingError)
    return <ErrorState title="Could not load the protected aliases" message={errorMessage(aliases.error)} onRetry={() => void aliases.refetch()} />;
  const current = aliases.data.aliases;
  const name = draft.trim();
  const problem =
    name === ''
      ? null
      : !isValidAlias(name) || name === LATEST_ALIAS
        ? `"${name}" is not an alias that can be protected: letters, digits, ".", "_" or "-", not a version label, not latest.`
        : current.includes(name)
          ? `"${name}" is protected already.`
          : null;
  const add = (event: React.FormEvent) => {
    event.preventDefault();
    if (!can.allowed || problem || name === '' || save.isPending) return;
    save.mutate([...current, name], { onSuccess: () => setDraft('') });
  };
  return (
    <>
      {current.length === 0 ? (
        <EmptyState title="No protected aliases">Protect an alias such as production so only admins can move it or delete its version.</EmptyState>
      ) : (
        <ul className="protected-alias-list" aria-label={`Protected aliases of ${entity}`}>
          {current.map((alias) => (
            <li key={alias}>
              <span className="alias-chip mono">{alias}</span>{' '}
              <ReasonButton
                className="button button-small"
                aria-label={`Unprotect ${alias}`}
                disabledReason={can.reason}
                busy={save.isPending}
                onClick={() => save.mutate(current.filter((a) => a !== alias))}
              >
                Unprotect
              </ReasonButton>
            </li>
          ))}
        </ul>
      )}
      <form className="inline-form" onSubmit={add}>
        <label htmlFor={`${id}-alias`}>Alias to protect</label>
        <input
          id={`${id}-alias`}
          className="text-input mono"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          aria-invalid={problem ? true : undefined}
        />
        <ReasonButton type="submit" className="button" disabledReason={can.reason} busy={save.isPending} reasonDisplay="inline">
          Protect
        </ReasonButton>
        {problem && <p className="field-error">{problem}</p>}
        {save.isError && (
          <p role="alert" className="field-error">
            {errorMessage(save.error)}
          </p>
        )}
      </form>
    </>
  );
}
