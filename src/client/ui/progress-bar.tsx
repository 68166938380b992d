/** A determinate progress bar, written once: its label, figures and fill; indeterminate while `max` is 0. */
export interface ProgressBarProps {
  label: string;
  value: number;
  max: number;
  /** What a screen reader says instead of a bare number ("120 of 500 versions deleted"). */
  valueText?: string;
}

export function ProgressBar({ label, value, max, valueText }: ProgressBarProps) {
  const shown = Math.min(max, value);
  const percent = max === 0 ? 0 : Math.round((shown / max) * 100);
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      // Nothing to measure against: an indeterminate bar, not a stuck 0 of 0.
      aria-valuemax={max > 0 ? max : undefined}
      aria-valuenow={max > 0 ? shown : undefined}
      aria-valuetext={max > 0 ? valueText : undefined}
      className="progress-track"
    >
      <div className="progress-fill" style={{ width: `${percent}%` }} />
    </div>
  );
}
