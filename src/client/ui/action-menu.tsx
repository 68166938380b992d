/**
 * Actions are plain data (`makeVersionActions(version)` returns `MenuAction[]`) and this one
 * component renders any list of them behind a kebab button. An action that opens a dialog only
 * sets state in its `onSelect`; the dialog is rendered by the owner as a sibling of the menu,
 * never inside it (a dialog inside a closing menu leaves Radix's `pointer-events: none` behind).
 */
import { useId } from 'react';
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from './dropdown-menu';
import { KebabButton } from './kebab-button';

/** One entry of an action menu. */
export interface MenuAction {
  label: string;
  onSelect: () => void;
  /** Shown but not runnable; say why in `disabledReason` rather than hiding the action. */
  disabled?: boolean;
  disabledReason?: string;
  /** Red, and set apart by a separator: deletes and other actions that lose something. */
  destructive?: boolean;
}

/** Props of `ActionMenu`: `label` names the kebab button, e.g. `Actions for mnist-train:v11`. */
export interface ActionMenuProps {
  label: string;
  actions: MenuAction[];
  className?: string;
}

export function ActionMenu({ label, actions, className }: ActionMenuProps) {
  const firstDestructive = actions.findIndex((action) => action.destructive);
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <KebabButton label={label} className={className} />
      </DropdownMenuTrigger>
      <DropdownMenuContent aria-label={label}>
        {actions.map((action, index) => (
          <ActionMenuEntry key={action.label} action={action} separated={index === firstDestructive && index > 0} />
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

function ActionMenuEntry({ action, separated }: { action: MenuAction; separated: boolean }) {
  const id = useId();
  const labelId = `${id}-label`;
  const reasonId = `${id}-reason`;
  const showReason = action.disabled && action.disabledReason;
  return (
    <>
      {separated && <DropdownMenuSeparator />}
      <DropdownMenuItem
        // Disabled items stay focusable (as the WAI-ARIA menu pattern recommends) so keyboard and
        // screen-reader users reach them and hear the reason; selecting one does nothing.
        aria-disabled={action.disabled || undefined}
        aria-labelledby={labelId}
        aria-describedby={showReason ? reasonId : undefined}
        textValue={action.label}
        className={action.destructive ? 'menu-item-destructive' : undefined}
        onSelect={(event) => {
          if (action.disabled) {
            event.preventDefault();
            return;
          }
          action.onSelect();
        }}
      >
        <span id={labelId}>{action.label}</span>
        {showReason && (
          <span id={reasonId} className="menu-item-reason">
            {action.disabledReason}
          </span>
        )}
      </DropdownMenuItem>
    </>
  );
}
