import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { ProjectRef, Version } from '../../../../domain';
import { errorMessage } from '../../../lib/api-client';
import { ConfirmDialog } from '../../../ui/alert-dialog';
import { AliasChips } from '../../../ui/badge';
import { useProtectedAliasLock } from '../../members/components/use-protected-alias-lock';
import { versionName } from '../../versions/components/version-name';
import { useDeleteVersion } from '../api/delete-version';
import { gcStatusQueryOptions } from '../api/get-gc-status';
import { useVersionDeletionPreview } from '../api/get-version-deletion-preview';
import { PreviewFigures } from './preview-figures';
import { RetentionNote } from './retention-note';

/** Props of `DeleteVersionDialog`, a controlled dialog; `onDeleted` gets the version as the server answered. */
export interface DeleteVersionDialogProps {
  project: ProjectRef;
  version: Version & { version: string };
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The kebab that opened the dialog, focused again when it closes. */
  returnFocusTo?: HTMLElement | null;
  /** Where focus goes instead once the deleted row (and its kebab) has left the page. */
  fallbackFocus?: () => HTMLElement | null;
  onDeleted: (deleted: Version) => void;
}

/**
 * Confirms a version delete: what happens to its files and when, what it frees, and, when it has
 * aliases, a checkbox without which Delete stays disabled (the server refuses such a delete with
 * `409 ALIASES_PRESENT` unless `deleteAliases=true`). When the version holds a protected alias of
 * the entity, it says so before anyone clicks: a member cannot delete it at all (the server answers
 * `403 PROTECTED_ALIAS` even with `deleteAliases`), so Delete stays disabled and the checkbox is not
 * offered; an admin may. It stays open while the request runs and shows the server's error itself.
 */
export function DeleteVersionDialog({ project, version, open, onOpenChange, returnFocusTo, fallbackFocus, onDeleted }: DeleteVersionDialogProps) {
  const checkboxId = useId();
  const [alsoAliases, setAlsoAliases] = useState(false);
  const gc = useQuery({ ...gcStatusQueryOptions(), enabled: open });
  const preview = useVersionDeletionPreview(project, version.collection, version.version, open);
  const remove = useDeleteVersion(project);
  const name = versionName(version);
  // The preview is fresher than the row the menu was opened from; until it answers, trust the row.
  const aliases = preview.data ? preview.data.aliases.map((a) => a.alias) : version.aliases;
  const latest = preview.data?.latest;
  const lock = useProtectedAliasLock(project.entity, open);
  const protectedHeld = lock.held(aliases);
  const blockedByProtection = protectedHeld.length > 0 && !lock.mayEdit;
  const protectedList = protectedHeld.map((a) => `"${a}"`).join(', ');

  const changeOpen = (next: boolean) => {
    if (!next) {
      // A reopened dialog starts over: no ticked box, no old error.
      setAlsoAliases(false);
      remove.reset();
    }
    onOpenChange(next);
  };

  const confirm = () =>
    remove.mutate(
      { version, deleteAliases: aliases.length > 0 && alsoAliases },
      {
        onSuccess: (deleted) => {
          changeOpen(false);
          onDeleted(deleted);
        },
      },
    );

  return (
    <ConfirmDialog
      open={open}
      onOpenChange={changeOpen}
      title={`Delete ${name}?`}
      description={<RetentionNote subject="The version" gc={gc.data} />}
      confirmLabel="Delete"
      pendingLabel="Deleting…"
      destructive
      onConfirm={confirm}
      pending={remove.isPending}
      canConfirm={!blockedByProtection && (aliases.length === 0 || alsoAliases)}
      // Protection explains itself in the warning above; the box is the one thing to do here.
      confirmDisabledReason={
        blockedByProtection ? null : `Tick "Also delete aliases" to delete this version with its ${aliases.length === 1 ? 'alias' : 'aliases'}.`
      }
      error={remove.isError ? errorMessage(remove.error) : null}
      returnFocusTo={returnFocusTo}
      fallbackFocus={fallbackFocus}
    >
      <PreviewFigures preview={preview} collection={version.collection} />
      {aliases.length > 0 && (
        <div className="dialog-section">
          <div className="dialog-aliases">
            <span>This version has {aliases.length === 1 ? 'an alias' : 'aliases'}:</span>
            <AliasChips aliases={aliases} />
          </div>
          {protectedHeld.length > 0 && (
            <p className={blockedByProtection ? 'dialog-warning' : 'dialog-note'}>
              {blockedByProtection
                ? `${protectedList} ${protectedHeld.length === 1 ? 'is a protected alias' : 'are protected aliases'} of ${project.entity}: only its admins may delete this version. Ask an admin, or have them move the alias first.`
                : `${protectedList} ${protectedHeld.length === 1 ? 'is a protected alias' : 'are protected aliases'} of ${project.entity}; as an admin you may delete it with this version.`}
            </p>
          )}
          {latest?.moves && !blockedByProtection && (
            <p className="dialog-note">{latest.to ? `"latest" will move to ${latest.to}.` : '"latest" will be removed: no other committed version is left.'}</p>
          )}
          {!blockedByProtection && (
            <div className="checkbox-field">
              <input
                id={checkboxId}
                type="checkbox"
                checked={alsoAliases}
                disabled={remove.isPending}
                onChange={(event) => setAlsoAliases(event.target.checked)}
              />
              <label htmlFor={checkboxId}>Also delete aliases</label>
            </div>
          )}
        </div>
      )}
    </ConfirmDialog>
  );
}
