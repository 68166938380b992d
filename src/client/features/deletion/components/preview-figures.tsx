import type { UseQueryResult } from '@tanstack/react-query';
import { formatBytes, type DeletionPreview } from '../../../../domain';
import { errorMessage } from '../../../lib/api-client';

/** `v410` within the collection being deleted from, `cnn:v3` elsewhere: short where it can be. */
function sharerName(sharer: DeletionPreview['sharedWith'][number], collection: string): string {
  const version = sharer.version ?? 'uploading';
  return sharer.collection === collection ? version : `${sharer.collection}:${version}`;
}

/** "Frees 2.1 MB once collected · 6.0 MB stays: shared with v410, v409 and 3 more". */
export function bytesSentence(preview: DeletionPreview, collection: string): string {
  const frees = preview.reclaimableBytes > 0 ? `Frees ${formatBytes(preview.reclaimableBytes)} once collected` : 'Frees nothing once collected';
  if (preview.sharedBytes === 0) return frees;
  const names = preview.sharedWith.map((s) => sharerName(s, collection));
  const more = preview.sharedWithCount - names.length;
  const list = names.length === 0 ? '' : `: shared with ${names.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
  return `${frees} · ${formatBytes(preview.sharedBytes)} stays${list}`;
}

/** Props of `PreviewFigures`: the preview query and the collection its names are relative to. */
export interface PreviewFiguresProps {
  preview: UseQueryResult<DeletionPreview>;
  collection: string;
}

/**
 * The bytes line of a delete dialog. A preview that fails does not block the delete (the delete
 * itself is what matters); it says why the figures are missing instead.
 */
export function PreviewFigures({ preview, collection }: PreviewFiguresProps) {
  if (preview.isPending) {
    return (
      <p className="dialog-section muted" role="status">
        Working out what this frees…
      </p>
    );
  }
  if (preview.isError) return <p className="dialog-section muted">Could not work out what this frees: {errorMessage(preview.error)}</p>;
  return <p className="dialog-section">{bytesSentence(preview.data, collection)}</p>;
}
