import { useId, useState } from 'react';
import type { ApiKeySummary } from '../../../../domain';
import { errorMessage } from '../../../lib/api-client';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states';
import { useApiKeys, useCreateApiKey } from '../api/api-keys';
import { ApiKeyTable } from './api-key-table';
import { CreatedKeyNotice } from './created-key-notice';

/**
 * The user's API keys for the SDK, the CLI and scripts: create one (its key is shown once, here,
 * with a copy button), see each key's name, creation and last use, revoke one.
 */
export function ApiKeysSection() {
  const id = useId();
  const keys = useApiKeys();
  const create = useCreateApiKey();
  const [name, setName] = useState('');
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (create.isPending || name.trim() === '') return;
    create.mutate(name.trim(), { onSuccess: () => setName('') });
  };
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section-title">
        API keys
      </h2>
      <p className="muted">
        For the SDK (<code>apiKey</code>), the CLI (<code>ATTIC_API_KEY</code> or <code>attic login</code>) and scripts, sent as{' '}
        <code>Authorization: Bearer &lt;key&gt;</code>. A key acts as you, with your roles.
      </p>
      <form className="inline-form" onSubmit={submit}>
        <label htmlFor={`${id}-name`}>Key name</label>
        <input id={`${id}-name`} className="text-input" required maxLength={100} value={name} onChange={(event) => setName(event.target.value)} />
        <button type="submit" className="button" aria-busy={create.isPending || undefined}>
          {create.isPending ? 'Creating…' : 'Create key'}
        </button>
        {create.isError && (
          <p role="alert" className="field-error">
            {errorMessage(create.error)}
          </p>
        )}
      </form>
      {/* Keyed by the key's id: a second key replaces the first notice, and leaving the page forgets it for good. */}
      {create.data && <CreatedKeyNotice key={create.data.id} created={create.data} onDismiss={() => create.reset()} />}
      <KeyList keys={keys.data?.items} query={keys} />
    </section>
  );
}

function KeyList({ keys, query }: { keys: ApiKeySummary[] | undefined; query: ReturnType<typeof useApiKeys> }) {
  if (query.isPending) return <LoadingState label="Loading API keys…" />;
  if (query.isLoadingError) return <ErrorState title="Could not load your API keys" message={errorMessage(query.error)} onRetry={() => void query.refetch()} />;
  if (!keys || keys.length === 0) return <EmptyState title="No API keys yet">Create one above for a script or the CLI.</EmptyState>;
  return <ApiKeyTable keys={keys} />;
}
