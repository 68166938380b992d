import type { VersionState } from '../../../../domain';
import { Badge, type BadgeTone } from '../../../ui/badge';

const LOOKS: Record<VersionState, { label: string; tone: BadgeTone }> = {
  PENDING: { label: 'Uploading', tone: 'accent' },
  COMMITTED: { label: 'Committed', tone: 'neutral' },
  PENDING_DELETION: { label: 'Pending deletion', tone: 'warning' },
  DELETED: { label: 'Deleted', tone: 'danger' },
};

/** A version's state in words a person reads at a glance. */
export function VersionStateBadge({ state }: { state: VersionState }) {
  const look = LOOKS[state];
  return <Badge tone={look.tone}>{look.label}</Badge>;
}
