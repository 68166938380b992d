/**
 * Radix Toast wrapped once. `useToast()` gives `toast({ title, action })` to any component, e.g.
 * "Deleted mnist-train:v3" with an Undo action once deletion lands.
 */
import * as Radix from '@radix-ui/react-toast';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

/** What a toast says, and an optional single action (Undo). */
export interface ToastOptions {
  title: string;
  description?: string;
  /** `altText` tells screen-reader users how to reach the action another way. */
  action?: { label: string; altText: string; onAction: () => void };
  variant?: 'default' | 'error';
  durationMs?: number;
}

interface ToastEntry extends ToastOptions {
  id: number;
  open: boolean;
}

interface ToastApi {
  toast: (options: ToastOptions) => void;
}

const ToastContext = createContext<ToastApi | null>(null);

let nextId = 1;

/** Holds the toasts and the viewport they appear in; mount once near the root. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ToastEntry[]>([]);

  const toast = useCallback((options: ToastOptions) => {
    // Closed entries are dropped here rather than on close, so Radix can finish animating them out.
    setToasts((current) => [...current.filter((entry) => entry.open), { ...options, id: nextId++, open: true }]);
  }, []);

  const close = useCallback((id: number) => {
    setToasts((current) => current.map((entry) => (entry.id === id ? { ...entry, open: false } : entry)));
  }, []);

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
