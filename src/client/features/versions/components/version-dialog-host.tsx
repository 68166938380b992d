/**
 * One host per kind of version dialog (`Set TTL…`, `Edit aliases…`), mounted by the project layout
 * next to the delete dialogs' host (decision 010): a kebab's item only sets state here, so the
 * dialog is never a child of a menu, nor of a row that a refetch or the virtualizer may unmount.
 */
import { createContext, useContext, useMemo, useState, type ComponentType, type ReactNode } from 'react';
import type { ProjectRef, Version } from '../../../../domain';
import { useToast } from '../../../ui/toast';
import { versionName } from './version-name';

/** A version that can be addressed by `vN` (not one still uploading). */
export type NamedVersion = Version & { version: string };

/** Props every hosted version dialog takes; it is controlled, and `onSaved` gets the server's answer. */
export interface VersionDialogProps {
  project: ProjectRef;
  version: NamedVersion;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The kebab that opened the dialog, focused again when it closes. */
  returnFocusTo?: HTMLElement | null;
  onSaved: (updated: Version) => void;
}

/** Opens the host's dialog on `version`; `returnFocusTo` (the kebab) gets focus back when it closes. */
export type OpenVersionDialog = (version: NamedVersion, returnFocusTo?: HTMLElement | null) => void;

interface Target {
  version: NamedVersion;
  returnFocusTo: HTMLElement | null;
  /** Counts the openings: each one starts the dialog over from the version as it is then. */
  opening: number;
}

/** A provider that renders `Dialog` when asked, and the hook that asks; `saved(name)` is the success toast. */
export function createVersionDialogHost(hostName: string, Dialog: ComponentType<VersionDialogProps>, saved: (name: string) => string) {
  const Context = createContext<OpenVersionDialog | null>(null);

  function Provider({ project, children }: { project: ProjectRef; children: ReactNode }) {
    // The target outlives `open` so the closing dialog can still give focus back.
    const [target, setTarget] = useState<Target | null>(null);
    const [open, setOpen] = useState(false);
    const { toast } = useToast();
    const openDialog = useMemo<OpenVersionDialog>(
      () =>
        (version, returnFocusTo = null) => {
          setTarget((current) => ({ version, returnFocusTo, opening: (current?.opening ?? 0) + 1 }));
          setOpen(true);
        },
      [],
    );
    return (
      <Context.Provider value={openDialog}>
        {children}
        {target && (
          <Dialog
            key={target.opening}
            project={project}
            version={target.version}
            open={open}
            onOpenChange={setOpen}
            returnFocusTo={target.returnFocusTo}
            onSaved={() => toast({ title: saved(versionName(target.version)) })}
          />
        )}
      </Context.Provider>
    );
  }
  Provider.displayName = hostName;

  function useOpenDialog(): OpenVersionDialog {
    const openDialog = useContext(Context);
    if (!openDialog) throw new Error(`This hook must be used inside <${hostName}>.`);
    return openDialog;
  }

  return { Provider, useOpenDialog };
}
