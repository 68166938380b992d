/** The host of the `Set TTL…` dialog of a project's pages (see `version-dialog-host.tsx`). */
import { useMemo } from 'react';
import { createVersionDialogHost, type OpenVersionDialog } from './version-dialog-host';
import { VersionTtlDialog } from './version-ttl-dialog';

/** What menus (and a restore's toast) may ask of the host. */
export interface TtlActions {
  /** Opens the TTL dialog; `returnFocusTo` (the kebab) gets focus back when it closes. */
  editTtl: OpenVersionDialog;
}

const host = createVersionDialogHost('VersionTtlProvider', VersionTtlDialog, (name) => `TTL of ${name} set`);

export const VersionTtlProvider = host.Provider;

/** The host's actions; every project page is inside `VersionTtlProvider`. */
export function useTtlActions(): TtlActions {
  const editTtl = host.useOpenDialog();
  return useMemo(() => ({ editTtl }), [editTtl]);
}
