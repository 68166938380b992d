import { useId, useState, type FormEvent } from 'react';
import type { VersionSort } from '../../../../domain';
import { EMPTY_VIEW_FIELDS, viewKey, type VersionViewFields } from './version-view';

const SORT_LABELS: Record<VersionSort, string> = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  largest: 'Largest first',
  smallest: 'Smallest first',
};

/** Props of `VersionFilterBar`: the view applied now (from the URL) and how to apply another. */
export interface VersionFilterBarProps {
  applied: VersionViewFields;
  onApply: (fields: VersionViewFields) => void;
}

/**
 * The version table's filter (alias, no aliases, created between two days, run) and sort. The
 * filter applies with `Apply` or Enter, so a half-typed alias does not reload the table on every
 * key; the sort applies as soon as it is chosen.
 */
export function VersionFilterBar({ applied, onApply }: VersionFilterBarProps) {
  const [draft, setDraft] = useState(applied);
  const id = useId();
  const set = <K extends keyof VersionViewFields>(key: K, value: VersionViewFields[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  const filtered = viewKey({ ...applied, sort: 'newest' }) !== viewKey(EMPTY_VIEW_FIELDS);

  return (
    <form className="version-filter" aria-label="Filter versions" onSubmit={submit}>
      <div className="text-field">
        <label htmlFor={`${id}-alias`}>Alias</label>
        <input
          id={`${id}-alias`}
          className="text-input mono"
          value={draft.alias}
          disabled={draft.noAliases}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => set('alias', e.target.value)}
        />
      </div>
      <div className="checkbox-field">
        <input id={`${id}-none`} type="checkbox" checked={draft.noAliases} onChange={(e) => set('noAliases', e.target.checked)} />
        <label htmlFor={`${id}-none`}>Without aliases</label>
      </div>
      <div className="text-field">
        <label htmlFor={`${id}-from`}>Created from</label>
        <input
          id={`${id}-from`}
          className="text-input"
          type="date"
          value={draft.from}
          max={draft.to || undefined}
          onChange={(e) => set('from', e.target.value)}
        />
      </div>
      <div className="text-field">
        <label htmlFor={`${id}-to`}>Created to</label>
        <input id={`${id}-to`} className="text-input" type="date" value={draft.to} min={draft.from || undefined} onChange={(e) => set('to', e.target.value)} />
      </div>
      <div className="text-field">
        <label htmlFor={`${id}-run`}>Run</label>
        <input
          id={`${id}-run`}
          className="text-input mono"
          value={draft.run}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => set('run', e.target.value)}
        />
      </div>
      <button type="submit" className="button">
        Apply
      </button>
      {filtered && (
        <button
          type="button"
          className="button"
          onClick={() => {
            const cleared = { ...EMPTY_VIEW_FIELDS, sort: applied.sort };
            setDraft(cleared);
            onApply(cleared);
          }}
        >
          Clear filter
        </button>
      )}
      <div className="text-field version-sort">
        <label htmlFor={`${id}-sort`}>Sort</label>
        <select
          id={`${id}-sort`}
          className="text-input"
          value={applied.sort}
          onChange={(e) => {
            const sort = e.target.value as VersionSort;
            setDraft((d) => ({ ...d, sort }));
            onApply({ ...applied, sort });
          }}
        >
          {Object.entries(SORT_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
    </form>
  );
}
