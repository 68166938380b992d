import { useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { LATEST_ALIAS, sortAliases } from '../../../../domain';
import { errorMessage } from '../../../lib/api-client';
import { ConfirmDialog } from '../../../ui/alert-dialog';
import { ReasonButton } from '../../../ui/reason-button';
import { useSetVersionAliases } from '../api/edit-aliases';
import { versionQueryOptions } from '../api/get-version';
import { useProtectedAliasLock } from '../../members/components/use-protected-alias-lock';
import { aliasProblem } from './alias-draft';
import type { VersionDialogProps } from './version-dialog-host';
import { versionName } from './version-name';

/**
 * Edits a version's aliases as a draft, sent in one `PUT .../aliases` on Save. An alias typed here
 * that another version holds is looked up (`GET .../versions/:alias`) and the dialog says which
 * version it moves from before anything is sent. `latest` is listed as Attic's, without a Remove.
 * Names are checked as the domain checks them; what the server still refuses shows in the dialog.
 * A protected alias of the entity cannot be added or removed by a non-admin: its Remove is
 * disabled with the reason, and adding one is refused here before the server would.
 */
export function EditAliasesDialog({ project, version, open, onOpenChange, returnFocusTo, onSaved }: VersionDialogProps) {
  const id = useId();
  const queryClient = useQueryClient();
  const name = versionName(version);
  const [draft, setDraft] = useState<string[]>(() => version.aliases.filter((alias) => alias !== LATEST_ALIAS));
  /** Where each added alias is now (`collection:vN`), or null when no version has it. */
  const [holders, setHolders] = useState<Record<string, string | null>>({});
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const save = useSetVersionAliases(project);
  const hasLatest = version.aliases.includes(LATEST_ALIAS);
  const lock = useProtectedAliasLock(project.entity, open);

  const changeOpen = (next: boolean) => {
    if (!next) save.reset();
    onOpenChange(next);
  };

  const add = (event: FormEvent) => {
    event.preventDefault();
    const alias = text.trim();
    const why = aliasProblem(alias, draft) ?? lock.lockedReason(alias);
    setProblem(why);
    if (why) return;
    save.reset();
    setDraft((current) => sortAliases([...current, alias]));
    setText('');
    if (version.aliases.includes(alias)) return;
    void queryClient.fetchQuery(versionQueryOptions(project, version.collection, alias)).then(
      (holder) => setHolders((current) => ({ ...current, [alias]: holder.id === version.id ? null : versionName(holder) })),
      () => setHolders((current) => ({ ...current, [alias]: null })),
    );
  };

  const remove = (alias: string) => {
    save.reset();
    setDraft((current) => current.filter((a) => a !== alias));
  };

  const confirm = () =>
    save.mutate(
      { version, aliases: hasLatest ? [LATEST_ALIAS, ...draft] : draft },
      {
        onSuccess: (updated) => {
          changeOpen(false);
          onSaved(updated);
        },
      },
    );

  const moves = draft.flatMap((alias) => (holders[alias] ? [`${alias} moves here from ${holders[alias]}.`] : []));
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={changeOpen}
      title={`Aliases of ${name}`}
      description={`An alias names one version of ${version.collection}: adding one another version has moves it here.`}
      confirmLabel="Save"
      pendingLabel="Saving…"
      onConfirm={confirm}
      pending={save.isPending}
      error={save.isError ? errorMessage(save.error) : null}
      returnFocusTo={returnFocusTo}
    >
      <ul className="dialog-section alias-edit-list" aria-label={`Aliases of ${name}`}>
        {hasLatest && (
          <li>
            <span className="alias-chip">latest</span> <span className="muted">managed by Attic</span>
          </li>
        )}
        {draft.map((alias) => {
          const locked = version.aliases.includes(alias) ? lock.lockedReason(alias) : null;
          return (
            <li key={alias}>
              <span className="alias-chip">{alias}</span>
              <ReasonButton
                className="icon-button"
                aria-label={`Remove ${alias}`}
                disabled={save.isPending}
                disabledReason={locked}
                onClick={() => remove(alias)}
              >
                <span aria-hidden="true">×</span>
              </ReasonButton>
              {locked && <span className="muted">protected</span>}
            </li>
          );
        })}
        {!hasLatest && draft.length === 0 && <li className="muted">No aliases.</li>}
      </ul>
      <form className="dialog-section inline-form" onSubmit={add}>
        <label htmlFor={`${id}-alias`}>New alias</label>
        <input
          id={`${id}-alias`}
          className="text-input"
          autoComplete="off"
          value={text}
          disabled={save.isPending}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(event) => {
            setText(event.target.value);
            setProblem(null);
          }}
        />
        <button type="submit" className="button" disabled={save.isPending}>
          Add
        </button>
        {problem && (
          <p id={`${id}-problem`} className="field-error">
            {problem}
          </p>
        )}
      </form>
      <div className="dialog-section" aria-live="polite">
        {moves.map((move) => (
          <p key={move} className="dialog-note">
            {move}
          </p>
        ))}
      </div>
    </ConfirmDialog>
  );
}
