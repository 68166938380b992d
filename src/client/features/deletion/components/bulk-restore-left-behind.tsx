import { useId } from 'react';
import type { BulkResult, ProjectRef } from '../../../../domain';
import { useMoveAliasBack } from './use-move-alias-back';

/**
 * What `Restore selected` could not undo, as a single restore's toast says it (decision 110): each
 * alias another version took meanwhile, with a button that moves it back, and the versions whose
 * run-out TTL the restore turned off. Nothing when every restored version is as it was.
 */
export function BulkRestoreLeftBehind({ project, result }: { project: ProjectRef; result: BulkResult }) {
  const heading = useId();
  const moveBack = useMoveAliasBack(project);
  const restored = result.results.filter((r) => r.ok && r.result);
  const leftBehind = restored.flatMap((r) =>
    (r.result?.aliasesNotRestored ?? []).map((alias) => ({ alias, collection: r.collection, version: r.result?.version ?? r.version })),
  );
  const ttlOff = restored.filter((r) => r.result?.ttlDisabled).map((r) => `${r.collection}:${r.result?.version ?? r.version}`);
  if (leftBehind.length === 0 && ttlOff.length === 0) return null;
  return (
    <div role="status" aria-labelledby={heading} className="inline-note">
      <p id={heading}>{leftBehind.length > 0 ? 'Aliases not restored' : 'TTLs turned off'}</p>
      <ul>
        {leftBehind.map((left) => (
          <li key={`${left.collection}:${left.version}:${left.alias}`}>
            {left.alias} stayed on the version that got it after the delete ({left.collection}:{left.version} came back without it).{' '}
            <button type="button" className="button button-small" onClick={() => moveBack({ ...left, holder: null })}>
              Move {left.alias} back to {left.collection}:{left.version}
            </button>
          </li>
        ))}
        {ttlOff.map((name) => (
          <li key={name}>{name}: its TTL had run out, so it is now turned off; the TTL scan will not delete it again.</li>
        ))}
      </ul>
    </div>
  );
}
