/** Radix DropdownMenu wrapped once: the rest of the app never imports the library directly. */
import * as Radix from '@radix-ui/react-dropdown-menu';
import type { ComponentProps } from 'react';

/**
 * Non-modal: a modal menu hides the rest of the page with aria-hidden while its links and buttons
 * stay focusable, which screen readers and axe (aria-hidden-focus) rightly flag. The menu still
 * takes focus, closes on Escape and on outside clicks, and returns focus to its trigger.
 */
export function DropdownMenu(props: ComponentProps<typeof Radix.Root>) {
  return <Radix.Root modal={false} {...props} />;
}
export const DropdownMenuTrigger = Radix.Trigger;

/**
 * The floating list of items. Not portalled: rendered next to its trigger it stays inside the
 * page's landmarks (axe's `region` rule flags a menu portalled to <body>), and Radix positions it
 * with `position: fixed`, so the scrolling table and sidebar do not clip it.
 */
export function DropdownMenuContent({ className, ...props }: ComponentProps<typeof Radix.Content>) {
  return <Radix.Content align="end" sideOffset={4} collisionPadding={8} {...props} className={cx('menu', className)} />;
}

export function DropdownMenuItem({ className, ...props }: ComponentProps<typeof Radix.Item>) {
  return <Radix.Item {...props} className={cx('menu-item', className)} />;
}

export function DropdownMenuSeparator() {
  return <Radix.Separator className="menu-separator" />;
}

function cx(...names: (string | undefined | false)[]): string {
  return names.filter(Boolean).join(' ');
}
