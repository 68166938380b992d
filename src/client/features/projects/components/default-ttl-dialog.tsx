import { useId, useState, type ReactNode } from 'react';
import { formatCount, MAX_TTL_DAYS, type ProjectRef } from '../../../../domain';
import { errorMessage } from '../../../lib/api-client';
import { ConfirmDialog } from '../../../ui/alert-dialog';
import { DaysInput } from '../../../ui/days-input';
import { useSetProjectSettings, useTtlPreview } from '../api/project-settings';

/** Props of `DefaultTtlDialog`, a controlled dialog. */
export interface DefaultTtlDialogProps {
  project: ProjectRef;
  /** The default as the server has it now. */
  current: number | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  returnFocusTo?: HTMLElement | null;
  onSaved: () => void;
}

/** The days box as positive days up to the maximum, or undefined. */
function validDays(text: string): number | undefined {
  const days = text.trim() === '' ? Number.NaN : Number(text);
  return Number.isFinite(days) && days > 0 && days <= MAX_TTL_DAYS ? days : undefined;
}

/**
 * Sets the project's default TTL (what versions whose TTL is `inherit` follow). Before saving, the
 * server's preview says how many versions inherit it and how many the next TTL scan would move to
 * Pending deletion at once: a default shorter than the project's age is a mass delete.
 */
export function DefaultTtlDialog({ project, current, open, onOpenChange, returnFocusTo, onSaved }: DefaultTtlDialogProps) {
  const id = useId();
  const [none, setNone] = useState(current === null);
  const [daysText, setDaysText] = useState(current === null ? '' : String(current));
  const days = none ? null : validDays(daysText);
  const valid = days !== undefined;
  const preview = useTtlPreview(project, days ?? null, open && valid);
  const save = useSetProjectSettings(project);
  const name = `${project.entity}/${project.project}`;

  const changeOpen = (next: boolean) => {
    if (!next) save.reset();
    onOpenChange(next);
  };
  const confirm = () =>
    valid &&
    save.mutate(
      { defaultTtlDays: days },
      {
        onSuccess: () => {
          changeOpen(false);
          onSaved();
        },
      },
    );

  let outcome: ReactNode;
  if (!valid) outcome = <p className="dialog-note">Enter a number of days above 0 (up to {MAX_TTL_DAYS.toLocaleString('en-US')}).</p>;
  else if (days === null) outcome = <p className="dialog-note">Versions that inherit the default never expire.</p>;
  else if (preview.isError) outcome = <p className="dialog-error">Could not preview this default: {errorMessage(preview.error)}</p>;
  else if (!preview.data || preview.data.defaultTtlDays !== days) outcome = <p className="dialog-note">Counting the versions it would expire…</p>;
  else {
    const { versionsInheriting, versionsExpiringNow } = preview.data;
    const text = `${formatCount(versionsInheriting, 'version')} inherit it. ${formatCount(versionsExpiringNow, 'version')} would be moved to Pending deletion at the next TTL scan.`;
    outcome = <p className={versionsExpiringNow > 0 ? 'dialog-warning' : 'dialog-note'}>{text}</p>;
  }

  return (
    <ConfirmDialog
      open={open}
      onOpenChange={changeOpen}
      title={`Default TTL of ${name}`}
      description="Versions whose TTL is “inherit” expire this many days after their creation; the TTL scan then moves them to Pending deletion, where they can be restored."
      confirmLabel="Save"
      pendingLabel="Saving…"
      onConfirm={confirm}
      pending={save.isPending}
      canConfirm={valid}
      error={save.isError ? errorMessage(save.error) : null}
      returnFocusTo={returnFocusTo}
    >
      <fieldset className="dialog-section radio-group">
        <legend className="visually-hidden">Default TTL</legend>
        <div className="radio-field">
          <input id={`${id}-none`} type="radio" name={`${id}-mode`} checked={none} disabled={save.isPending} onChange={() => setNone(true)} />
          <label htmlFor={`${id}-none`}>No default</label>
        </div>
        <div className="radio-field">
          <input id={`${id}-days`} type="radio" name={`${id}-mode`} checked={!none} disabled={save.isPending} onChange={() => setNone(false)} />
          <label htmlFor={`${id}-days`}>Expire versions after</label>
          <DaysInput
            value={daysText}
            disabled={save.isPending}
            onChange={(text) => {
              setDaysText(text);
              setNone(false);
              save.reset();
            }}
          />
        </div>
      </fieldset>
      <div className="dialog-section" aria-live="polite">
        {outcome}
      </div>
    </ConfirmDialog>
  );
}
