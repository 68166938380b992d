import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { formatBytes, formatCount, type Collection, type CollectionDeleteResponse, type ProjectRef } from '../../../../domain';
import { errorMessage } from '../../../lib/api-client';
import { ConfirmDialog } from '../../../ui/alert-dialog';
import { AliasChips } from '../../../ui/badge';
import { useDeleteCollection } from '../api/delete-collection';
import { useCollectionDeletionPreview } from '../api/get-collection-deletion-preview';
import { gcStatusQueryOptions } from '../api/get-gc-status';
import { PreviewFigures } from './preview-figures';
import { RetentionNote } from './retention-note';

/** Props of `DeleteCollectionDialog`, a controlled dialog; `onDeleted` gets the server's answer. */
export interface DeleteCollectionDialogProps {
  project: ProjectRef;
  collection: Collection;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The kebab that opened the dialog, focused again when it closes. */
  returnFocusTo?: HTMLElement | null;
  /** Where focus goes instead once the deleted row (and its kebab) has left the page. */
  fallbackFocus?: () => HTMLElement | null;
  onDeleted: (result: CollectionDeleteResponse) => void;
}

/**
 * Confirms a collection delete: how many versions, which aliases and how many bytes go, and a
 * "type the name" box, because one click here soft-deletes every version at once.
 */
export function DeleteCollectionDialog({ project, collection, open, onOpenChange, returnFocusTo, fallbackFocus, onDeleted }: DeleteCollectionDialogProps) {
  const inputId = useId();
  const hintId = useId();
  const [typed, setTyped] = useState('');
  const gc = useQuery({ ...gcStatusQueryOptions(), enabled: open });
  const preview = useCollectionDeletionPreview(project, collection.name, open);
  const remove = useDeleteCollection(project);
  const nameMatches = typed === collection.name;

  const changeOpen = (next: boolean) => {
    if (!next) {
      setTyped('');
      remove.reset();
    }
    onOpenChange(next);
  };

  const confirm = () => {
    if (!nameMatches || remove.isPending) return;
    remove.mutate(collection.name, {
      onSuccess: (result) => {
        changeOpen(false);
        onDeleted(result);
      },
    });
  };

  const figures = preview.data;
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={changeOpen}
      title={`Delete collection ${collection.name}?`}
      description={<RetentionNote subject={`${collection.name} leaves the sidebar and all its versions`} plural gc={gc.data} />}
      confirmLabel="Delete collection"
      pendingLabel="Deleting…"
      destructive
      onConfirm={confirm}
      pending={remove.isPending}
      canConfirm={nameMatches}
      error={remove.isError ? errorMessage(remove.error) : null}
      returnFocusTo={returnFocusTo}
      fallbackFocus={fallbackFocus}
    >
      {figures && (
        <div className="dialog-section">
          <p className="dialog-note">
            {`Deletes ${formatCount(figures.versionCount, 'version')} (${formatBytes(figures.totalBytes)})`}
            {figures.aliases.length === 0 ? ' and no aliases.' : ` and ${formatCount(figures.aliases.length, 'alias', 'aliases')}:`}
          </p>
          {figures.aliases.length > 0 && <AliasChips aliases={figures.aliases.map((a) => a.alias)} />}
        </div>
      )}
      <PreviewFigures preview={preview} collection={collection.name} />
      <div className="text-field">
        <label htmlFor={inputId}>Collection name</label>
        <input
          id={inputId}
          className="text-input mono"
          value={typed}
          autoComplete="off"
          spellCheck={false}
          aria-describedby={hintId}
          disabled={remove.isPending}
          onChange={(event) => setTyped(event.target.value)}
          // Enter confirms once the name matches, as a form would.
          onKeyDown={(event) => event.key === 'Enter' && confirm()}
        />
        <p id={hintId} className="field-hint">
          Type <span className="mono">{collection.name}</span> to confirm.
        </p>
      </div>
    </ConfirmDialog>
  );
}
