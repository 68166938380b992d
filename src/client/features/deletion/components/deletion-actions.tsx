/**
 * One host for the delete dialogs of a project's pages, mounted by the project layout. Menus call
 * `confirmDeleteVersion(version)` from an action's `onSelect`, which only sets state here, so the
 * dialog is never a child of a menu. It is not a sibling inside the row either: the optimistic
 * delete removes the row while the dialog still shows "Deleting…" (see decision 010).
 */
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { formatCount, type Collection, type ProjectRef, type Version } from '../../../../domain';
import { pagePaths } from '../../../lib/paths';
import { captureFocusSuccessor, type FocusResolver, focusWhenBack } from '../../../ui/focus-successor';
import { useToast } from '../../../ui/toast';
import { versionName } from '../../versions/components/version-name';
import { DeleteCollectionDialog } from './delete-collection-dialog';
import { DeleteMatchingDialog, type DeleteMatchingRequest } from './delete-matching-dialog';
import { DeleteVersionDialog } from './delete-version-dialog';
import { useRestoreCollectionWithToast } from './use-restore-collection-with-toast';
import { useRestoreWithToast } from './use-restore-with-toast';

/** A version that can be addressed by `vN` (not one still uploading). */
type NamedVersion = Version & { version: string };

/** What menus and pages may ask of the host. */
export interface DeletionActions {
  /** Opens the delete dialog; `returnFocusTo` (the kebab) gets focus back when it closes. */
  confirmDeleteVersion: (version: NamedVersion, returnFocusTo?: HTMLElement | null) => void;
  confirmDeleteCollection: (collection: Collection, returnFocusTo?: HTMLElement | null) => void;
  /**
   * Opens the delete-many dialog over a deletion job's filter (a table's selection, or a
   * collection's versions without aliases); `onJobFinished` runs once the job has ended.
   */
  confirmDeleteMatching: (request: DeleteMatchingRequest, returnFocusTo?: HTMLElement | null, onJobFinished?: () => void) => void;
  restoreVersion: (version: NamedVersion) => void;
  /** Undoes a collection delete, saying how it went in a toast. */
  restoreCollection: (collection: string) => void;
}

/**
 * What the open dialog is about. `fallbackFocus` is read from the page when the dialog opens: on
 * success the row is gone, and focus moves to its neighbour instead of falling to <body>.
 */
type Target = (
  | { kind: 'version'; version: NamedVersion }
  | { kind: 'collection'; collection: Collection }
  | { kind: 'matching'; request: DeleteMatchingRequest; onJobFinished?: () => void; serial: number }
) & {
  returnFocusTo: HTMLElement | null;
  fallbackFocus: FocusResolver;
};

const DeletionActionsContext = createContext<DeletionActions | null>(null);

