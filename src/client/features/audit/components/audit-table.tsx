import type { AuditEntry } from '../../../../domain';
import { Badge } from '../../../ui/badge';
import { RelativeTime } from '../../../ui/relative-time';

const OUTCOME_TONE = { success: 'neutral', denied: 'warning', failed: 'danger' } as const;

/** Details as short `key: value` pairs (the API key used, an error code, the aliases refused). */
function detailsText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' · ');
}

/** Audit entries, newest first. */
export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  return (
    <table className="data-table audit-table">
      <caption className="visually-hidden">Audit log, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Actor</th>
          <th scope="col">Action</th>
          <th scope="col">Target</th>
          <th scope="col">Outcome</th>
          <th scope="col">Details</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.id}>
            <td>
              <RelativeTime iso={entry.at} />
            </td>
            <td className="mono">{entry.actor}</td>
            <td className="mono">{entry.action}</td>
            <td className="mono">{entry.target}</td>
            <td>
              <Badge tone={OUTCOME_TONE[entry.outcome]}>{entry.outcome}</Badge>
            </td>
            <td className="muted">{detailsText(entry.details) || '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
