import { useState } from 'react';
import type { ApiKeySummary } from '../../../../domain';
import { errorMessage } from '../../../lib/api-client';
import { ConfirmDialog } from '../../../ui/alert-dialog';
import { RelativeTime } from '../../../ui/relative-time';
import { useToast } from '../../../ui/toast';
import { useRevokeApiKey } from '../api/api-keys';

/** The keys, newest first, each with Revoke… whose confirmation is this table's sibling. */
export function ApiKeyTable({ keys }: { keys: ApiKeySummary[] }) {
  const [target, setTarget] = useState<{ key: ApiKeySummary; button: HTMLElement } | null>(null);
  const revoke = useRevokeApiKey();
  const { toast } = useToast();
  const close = () => {
    setTarget(null);
    revoke.reset();
  };
  return (
    <>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <tr key={key.id}>
              <td>{key.name}</td>
              <td>
                <RelativeTime iso={key.createdAt} />
              </td>
              <td>{key.lastUsedAt ? <RelativeTime iso={key.lastUsedAt} /> : <span className="muted">Never</span>}</td>
              <td className="cell-actions">
                <button
                  type="button"
                  className="button button-small button-destructive"
                  aria-label={`Revoke ${key.name}`}
                  onClick={(event) => setTarget({ key, button: event.currentTarget })}
                >
                  Revoke…
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ConfirmDialog
        open={target !== null}
        onOpenChange={(open) => !open && close()}
        title={`Revoke ${target?.key.name ?? 'key'}?`}
        description="Scripts and tools using this key are refused from now on. This cannot be undone; create a new key if you need one."
        confirmLabel="Revoke"
        pendingLabel="Revoking…"
        destructive
        pending={revoke.isPending}
        error={revoke.isError ? errorMessage(revoke.error) : null}
        returnFocusTo={target?.button}
        onConfirm={() => {
          if (!target) return;
          const { name } = target.key;
          revoke.mutate(target.key.id, {
            onSuccess: () => {
              close();
              toast({ title: `Revoked ${name}` });
            },
          });
        }}
      />
    </>
  );
}
