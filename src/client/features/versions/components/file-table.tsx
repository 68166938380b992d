import type { ProjectRef, Version } from '../../../../domain';
import { apiPaths } from '../../../../domain';
import { errorMessage } from '../../../lib/api-client';
import { Bytes } from '../../../ui/bytes';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states';
import { useVersionFiles } from '../api/get-version-files';
import { ColumnHeader } from '../../../ui/column-header';

/** Props of `FileTable`: `version` must have a `vN` label (committed or deleted, not uploading). */
export interface FileTableProps {
  project: ProjectRef;
  version: Version & { version: string };
}

/** A version's files with their sizes and a download link each, 500 at a time. */
export function FileTable({ project, version }: FileTableProps) {
  const gone = version.state === 'DELETED';
  const files = useVersionFiles(project, version.collection, version.version, !gone);

  if (gone) {
    return <EmptyState title="Files garbage collected">This version was deleted and garbage collection removed its files.</EmptyState>;
  }
  if (files.isPending) return <LoadingState label="Loading files…" />;
  if (files.isError && !files.data) {
    return <ErrorState title="Could not load files" message={errorMessage(files.error)} onRetry={() => void files.refetch()} retrying={files.isFetching} />;
  }
  const entries = files.data.pages.flatMap((page) => page.items);
  if (entries.length === 0) return <EmptyState title="No files">This version has no files.</EmptyState>;

  return (
    <>
      <table className="data-table file-table" aria-label="Files">
        <thead>
          <tr>
            <ColumnHeader>Path</ColumnHeader>
            <ColumnHeader numeric>Size</ColumnHeader>
            <ColumnHeader>
              <span className="visually-hidden">Download</span>
            </ColumnHeader>
          </tr>
        </thead>
        <tbody>
          {entries.map((file) => (
            <tr key={file.path}>
              <td className="mono cell-path">{file.path}</td>
              <td className="numeric">
                <Bytes bytes={file.sizeBytes} />
              </td>
              <td className="cell-actions">
                <a
                  className="button button-small"
                  href={apiPaths.file(project, version.collection, version.version, file.path)}
                  download
                  aria-label={`Download ${file.path}`}
                >
                  Download
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {files.isFetchNextPageError && (
        <ErrorState title="Could not load more files" message={errorMessage(files.error)} onRetry={() => void files.fetchNextPage()} />
      )}
      {files.hasNextPage && !files.isFetchNextPageError && (
        <button type="button" className="button load-more" onClick={() => void files.fetchNextPage()} disabled={files.isFetchingNextPage}>
          {files.isFetchingNextPage
            ? 'Loading more files…'
            : `Show more files (${entries.length.toLocaleString('en-US')} of ${version.fileCount.toLocaleString('en-US')})`}
        </button>
      )}
    </>
  );
}
