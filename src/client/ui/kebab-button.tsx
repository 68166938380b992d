import type { ComponentProps } from 'react';

/** Props of the kebab: `label` is required because an icon-only button needs an accessible name. */
export interface KebabButtonProps extends Omit<ComponentProps<'button'>, 'aria-label' | 'children'> {
  label: string;
}

/** The three-dot button that opens a row's or a page's action menu. */
export function KebabButton({ label, className, ...props }: KebabButtonProps) {
  return (
    <button type="button" aria-label={label} className={`icon-button${className ? ` ${className}` : ''}`} {...props}>
      <svg aria-hidden="true" focusable="false" width="16" height="16" viewBox="0 0 16 16">
        <circle cx="8" cy="3" r="1.5" fill="currentColor" />
        <circle cx="8" cy="8" r="1.5" fill="currentColor" />
        <circle cx="8" cy="13" r="1.5" fill="currentColor" />
      </svg>
    </button>
  );
}