/** Wraps a project's pages; renders at most one delete dialog at a time. */
export function DeletionActionsProvider({ project, children }: { project: ProjectRef; children: ReactNode }) {
  // The target outlives `open` so the closed dialog keeps its mutation until the next one opens.
  const [target, setTarget] = useState<Target | null>(null);
  const [open, setOpen] = useState(false);
  // Each delete-many dialog starts afresh (its own dry run, job and undo), even over the same filter.
  const matchingSerial = useRef(0);
  const restoreVersion = useRestoreWithToast(project);
  const { restore: restoreCollection } = useRestoreCollectionWithToast(project);
  const { toast } = useToast();
  const navigate = useNavigate();
  const { pathname } = useLocation();

  const actions = useMemo<DeletionActions>(
    () => ({
      confirmDeleteVersion: (version, returnFocusTo = null) => {
        setTarget({ kind: 'version', version, returnFocusTo, fallbackFocus: captureFocusSuccessor(returnFocusTo) });
        setOpen(true);
      },
      confirmDeleteCollection: (collection, returnFocusTo = null) => {
        setTarget({ kind: 'collection', collection, returnFocusTo, fallbackFocus: captureFocusSuccessor(returnFocusTo) });
        setOpen(true);
      },
      confirmDeleteMatching: (request, returnFocusTo = null, onJobFinished) => {
        matchingSerial.current++;
        setTarget({
          kind: 'matching',
          request,
          onJobFinished,
          serial: matchingSerial.current,
          returnFocusTo,
          fallbackFocus: captureFocusSuccessor(returnFocusTo),
        });
        setOpen(true);
      },
      restoreVersion,
      restoreCollection,
    }),
    [restoreVersion, restoreCollection],
  );

  const versionDeleted = useCallback(
    (before: NamedVersion, deleted: Version) => {
      const name = versionName(before);
      // A page opened by an alias would follow the alias to another version: stay on this one.
      const viaAlias = before.aliases.find((alias) => pathname === pagePaths.version(project, before.type, before.collection, alias));
      if (viaAlias) void navigate(pagePaths.version(project, before.type, before.collection, before.version), { replace: true });
      toast({
        title: `Deleted ${name}`,
        durationMs: 10_000,
        action: {
          label: 'Undo',
          altText: `Restore ${name} from Pending deletion`,
          onAction: () => {
            restoreVersion({ ...deleted, version: before.version });
            focusWhenBack(`Actions for ${name}`);
          },
        },
      });
    },
    [navigate, pathname, project, restoreVersion, toast],
  );

  const collectionDeleted = useCallback(
    (collection: Collection, versionsDeleted: number) => {
      const pendingPath = pagePaths.pending(project);
      const collectionPath = pagePaths.collection(project, collection.type, collection.name);
      // Its page would now show an empty, deleted collection: show where its versions went instead.
      const leave = pathname === collectionPath || pathname.startsWith(`${collectionPath}/`);
      if (leave) void navigate(pendingPath);
      toast({
        title: `Deleted collection ${collection.name}`,
        description: `${formatCount(versionsDeleted, 'version')} ${versionsDeleted === 1 ? 'is' : 'are'} pending deletion.`,
        durationMs: 10_000,
        action: {
          label: 'Undo',
          altText: `Restore collection ${collection.name} from Pending deletion in the sidebar`,
          onAction: () => {
            restoreCollection(collection.name);
            focusWhenBack(`Actions for collection ${collection.name}`);
          },
        },
      });
    },
    [navigate, pathname, project, restoreCollection, toast],
  );

  return (
    <DeletionActionsContext.Provider value={actions}>
      {children}
      {target?.kind === 'version' && (
        <DeleteVersionDialog
          key={target.version.id}
          project={project}
          version={target.version}
          open={open}
          onOpenChange={setOpen}
          returnFocusTo={target.returnFocusTo}
          fallbackFocus={target.fallbackFocus}
          onDeleted={(deleted) => versionDeleted(target.version, deleted)}
        />
      )}
      {target?.kind === 'collection' && (
        <DeleteCollectionDialog
          key={target.collection.name}
          project={project}
          collection={target.collection}
          open={open}
          onOpenChange={setOpen}
          returnFocusTo={target.returnFocusTo}
          fallbackFocus={target.fallbackFocus}
          onDeleted={(result) => collectionDeleted(target.collection, result.versionsDeleted)}
        />
      )}
      {target?.kind === 'matching' && (
        <DeleteMatchingDialog
          key={target.serial}
          project={project}
          request={target.request}
          open={open}
          onOpenChange={setOpen}
          returnFocusTo={target.returnFocusTo}
          fallbackFocus={target.fallbackFocus}
          onJobFinished={target.onJobFinished}
        />
      )}
    </DeletionActionsContext.Provider>
  );
}

/** The host's actions; every project page is inside `DeletionActionsProvider`. */
export function useDeletionActions(): DeletionActions {
  const actions = useContext(DeletionActionsContext);
  if (!actions) throw new Error('useDeletionActions must be used inside <DeletionActionsProvider>.');
  return actions;
}
