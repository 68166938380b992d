import { formatBytes } from '../../../../domain';

/** One part of the stacked bar and its legend entry. */
export interface StorageSegment {
  /** The legend's label, e.g. "Pending deletion — reclaimable". */
  label: string;
  /** How the bar's accessible summary says it, e.g. "pending deletion and reclaimable". */
  spoken: string;
  /** What the figure means, under the legend's label. */
  hint: string;
  bytes: number;
  /** The CSS modifier that colours the segment and its swatch. */
  tone: 'live' | 'reclaimable' | 'shared' | 'trash';
}

/**
 * A stacked horizontal bar of the segments. It is one image to assistive technology, named with
 * the figures; the legend next to it (`StorageLegend`) carries the same numbers as text.
 */
export function StorageBar({ segments, subject }: { segments: StorageSegment[]; subject: string }) {
  const total = segments.reduce((sum, s) => sum + s.bytes, 0);
  const summary = `${subject}: ${segments.map((s) => `${formatBytes(s.bytes)} ${s.spoken}`).join(', ')}`;
  return (
    <div role="img" aria-label={summary} className="storage-bar">
      {total > 0 &&
        segments
          .filter((s) => s.bytes > 0)
          // flex-grow in bytes gives each part its share; a min-width keeps a tiny part visible.
          .map((s) => <span key={s.tone} className={`storage-bar-part storage-tone-${s.tone}`} style={{ flexGrow: s.bytes }} />)}
    </div>
  );
}

/** The bar's legend: each part's swatch, name, size in human units (exact bytes on hover) and meaning. */
export function StorageLegend({ segments, label }: { segments: StorageSegment[]; label: string }) {
  return (
    <ul className="storage-legend" aria-label={label}>
      {segments.map((s) => (
        <li key={s.tone} className="storage-legend-item">
          <span className={`storage-swatch storage-tone-${s.tone}`} aria-hidden="true" />
          <span className="storage-legend-label">{s.label}</span>{' '}
          <span className="storage-legend-value" title={`${s.bytes.toLocaleString('en-US')} bytes`}>
            {formatBytes(s.bytes)}
          </span>{' '}
          <span className="storage-legend-hint muted">{s.hint}</span>
        </li>
      ))}
    </ul>
  );
}
