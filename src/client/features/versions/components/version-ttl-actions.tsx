/**
 * The host of the TTL dialog of a project's pages, mounted by the project layout next to the
 * delete dialogs' host (decision 010): a kebab's `Set TTL…` only sets state here, so the dialog is
 * never a child of a menu, nor of a row that a refetch or the virtualizer may unmount.
 */
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import type { ProjectRef, Version } from '../../../../domain';
import { useToast } from '../../../ui/toast';
import { VersionTtlDialog } from './version-ttl-dialog';
import { versionName } from './version-name';

type NamedVersion = Version & { version: string };

/** What menus may ask of the host. */
export interface TtlActions {
  /** Opens the TTL dialog; `returnFocusTo` (the kebab) gets focus back when it closes. */
  editTtl: (version: NamedVersion, returnFocusTo?: HTMLElement | null) => void;
}

interface Target {
  version: NamedVersion;
  returnFocusTo: HTMLElement | null;
  /** Counts the openings: each one starts the dialog over from the version as it is then. */
  opening: number;
}

const TtlActionsContext = createContext<TtlActions | null>(null);

export function VersionTtlProvider({ project, children }: { project: ProjectRef; children: ReactNode }) {
  // The target outlives `open` so the closing dialog can still give focus back.
  const [target, setTarget] = useState<Target | null>(null);
  const [open, setOpen] = useState(false);
  const { toast } = useToast();

  const actions = useMemo<TtlActions>(
    () => ({
      editTtl: (version, returnFocusTo = null) => {
        setTarget((current) => ({ version, returnFocusTo, opening: (current?.opening ?? 0) + 1 }));
        setOpen(true);
      },
    }),
    [],
  );

  return (
    <TtlActionsContext.Provider value={actions}>
      {children}
      {target && (
        <VersionTtlDialog
          key={target.opening}
          project={project}
          version={target.version}
          open={open}
          onOpenChange={setOpen}
          returnFocusTo={target.returnFocusTo}
          onSaved={() => toast({ title: `TTL of ${versionName(target.version)} set` })}
        />
      )}
    </TtlActionsContext.Provider>
  );
}

/** The host's actions; every project page is inside `VersionTtlProvider`. */
export function useTtlActions(): TtlActions {
  const actions = useContext(TtlActionsContext);
  if (!actions) throw new Error('useTtlActions must be used inside <VersionTtlProvider>.');
  return actions;
}
