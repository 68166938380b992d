import { useId, useState } from 'react';
import type { AuditFilters } from '../../../../domain';

/** The filters as the form holds them: text, and local date-times from the browser's pickers. */
type Draft = Record<'actor' | 'action' | 'target' | 'since' | 'until', string>;

/** `2026-12-06T05:22` (local, as `datetime-local` gives it) as ISO-8601 UTC; '' stays ''. */
function toIso(local: string): string {
  if (local === '') return '';
  const ms = Date.parse(local);
  return Number.isNaN(ms) ? '' : new Date(ms).toISOString();
}

/** ISO-8601 as a `datetime-local` value in the browser's time zone. */
function toLocal(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Filters of the audit log: actor and action exactly, target by any part of it, a time range; applied on Filter. */
export function AuditFilterForm({ filters, onApply }: { filters: AuditFilters; onApply: (filters: AuditFilters) => void }) {
  const id = useId();
  const [draft, setDraft] = useState<Draft>({
    actor: filters.actor ?? '',
    action: filters.action ?? '',
    target: filters.target ?? '',
    since: toLocal(filters.since),
    until: toLocal(filters.until),
  });
  const field = (key: keyof Draft, label: string, type = 'text', hint?: string) => (
    <div className="text-field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        className="text-input"
        type={type}
        value={draft[key]}
        placeholder={hint}
        onChange={(e) => setDraft((d) => ({ ...d, [key]: e.target.value }))}
      />
    </div>
  );
  const apply = (event: React.FormEvent) => {
    event.preventDefault();
    const next: AuditFilters = {};
    for (const key of ['actor', 'action', 'target'] as const) if (draft[key].trim()) next[key] = draft[key].trim();
    if (toIso(draft.since)) next.since = toIso(draft.since);
    if (toIso(draft.until)) next.until = toIso(draft.until);
    onApply(next);
  };
  return (
    <form className="audit-filters" onSubmit={apply} aria-label="Filter the audit log">
      {field('actor', 'Actor', 'text', 'a user, ttl or gc')}
      {field('action', 'Action', 'text', 'e.g. version.delete')}
      {field('target', 'Target', 'text', 'part of a name')}
      {field('since', 'From', 'datetime-local')}
      {field('until', 'To', 'datetime-local')}
      <div className="audit-filter-buttons">
        <button type="submit" className="button">
          Filter
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            setDraft({ actor: '', action: '', target: '', since: '', until: '' });
            onApply({});
          }}
        >
          Clear
        </button>
      </div>
    </form>
  );
}
