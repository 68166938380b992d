/** The host of the `Edit aliases…` dialog of a project's pages (see `version-dialog-host.tsx`). */
import { useMemo } from 'react';
import { EditAliasesDialog } from './edit-aliases-dialog';
import { createVersionDialogHost, type OpenVersionDialog } from './version-dialog-host';

/** What menus may ask of the host. */
export interface AliasActions {
  /** Opens the aliases dialog; `returnFocusTo` (the kebab) gets focus back when it closes. */
  editAliases: OpenVersionDialog;
}

const host = createVersionDialogHost('VersionAliasesProvider', EditAliasesDialog, (name) => `Aliases of ${name} saved`);

export const VersionAliasesProvider = host.Provider;

/** The host's actions; every project page is inside `VersionAliasesProvider`. */
export function useAliasActions(): AliasActions {
  const editAliases = host.useOpenDialog();
  return useMemo(() => ({ editAliases }), [editAliases]);
}
