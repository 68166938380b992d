/**
 * A button that may be refused for a reason the user should know (a role they lack): it stays in
 * the tab order with `aria-disabled`, does nothing when pressed, and names the reason as its
 * description, shown as a tooltip (`title`) or, for a page's main action, as text beside it.
 */
import { type ComponentProps, useId } from 'react';

export interface ReasonButtonProps extends ComponentProps<'button'> {
  /** Why it cannot be used now; null or absent: it can. */
  disabledReason?: string | null;
  /** `tooltip` for rows of buttons (the same reason on every row would be noise); `inline` beside a page's main action. */
  reasonDisplay?: 'tooltip' | 'inline';
  /** A request runs: presses are ignored, and assistive technology hears it is busy. */
  busy?: boolean;
}

export function ReasonButton({ disabledReason, reasonDisplay = 'tooltip', busy = false, onClick, type = 'button', ...props }: ReasonButtonProps) {
  const reasonId = useId();
  const refused = Boolean(disabledReason);
  return (
    <>
      <button
        type={type}
        {...props}
        aria-disabled={refused || props['aria-disabled'] || undefined}
        aria-describedby={refused ? reasonId : props['aria-describedby']}
        aria-busy={busy || undefined}
        title={refused && reasonDisplay === 'tooltip' ? (disabledReason ?? undefined) : props.title}
        onClick={(event) => {
          if (refused || busy || props['aria-disabled'] === true) {
            event.preventDefault();
            return;
          }
          onClick?.(event);
        }}
      />
      {refused && (
        <span id={reasonId} className={reasonDisplay === 'inline' ? 'muted reason-text' : 'visually-hidden'}>
          {disabledReason}
        </span>
      )}
    </>
  );
}
