/**
 * Radix AlertDialog wrapped once as `ConfirmDialog`: the frame every confirmation (delete a version,
 * delete a collection, run garbage collection) fills in. It is controlled, so it is rendered
 * outside any menu (the menu's sibling, or a page-level host) and opened from an action's `onSelect`.
 */
import * as Radix from '@radix-ui/react-alert-dialog';
import { type ReactNode, useId } from 'react';
import { focusAndHold } from './focus-successor';

/** Props of `ConfirmDialog`; `onConfirm` runs the action, the dialog stays open while `pending`; without it the dialog only informs. */
export interface ConfirmDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  /** The first paragraph, read out when the dialog opens. */
  description: ReactNode;
  /** Anything else the decision needs: sizes, aliases, a "type the name" box. */
  children?: ReactNode;
  /** Absent when there is nothing to confirm (a dry run found nothing): then only `Close`. */
  confirmLabel?: string;
  /** The confirm button's text while pending ("Deleting…"); defaults to `confirmLabel…`. */
  pendingLabel?: string;
  onConfirm?: () => void;
  destructive?: boolean;
  /** True while the request runs: the confirm button is busy and closing is blocked. */
  pending?: boolean;
  /** False until a required input is filled in (e.g. the collection name). */
  canConfirm?: boolean;
  /**
   * Why the confirm button cannot be pressed while `canConfirm` is false, e.g. a box to tick first.
   * Given, the button says so as the product's other refused actions do (`ReasonButton`): it stays
   * in the tab order with `aria-disabled`, ignores presses, and the reason is shown beside it as
   * its description. Absent, the button is simply disabled.
   */
  confirmDisabledReason?: string | null;
  /** The server's message when the action failed; the dialog owns its error. */
  error?: string | null;
  /**
   * Where focus goes when the dialog closes, usually the kebab that opened it. Needed because the
   * dialog opens as its menu closes, before the menu has given focus back to the kebab.
   */
  returnFocusTo?: HTMLElement | null;
  /**
   * Where focus goes when `returnFocusTo` has left the page (the action removed its row): called
   * as the dialog closes, and again if its choice leaves the page while the page settles (see
   * `focusAndHold`); null leaves Radix's default, the body.
   */
  fallbackFocus?: () => HTMLElement | null;
}

export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  description,
  children,
  confirmLabel,
  pendingLabel = `${confirmLabel ?? ''}…`,
  onConfirm,
  destructive = false,
  pending = false,
  canConfirm = true,
  confirmDisabledReason,
  error,
  returnFocusTo,
  fallbackFocus,
}: ConfirmDialogProps) {
  const reasonId = useId();
  const refusedBecause = !pending && !canConfirm ? (confirmDisabledReason ?? null) : null;
  return (
    <DialogFrame
      open={open}
      onOpenChange={onOpenChange}
      title={title}
      description={description}
      dismissable={!pending}
      returnFocusTo={returnFocusTo}
      fallbackFocus={fallbackFocus}
      buttons={
        <>
          {onConfirm && refusedBecause && (
            <span id={reasonId} className="dialog-reason muted">
              {refusedBecause}
            </span>
          )}
          <DialogClose disabled={pending}>{onConfirm ? 'Cancel' : 'Close'}</DialogClose>
          {/* A plain button, not Radix.Action: Action closes at once, but the dialog must stay
              open while the request runs and show its error if it fails. */}
          {onConfirm && (
            <button
              type="button"
              className={destructive ? 'button button-destructive' : 'button button-primary'}
              disabled={pending || (!canConfirm && !refusedBecause)}
              aria-disabled={refusedBecause ? true : undefined}
              aria-describedby={refusedBecause ? reasonId : undefined}
              aria-busy={pending || undefined}
              onClick={refusedBecause ? undefined : onConfirm}
            >
              {pending ? pendingLabel : confirmLabel}
            </button>
          )}
        </>
      }
    >
      {children}
      {error && (
        <p role="alert" className="dialog-error">
          {error}
        </p>
      )}
    </DialogFrame>
  );
}

/** Props of `DialogFrame`: a `ConfirmDialog` whose buttons the caller lays out (a dialog that moves through steps). */
export interface DialogFrameProps
  extends Pick<ConfirmDialogProps, 'open' | 'onOpenChange' | 'title' | 'description' | 'children' | 'returnFocusTo' | 'fallbackFocus'> {
  buttons: ReactNode;
  /** False while something runs that the dialog must show to its end: Escape and the overlay do not close it. */
  dismissable?: boolean;
}

/** The frame every alert dialog shares: overlay, title, description, content, the buttons row and focus on close. */
export function DialogFrame({ open, onOpenChange, title, description, children, buttons, dismissable = true, returnFocusTo, fallbackFocus }: DialogFrameProps) {
  return (
    <Radix.Root open={open} onOpenChange={(next) => (!dismissable && !next ? undefined : onOpenChange(next))}>
      <Radix.Portal>
        <Radix.Overlay className="dialog-overlay" />
        <Radix.Content
          className="dialog"
          onCloseAutoFocus={(event) => {
            // A kebab whose row was deleted is gone: then a neighbour, if the caller knows one.
            const target = returnFocusTo?.isConnected ? returnFocusTo : (fallbackFocus?.() ?? null);
            if (!target) return;
            event.preventDefault();
            if (fallbackFocus) focusAndHold(target, fallbackFocus);
            else target.focus();
          }}
        >
          <Radix.Title className="dialog-title">{title}</Radix.Title>
          <Radix.Description className="dialog-description">{description}</Radix.Description>
          {children}
          <div className="dialog-buttons">{buttons}</div>
        </Radix.Content>
      </Radix.Portal>
    </Radix.Root>
  );
}

/** The button that closes a dialog (Radix's Cancel: Escape's twin). */
export function DialogClose({ disabled = false, children }: { disabled?: boolean; children: ReactNode }) {
  return (
    <Radix.Cancel className="button" disabled={disabled}>
      {children}
    </Radix.Cancel>
  );
}
