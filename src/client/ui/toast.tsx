/**
 * Radix Toast wrapped once. `useToast()` gives `toast({ title, action })` to any component, e.g.
 * "Deleted mnist-train:v3" with an Undo action once deletion lands.
 */
import * as Radix from '@radix-ui/react-toast';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

/** A button of a toast; `altText` tells screen-reader users how to reach the action another way. */
export interface ToastAction {
  label: string;
  altText: string;
  onAction: () => void;
}

/** What a toast says, and its actions (Undo; Move prod back and Set TTL… after a restore). */
export interface ToastOptions {
  title: string;
  description?: string;
  action?: ToastAction;
  /** More buttons after `action`, e.g. one `Move <alias> back` per alias a restore could not bring back. */
  actions?: ToastAction[];
  variant?: 'default' | 'error';
  durationMs?: number;
}

interface ToastEntry extends ToastOptions {
  id: number;
  open: boolean;
}

/** What `toast()` gives back: a way to close that toast before its time, e.g. a "Restoring…" once the outcome is known. */
export interface ToastHandle {
  dismiss: () => void;
}

interface ToastApi {
  toast: (options: ToastOptions) => ToastHandle;
}

const ToastContext = createContext<ToastApi | null>(null);

let nextId = 1;

/** Holds the toasts and the viewport they appear in; mount once near the root. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ToastEntry[]>([]);

  const close = useCallback((id: number) => {
    setToasts((current) => current.map((entry) => (entry.id === id ? { ...entry, open: false } : entry)));
  }, []);

  const toast = useCallback(
    (options: ToastOptions) => {
      const id = nextId++;
      // Closed entries are dropped here rather than on close, so Radix can finish animating them out.
      setToasts((current) => [...current.filter((entry) => entry.open), { ...options, id, open: true }]);
      return { dismiss: () => close(id) };
    },
    [close],
  );

  const api = useMemo(() => ({ toast }), [toast]);

  return (
    <ToastContext.Provider value={api}>
      <Radix.Provider swipeDirection="right" duration={5000}>
        {children}
        {toasts.map((entry) => (
          <Radix.Root
            key={entry.id}
            open={entry.open}
            duration={entry.durationMs}
            onOpenChange={(open) => (open ? undefined : close(entry.id))}
            className={entry.variant === 'error' ? 'toast toast-error' : 'toast'}
          >
            <Radix.Title className="toast-title">{entry.title}</Radix.Title>
            {entry.description && <Radix.Description className="toast-description">{entry.description}</Radix.Description>}
            {entry.action && (
              <Radix.Action className="button button-small" altText={entry.action.altText} onClick={entry.action.onAction}>
                {entry.action.label}
              </Radix.Action>
            )}
            {entry.actions && entry.actions.length > 0 && (
              // Below the description: one line per fix, e.g. `Move prod back`, `Set TTL…`.
              <div className="toast-actions">
                {entry.actions.map((action) => (
                  <Radix.Action key={action.label} className="button button-small" altText={action.altText} onClick={action.onAction}>
                    {action.label}
                  </Radix.Action>
                ))}
              </div>
            )}
            <Radix.Close className="icon-button toast-close" aria-label="Dismiss notification">
              <span aria-hidden="true">×</span>
            </Radix.Close>
          </Radix.Root>
        ))}
        <Radix.Viewport className="toast-viewport" />
      </Radix.Provider>
    </ToastContext.Provider>
  );
}

/** The toast function of the nearest `ToastProvider`. */
export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error('useToast must be used inside <ToastProvider>.');
  return api;
}
