/** The three states every data view has besides "here is the data": loading, empty and failed. */
import type { ReactNode } from 'react';

/** A polite "Loading …" that screen readers announce once. */
export function LoadingState({ label }: { label: string }) {
  return (
    <div className="state state-loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

/** Nothing to show, and what to do about it. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <p className="state-title">{title}</p>
      {children && <div className="state-body">{children}</div>}
    </div>
  );
}

/** A page that could not load keeps its level-one heading, so it still says where the user is. */
export function PageErrorState({ heading, ...props }: ErrorStateProps & { heading: string }) {
  return (
    <>
      <h1 className="workspace-title">{heading}</h1>
      <ErrorState {...props} />
    </>
  );
}

/** Props of `ErrorState`: `message` is the server's own sentence, `onRetry` refetches. */
export interface ErrorStateProps {
  title: string;
  message: string;
  onRetry?: () => void;
  retrying?: boolean;
}

export function ErrorState({ title, message, onRetry, retrying = false }: ErrorStateProps) {
  return (
    <div className="state state-error" role="alert">
      <p className="state-title">{title}</p>
      <p className="state-body">{message}</p>
      {onRetry && (
        // Never disabled while retrying: a disabled button drops keyboard focus to <body>.
        <button type="button" className="button" onClick={onRetry} aria-busy={retrying || undefined}>
          {retrying ? 'Retrying…' : 'Retry'}
        </button>
      )}
    </div>
  );
}
