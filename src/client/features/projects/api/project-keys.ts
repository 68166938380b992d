import type { ProjectRef } from '../../../../domain';

/** Query keys of projects and their settings, written once. */
export const projectKeys = {
  all: ['projects'] as const,
  list: () => [...projectKeys.all, 'list'] as const,
  settings: (p: ProjectRef) => [...projectKeys.all, 'settings', p.entity, p.project] as const,
  /** What a default TTL of `days` (null: none) would do now; under `settings` so a save refetches it. */
  ttlPreview: (p: ProjectRef, days: number | null) => [...projectKeys.settings(p), 'ttl-preview', days] as const,
};
