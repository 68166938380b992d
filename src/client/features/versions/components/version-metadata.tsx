import type { Version } from '../../../../domain';
import { useActorText } from '../../auth/api/use-actor-text';
import { Bytes } from '../../../ui/bytes';
import { RelativeTime } from '../../../ui/relative-time';
import { formatDays } from './ttl-format';

function ttlText(ttl: Version['ttl']): string {
  if (ttl.mode === 'disabled') return 'Never expires (TTL disabled)';
  if (ttl.days === null) return ttl.mode === 'inherit' ? 'Never expires (no project default)' : 'Never expires';
  const days = formatDays(ttl.days);
  return ttl.mode === 'inherit' ? `${days} (project default)` : `${days} (set on this version)`;
}

/** The facts about a version, as a description list. */
export function VersionMetadata({ version }: { version: Version }) {
  const actorText = useActorText();
  return (
    <dl className="metadata">
      <dt>Created</dt>
      <dd>
        <RelativeTime iso={version.createdAt} />
      </dd>
      <dt>Created by run</dt>
      <dd className="mono">{version.createdBy.runId ?? '—'}</dd>
      <dt>Digest</dt>
      <dd className="mono digest">{version.digest}</dd>
      <dt>Size</dt>
      <dd>
        <Bytes bytes={version.sizeBytes} />
      </dd>
      <dt>Files</dt>
      <dd>{version.fileCount.toLocaleString('en-US')}</dd>
      <dt>TTL</dt>
      <dd>
        {ttlText(version.ttl)}
        {version.ttl.expiresAt && (
          <>
            {Date.parse(version.ttl.expiresAt) <= Date.now() ? ' · expired ' : ' · expires '}
            <RelativeTime iso={version.ttl.expiresAt} />
          </>
        )}
      </dd>
      {version.deletedAt && (
        <>
          <dt>Deleted</dt>
          <dd>
            <RelativeTime iso={version.deletedAt} />
            {version.deletedBy && ` by ${actorText(version.deletedBy)}`}
          </dd>
        </>
      )}
      <dt>Id</dt>
      <dd className="mono">{version.id}</dd>
    </dl>
  );
}
