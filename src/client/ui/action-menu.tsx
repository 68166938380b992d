/**
 * Actions are plain data (`makeVersionActions(version)` returns `MenuAction[]`) and this one
 * component renders any list of them behind a kebab button. An action that opens a dialog only
 * sets state in its `onSelect`; the dialog is rendered outside the menu (as its sibling, or by a
 * page-level host such as the delete dialogs' in decision 010), never inside it: a dialog inside
 * a closing menu leaves Radix's `pointer-events: none` behind.
 */
import { useId, useRef } from 'react';
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from './dropdown-menu';
import { KebabButton } from './kebab-button';

/** What an action learns when it is selected. */
export interface MenuActionEvent {
  /** The kebab that opened the menu: where a dialog the action opens returns focus when it closes. */
  trigger: HTMLElement | null;
}

/** One entry of an action menu. */
export interface MenuAction {
  label: string;
  onSelect: (event: MenuActionEvent) => void;
  /** Shown but not runnable; say why in `disabledReason` rather than hiding the action. */
  disabled?: boolean;
  disabledReason?: string;
  /** Red, and set apart by a separator: deletes and other actions that lose something. */
  destructive?: boolean;
}

/** An entry that is disabled, with the reason, when `refused` says why it may not run (a role the user lacks). */
export function guarded(label: string, refused: string | null, onSelect: MenuAction['onSelect'], extra: Partial<MenuAction> = {}): MenuAction {
  return { label, onSelect, ...extra, disabled: refused !== null, disabledReason: refused ?? undefined };
}

/** Props of `ActionMenu`: `label` names the kebab button, e.g. `Actions for mnist-train:v11`. */
export interface ActionMenuProps {
  label: string;
  actions: MenuAction[];
  className?: string;
}

export function ActionMenu({ label, actions, className }: ActionMenuProps) {
  const firstDestructive = actions.findIndex((action) => action.destructive);
  const triggerRef = useRef<HTMLButtonElement>(null);
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild ref={triggerRef}>
        <KebabButton label={label} className={className} />
      </DropdownMenuTrigger>
      <DropdownMenuContent aria-label={label}>
        {actions.map((action, index) => (
          <ActionMenuEntry
            key={action.label}
            action={action}
            separated={index === firstDestructive && index > 0}
            onSelect={() => action.onSelect({ trigger: triggerRef.current })}
          />
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

function ActionMenuEntry({ action, separated, onSelect }: { action: MenuAction; separated: boolean; onSelect: () => void }) {
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
          onSelect();
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
