import { useId, useState } from 'react';
import { MAX_TTL_DAYS, type Version } from '../../../../domain';
import { errorMessage } from '../../../lib/api-client';
import { ConfirmDialog } from '../../../ui/alert-dialog';
import { DaysInput } from '../../../ui/days-input';
import { useSetVersionTtl, type SetTtlBody, type TtlMode } from '../api/set-version-ttl';
import { describeExpiry, expiryFrom, formatDays } from './ttl-format';
import type { VersionDialogProps } from './version-dialog-host';
import { versionName } from './version-name';

/** The days box as a number, or undefined when it holds none (then the server says what is missing). */
function parseDays(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const days = Number(trimmed);
  return Number.isFinite(days) ? days : undefined;
}

/** What the days box starts with: the version's own days, else the project default when known. */
function initialDays(ttl: Version['ttl']): string {
  return ttl.mode !== 'disabled' && ttl.days !== null ? String(ttl.days) : '';
}

/**
 * Sets a version's TTL: inherit the project default, expire after a number of days, or never.
 * The project default is only known from the version itself (there is no GET of the settings),
 * so it is named when the version inherits it today. Below the choice, what it means: the expiry
 * date counted from the version's creation, or a warning when that date has passed (the next TTL
 * scan soft-deletes the version). The days are checked by the server, whose message shows here.
 */
export function VersionTtlDialog({ project, version, open, onOpenChange, returnFocusTo, onSaved }: VersionDialogProps) {
  const id = useId();
  const [mode, setMode] = useState<TtlMode>(version.ttl.mode);
  const [daysText, setDaysText] = useState(() => initialDays(version.ttl));
  const save = useSetVersionTtl(project);
  const name = versionName(version);
  const projectDefault = version.ttl.mode === 'inherit' ? { known: true, days: version.ttl.days } : { known: false, days: null };
  const days = parseDays(daysText);

  const changeOpen = (next: boolean) => {
    if (!next) save.reset();
    onOpenChange(next);
  };
  const choose = (next: TtlMode) => {
    setMode(next);
    save.reset();
  };

  const confirm = () => {
    const ttl: SetTtlBody = mode === 'custom' ? (days === undefined ? { mode } : { mode, days }) : { mode };
    save.mutate(
      { version, ttl },
      {
        onSuccess: (updated) => {
          changeOpen(false);
          onSaved(updated);
        },
      },
    );
  };

  const effectiveDays =
    mode === 'custom' ? (days !== undefined && days > 0 && days <= MAX_TTL_DAYS ? days : undefined) : mode === 'inherit' ? projectDefault.days : null;
  const outcome = (() => {
    if (mode === 'disabled') return <p className="dialog-note">Never expires: no TTL scan will delete it.</p>;
    if (mode === 'inherit' && !projectDefault.known) return <p className="dialog-note">Expires when the project default says, counted from its creation.</p>;
    if (mode === 'inherit' && projectDefault.days === null) return <p className="dialog-note">Never expires while the project has no default.</p>;
    if (effectiveDays === undefined || effectiveDays === null)
      return <p className="dialog-note">Enter a number of days (up to {MAX_TTL_DAYS.toLocaleString('en-US')}), counted from its creation.</p>;
    const expiry = describeExpiry(expiryFrom(version.createdAt, effectiveDays));
    if (expiry.past) {
      return (
        <p className="dialog-warning">
          <strong>Already expired</strong> on {expiry.date} ({expiry.relative}), counted from its creation: {name} will be soft-deleted at the next TTL scan.
          You can restore it from Pending deletion.
        </p>
      );
    }
    return (
      <p className="dialog-note">
        Expires {expiry.date} ({expiry.relative}), counted from its creation.
      </p>
    );
  })();

  const radio = (value: TtlMode) => ({
    type: 'radio' as const,
    name: `${id}-mode`,
    value,
    checked: mode === value,
    disabled: save.isPending,
    onChange: () => choose(value),
  });

  return (
    <ConfirmDialog
      open={open}
      onOpenChange={changeOpen}
      title={`TTL of ${name}`}
      description={`When ${name} expires, the TTL scan moves it to Pending deletion. Its expiry counts from its creation.`}
      confirmLabel="Save"
      pendingLabel="Saving…"
      onConfirm={confirm}
      pending={save.isPending}
      error={save.isError ? errorMessage(save.error) : null}
      returnFocusTo={returnFocusTo}
    >
      <fieldset className="dialog-section radio-group">
        <legend className="visually-hidden">Time to live</legend>
        <div className="radio-field">
          <input id={`${id}-inherit`} aria-describedby={projectDefault.known ? `${id}-inherit-hint` : undefined} {...radio('inherit')} />
          <label htmlFor={`${id}-inherit`}>Inherit the project default</label>
          {projectDefault.known && (
            <span id={`${id}-inherit-hint`} className="field-hint">
              {projectDefault.days === null ? '(no default)' : `(${formatDays(projectDefault.days)})`}
            </span>
          )}
        </div>
        <div className="radio-field">
          <input id={`${id}-custom`} {...radio('custom')} />
          <label htmlFor={`${id}-custom`}>Expire after</label>
          <DaysInput
            value={daysText}
            disabled={save.isPending}
            onChange={(text) => {
              setDaysText(text);
              choose('custom');
            }}
          />
        </div>
        <div className="radio-field">
          <input id={`${id}-disabled`} {...radio('disabled')} />
          <label htmlFor={`${id}-disabled`}>Never expire</label>
        </div>
      </fieldset>
      <div className="dialog-section" aria-live="polite">
        {outcome}
      </div>
    </ConfirmDialog>
  );
}
