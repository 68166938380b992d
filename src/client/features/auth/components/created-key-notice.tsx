import type { z } from 'zod';
import type { CreatedApiKeySchema } from '../../../../domain';
import { useCopyToClipboard } from '../../../lib/use-copy-to-clipboard';

/** A new key, shown this once: the server keeps only its hash, so it cannot be shown again. */
export function CreatedKeyNotice({ created, onDismiss }: { created: z.infer<typeof CreatedApiKeySchema>; onDismiss: () => void }) {
  const copy = useCopyToClipboard();
  return (
    <section className="notice" aria-label={`New API key ${created.name}`}>
      <p>
        <strong>Copy the key {created.name} now.</strong> It is shown only this once; if you lose it, revoke it and create another.
      </p>
      <p className="key-reveal">
        <code className="mono">{created.key}</code>{' '}
        <button type="button" className="button button-small" onClick={() => copy(created.key)}>
          Copy key
        </button>{' '}
        <button type="button" className="button button-small" onClick={onDismiss}>
          Done
        </button>
      </p>
    </section>
  );
}
